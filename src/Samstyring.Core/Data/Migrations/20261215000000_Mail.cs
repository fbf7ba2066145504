using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Samstyring.Core.Data.Migrations;

// E-mail (issue 13): the outbox the areas queue messages in, with their attachments, and an e-mail address per council
// member for the meeting notices. New tables and a nullable column: the same operations on SQLite and PostgreSQL.
[DbContext(typeof(SamstyringDb))]
[Migration(Id)]
public partial class Mail : Migration
{
    public const string Id = "20261215000000_Mail";

    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("outbox_messages", t => new
        {
            Id = t.Identity(),
            Kind = t.Column<string>(maxLength: 40, nullable: false),
            To = t.Column<string>(maxLength: 254, nullable: false),
            ToName = t.Column<string>(maxLength: 200, nullable: false),
            Subject = t.Column<string>(maxLength: 300, nullable: false),
            TextBody = t.Column<string>(nullable: false),
            HtmlBody = t.Column<string>(nullable: true),
            DedupKey = t.Column<string>(maxLength: 200, nullable: true),
            MessageId = t.Column<string>(maxLength: 200, nullable: false),
            Status = t.Column<string>(maxLength: 20, nullable: false),
            Attempts = t.Column<int>(nullable: false),
            NextAttemptAt = t.Column<DateTime>(nullable: false),
            LastError = t.Column<string>(maxLength: 1000, nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
            SentAt = t.Column<DateTime>(nullable: true),
            CreatedBy = t.Column<string>(maxLength: 80, nullable: false),
            ResentBy = t.Column<string>(maxLength: 80, nullable: true),
            Version = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_outbox_messages", x => x.Id));
        m.CreateIndex("IX_outbox_messages_DedupKey", "outbox_messages", "DedupKey", unique: true);
        m.CreateIndex("IX_outbox_messages_Status_NextAttemptAt", "outbox_messages", ["Status", "NextAttemptAt"]);

        m.CreateTable("outbox_attachments", t => new
        {
            Id = t.Identity(),
            MessageId = t.Column<int>(nullable: false),
            FileName = t.Column<string>(maxLength: 200, nullable: false),
            ContentType = t.Column<string>(maxLength: 100, nullable: false),
            Content = t.Column<byte[]>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_outbox_attachments", x => x.Id);
            t.ForeignKey("FK_outbox_attachments_outbox_messages_MessageId", x => x.MessageId, "outbox_messages", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_outbox_attachments_MessageId", "outbox_attachments", "MessageId");

        m.AddColumn<string>("Email", "body_members", maxLength: 254, nullable: true);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("outbox_attachments");
        m.DropTable("outbox_messages");
        // EF refuses DropColumn on SQLite, which has had ALTER TABLE … DROP COLUMN since 3.35.
        if (m.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite") m.Sql("""ALTER TABLE "body_members" DROP COLUMN "Email";""");
        else m.DropColumn("Email", "body_members");
    }
}
