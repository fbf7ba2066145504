using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Samstyring.Core.Data.Migrations;

// Sign-in through identity providers (issue 13): the identifiers a user is found by on a first sign-in (e-mail, HPR
// number, national identity number; each unique), a version on users for the office's edits, the identities linked to
// users, and those who wait for access. New tables and nullable or defaulted columns: the same on SQLite and PostgreSQL.
[DbContext(typeof(SamstyringDb))]
[Migration(Id)]
public partial class ExternalSignIn : Migration
{
    public const string Id = "20261216000000_ExternalSignIn";

    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("Email", "users", maxLength: 254, nullable: true);
        m.AddColumn<string>("HprNumber", "users", maxLength: 9, nullable: true);
        m.AddColumn<string>("PersonalId", "users", maxLength: 11, nullable: true);
        m.AddColumn<int>("Version", "users", nullable: false, defaultValue: 0);
        m.CreateIndex("IX_users_Email", "users", "Email", unique: true);
        m.CreateIndex("IX_users_HprNumber", "users", "HprNumber", unique: true);
        m.CreateIndex("IX_users_PersonalId", "users", "PersonalId", unique: true);

        m.CreateTable("external_logins", t => new
        {
            Id = t.Identity(),
            UserId = t.Column<int>(nullable: false),
            Provider = t.Column<string>(maxLength: 40, nullable: false),
            Subject = t.Column<string>(maxLength: 200, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_external_logins", x => x.Id);
            t.ForeignKey("FK_external_logins_users_UserId", x => x.UserId, "users", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_external_logins_Provider_Subject", "external_logins", ["Provider", "Subject"], unique: true);
        m.CreateIndex("IX_external_logins_UserId", "external_logins", "UserId");

        m.CreateTable("access_requests", t => new
        {
            Id = t.Identity(),
            Provider = t.Column<string>(maxLength: 40, nullable: false),
            Subject = t.Column<string>(maxLength: 200, nullable: false),
            DisplayName = t.Column<string>(maxLength: 200, nullable: false),
            Email = t.Column<string>(maxLength: 254, nullable: true),
            HprNumber = t.Column<string>(maxLength: 9, nullable: true),
            OrgNumber = t.Column<string>(maxLength: 9, nullable: true),
            OrganizationId = t.Column<int>(nullable: true),
            FirstSeenAt = t.Column<DateTime>(nullable: false),
            LastSeenAt = t.Column<DateTime>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_access_requests", x => x.Id);
            t.ForeignKey("FK_access_requests_organizations_OrganizationId", x => x.OrganizationId, "organizations", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_access_requests_Provider_Subject", "access_requests", ["Provider", "Subject"], unique: true);
        m.CreateIndex("IX_access_requests_OrganizationId", "access_requests", "OrganizationId");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("access_requests");
        m.DropTable("external_logins");
        m.DropIndex("IX_users_PersonalId", "users");
        m.DropIndex("IX_users_HprNumber", "users");
        m.DropIndex("IX_users_Email", "users");
        foreach (var column in new[] { "Version", "PersonalId", "HprNumber", "Email" })
        {
            // SQLite (3.35+) drops a plain column in place; without a target model EF would try to rebuild the table.
            if (m.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite") m.Sql($"""ALTER TABLE "users" DROP COLUMN "{column}";""");
            else m.DropColumn(column, "users");
        }
    }
}
