using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Samstyring.Core.Data.Migrations;

// Sign-in sessions that can be ended (sign-out), and a security stamp per user that ends them all (a new password, role
// or organisation). Accounts that existed before get the empty stamp; their old cookies carry no session and end anyway.
[DbContext(typeof(SamstyringDb))]
[Migration("20261204000000_Sessions")]
public partial class Sessions : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("SecurityStamp", "users", maxLength: 64, nullable: false, defaultValue: "");

        m.CreateTable("user_sessions", t => new
        {
            Id = t.Column<string>(maxLength: 64, nullable: false),
            UserId = t.Column<int>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            EndedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_user_sessions", x => x.Id);
            t.ForeignKey("FK_user_sessions_users_UserId", x => x.UserId, "users", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_user_sessions_UserId", "user_sessions", "UserId");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("user_sessions");
        m.DropColumn("SecurityStamp", "users");
    }
}
