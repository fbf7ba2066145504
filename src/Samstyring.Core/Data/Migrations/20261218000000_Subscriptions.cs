using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Samstyring.Core.Data.Migrations;

// E-mail subscriptions (issue 13): subscriptions with double opt-in, the hashed unsubscribe token of each mail, and the
// extra headers (List-Unsubscribe) an outbox message carries. New tables and a nullable column: the same operations on
// SQLite and PostgreSQL.
[DbContext(typeof(SamstyringDb))]
[Migration(Id)]
public partial class Subscriptions : Migration
{
    public const string Id = "20261218000000_Subscriptions";

    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("subscriptions", t => new
        {
            Id = t.Identity(),
            Email = t.Column<string>(maxLength: 254, nullable: false),
            Topic = t.Column<string>(maxLength: 120, nullable: false),
            Status = t.Column<string>(maxLength: 20, nullable: false),
            ConfirmTokenHash = t.Column<string>(maxLength: 64, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            ConfirmationSentAt = t.Column<DateTime>(nullable: false),
            ExpiresAt = t.Column<DateTime>(nullable: false),
            ConfirmedAt = t.Column<DateTime>(nullable: true),
            Version = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_subscriptions", x => x.Id));
        m.CreateIndex("IX_subscriptions_Email_Topic", "subscriptions", ["Email", "Topic"], unique: true);
        m.CreateIndex("IX_subscriptions_ConfirmTokenHash", "subscriptions", "ConfirmTokenHash", unique: true);
        m.CreateIndex("IX_subscriptions_Topic_Status", "subscriptions", ["Topic", "Status"]);

        m.CreateTable("subscription_tokens", t => new
        {
            Id = t.Identity(),
            SubscriptionId = t.Column<int>(nullable: false),
            TokenHash = t.Column<string>(maxLength: 64, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_subscription_tokens", x => x.Id);
            t.ForeignKey("FK_subscription_tokens_subscriptions_SubscriptionId", x => x.SubscriptionId, "subscriptions", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_subscription_tokens_TokenHash", "subscription_tokens", "TokenHash", unique: true);
        m.CreateIndex("IX_subscription_tokens_SubscriptionId", "subscription_tokens", "SubscriptionId");

        m.AddColumn<string>("Headers", "outbox_messages", maxLength: 2000, nullable: true);
    }

    protected override void Down(MigrationBuilder m)
    {
        // SQLite (3.35+) drops a plain column in place; without a target model EF would try to rebuild the table.
        if (m.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite") m.Sql("""ALTER TABLE "outbox_messages" DROP COLUMN "Headers";""");
        else m.DropColumn("Headers", "outbox_messages");
        m.DropTable("subscription_tokens");
        m.DropTable("subscriptions");
    }
}
