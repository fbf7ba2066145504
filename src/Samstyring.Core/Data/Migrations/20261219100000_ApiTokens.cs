using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Samstyring.Core.Data.Migrations;

// API tokens (issue 14): API clients authenticate with a token (Authorization: Bearer sst_…) instead of a password hashed
// on every request. Only the SHA-256 of each token is stored, under a unique index. A new table: the same operations on
// SQLite and PostgreSQL.
[DbContext(typeof(SamstyringDb))]
[Migration(Id)]
public partial class ApiTokens : Migration
{
    public const string Id = "20261219100000_ApiTokens";

    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("api_tokens", t => new
        {
            Id = t.Identity(),
            Name = t.Column<string>(maxLength: 100, nullable: false),
            Kind = t.Column<string>(maxLength: 20, nullable: false),
            SecretHash = t.Column<string>(maxLength: 64, nullable: false),
            Prefix = t.Column<string>(maxLength: 12, nullable: false),
            UserId = t.Column<int>(nullable: false),
            Role = t.Column<string>(maxLength: 40, nullable: false),
            OrganizationId = t.Column<int>(nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
            ExpiresAt = t.Column<DateTime>(nullable: false),
            LastUsedAt = t.Column<DateTime>(nullable: true),
            RevokedAt = t.Column<DateTime>(nullable: true),
            RevokedBy = t.Column<string>(maxLength: 80, nullable: true),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_api_tokens", x => x.Id);
            t.ForeignKey("FK_api_tokens_users_UserId", x => x.UserId, "users", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_api_tokens_organizations_OrganizationId", x => x.OrganizationId, "organizations", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_api_tokens_SecretHash", "api_tokens", "SecretHash", unique: true);
        m.CreateIndex("IX_api_tokens_UserId", "api_tokens", "UserId");
        m.CreateIndex("IX_api_tokens_OrganizationId", "api_tokens", "OrganizationId");
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("api_tokens");
}
