using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Samstyring.Core.Data.Migrations;

// Publication to eInnsyn (issue 15): the outbox of records for eInnsyn and the ids eInnsyn gave the published objects.
// Working state (not backed up): new tables only, the same operations on SQLite and PostgreSQL.
[DbContext(typeof(SamstyringDb))]
[Migration(Id)]
public partial class EInnsyn : Migration
{
    public const string Id = "20261221000000_EInnsyn";

    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("einnsyn_outbox", t => new
        {
            Id = t.Identity(),
            Kind = t.Column<string>(maxLength: 20, nullable: false),
            BodyId = t.Column<int>(nullable: false),
            MeetingId = t.Column<int>(nullable: false),
            CaseId = t.Column<int>(nullable: true),
            DedupKey = t.Column<string>(maxLength: 200, nullable: false),
            ExternalId = t.Column<string>(maxLength: 200, nullable: false),
            Method = t.Column<string>(maxLength: 10, nullable: false),
            Title = t.Column<string>(maxLength: 400, nullable: false),
            Payload = t.Column<string>(nullable: false),
            Status = t.Column<string>(maxLength: 20, nullable: false),
            Attempts = t.Column<int>(nullable: false),
            NextAttemptAt = t.Column<DateTime>(nullable: false),
            LastError = t.Column<string>(maxLength: 1000, nullable: true),
            HttpStatus = t.Column<int>(nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
            SentAt = t.Column<DateTime>(nullable: true),
            EInnsynId = t.Column<string>(maxLength: 100, nullable: true),
            CreatedBy = t.Column<string>(maxLength: 80, nullable: false),
            ResentBy = t.Column<string>(maxLength: 80, nullable: true),
            Version = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_einnsyn_outbox", x => x.Id));
        m.CreateIndex("IX_einnsyn_outbox_DedupKey", "einnsyn_outbox", "DedupKey", unique: true);
        m.CreateIndex("IX_einnsyn_outbox_Status_NextAttemptAt", "einnsyn_outbox", ["Status", "NextAttemptAt"]);
        m.CreateIndex("IX_einnsyn_outbox_MeetingId", "einnsyn_outbox", "MeetingId");

        m.CreateTable("einnsyn_ids", t => new
        {
            Id = t.Identity(),
            Kind = t.Column<string>(maxLength: 20, nullable: false),
            SourceId = t.Column<int>(nullable: false),
            EInnsynId = t.Column<string>(maxLength: 100, nullable: false),
            PublishedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_einnsyn_ids", x => x.Id));
        m.CreateIndex("IX_einnsyn_ids_Kind_SourceId", "einnsyn_ids", ["Kind", "SourceId"], unique: true);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("einnsyn_ids");
        m.DropTable("einnsyn_outbox");
    }
}
