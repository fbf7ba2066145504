using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Samstyring.Core.Data.Migrations;

// Several app nodes over one database (issue 14): the data-protection key ring every node reads (login cookies,
// antiforgery tokens), and attachment files kept in the database with PostgreSQL. New tables only: the same operations
// on SQLite and PostgreSQL (bytea / BLOB).
[DbContext(typeof(SamstyringDb))]
[Migration(Id)]
public partial class SharedNodeState : Migration
{
    public const string Id = "20261219200000_SharedNodeState";

    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("data_protection_keys", t => new
        {
            Id = t.Identity(),
            FriendlyName = t.Column<string>(nullable: true),
            Xml = t.Column<string>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_data_protection_keys", x => x.Id));

        m.CreateTable("attachment_contents", t => new
        {
            AttachmentId = t.Column<int>(nullable: false),
            Content = t.Column<byte[]>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_attachment_contents", x => x.AttachmentId);
            t.ForeignKey("FK_attachment_contents_attachments_AttachmentId", x => x.AttachmentId, "attachments", "Id", onDelete: ReferentialAction.Cascade);
        });
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("attachment_contents");
        m.DropTable("data_protection_keys");
    }
}
