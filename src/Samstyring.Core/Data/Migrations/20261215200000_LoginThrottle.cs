using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Samstyring.Core.Data.Migrations;

// Login throttling (issue 13): the tries per user name at an address, per address and per user name, and the addresses
// where a user has signed in. A new table: the same operations on SQLite and PostgreSQL.
[DbContext(typeof(SamstyringDb))]
[Migration(Id)]
public partial class LoginThrottle : Migration
{
    public const string Id = "20261215200000_LoginThrottle";

    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("login_throttles", t => new
        {
            Id = t.Identity(),
            Kind = t.Column<string>(maxLength: 20, nullable: false),
            Key = t.Column<string>(maxLength: 200, nullable: false),
            Attempts = t.Column<int>(nullable: false),
            WindowStart = t.Column<DateTime>(nullable: false),
            NextAllowedAt = t.Column<DateTime>(nullable: true),
            LockedUntil = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_login_throttles", x => x.Id));
        m.CreateIndex("IX_login_throttles_Kind_Key", "login_throttles", ["Kind", "Key"], unique: true);
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("login_throttles");
}
