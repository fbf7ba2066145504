using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Samstyring.Core.Data.Migrations;

// Reminders of deadlines (issue 13): a receipt per reminder queued, unique over kind, subject, recipient and deadline, so a
// reminder is queued once however often (and on however many nodes) its job runs. A new table: the same on SQLite and
// PostgreSQL.
[DbContext(typeof(SamstyringDb))]
[Migration(Id)]
public partial class Reminders : Migration
{
    public const string Id = "20261217000000_Reminders";

    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("reminder_receipts", t => new
        {
            Id = t.Identity(),
            Kind = t.Column<string>(maxLength: 40, nullable: false),
            SubjectKey = t.Column<string>(maxLength: 100, nullable: false),
            RecipientId = t.Column<int>(nullable: false),
            Deadline = t.Column<DateOnly>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_reminder_receipts", x => x.Id));
        m.CreateIndex("IX_reminder_receipts_Kind_SubjectKey_RecipientId_Deadline", "reminder_receipts",
            ["Kind", "SubjectKey", "RecipientId", "Deadline"], unique: true);
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("reminder_receipts");
}
