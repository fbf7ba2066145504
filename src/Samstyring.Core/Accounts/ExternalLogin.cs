using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Samstyring.Core.Accounts;

/// <summary>
/// A user's identity at an identity provider (HelseID, ID-porten, Entra ID): the provider's name in the configuration and
/// the subject (<c>sub</c>) it gives the person. Once linked, the next sign-in finds the user by it alone.
/// </summary>
public class ExternalLogin
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public User User { get; set; } = null!;
    public required string Provider { get; set; }
    public required string Subject { get; set; }
    public DateTime CreatedAt { get; set; }
}

public class ExternalLoginConfiguration : IEntityTypeConfiguration<ExternalLogin>
{
    public void Configure(EntityTypeBuilder<ExternalLogin> b)
    {
        b.ToTable("external_logins");
        b.Property(l => l.Provider).HasMaxLength(ExternalIdentity.ProviderMax);
        b.Property(l => l.Subject).HasMaxLength(ExternalIdentity.SubjectMax);
        b.HasIndex(l => new { l.Provider, l.Subject }).IsUnique();
        b.HasIndex(l => l.UserId);
        b.HasOne(l => l.User).WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Someone who signed in through an identity provider and matched no user: held until the office grants access (or
/// refuses it). What the provider said about them is kept to help the office decide, and the organisation its
/// organisation number names is pre-selected.
/// </summary>
public class AccessRequest
{
    public int Id { get; set; }
    public required string Provider { get; set; }
    public required string Subject { get; set; }
    public required string DisplayName { get; set; }
    public string? Email { get; set; }
    public string? HprNumber { get; set; }
    public string? OrgNumber { get; set; }
    public int? OrganizationId { get; set; }
    public Actors.Organization? Organization { get; set; }
    public DateTime FirstSeenAt { get; set; }
    public DateTime LastSeenAt { get; set; }
    public int Version { get; set; }
}

public class AccessRequestConfiguration : IEntityTypeConfiguration<AccessRequest>
{
    public void Configure(EntityTypeBuilder<AccessRequest> b)
    {
        b.ToTable("access_requests");
        b.Property(r => r.Provider).HasMaxLength(ExternalIdentity.ProviderMax);
        b.Property(r => r.Subject).HasMaxLength(ExternalIdentity.SubjectMax);
        b.HasIndex(r => new { r.Provider, r.Subject }).IsUnique();
        b.Property(r => r.DisplayName).HasMaxLength(200);
        b.Property(r => r.Email).HasMaxLength(254);
        b.Property(r => r.HprNumber).HasMaxLength(9);
        b.Property(r => r.OrgNumber).HasMaxLength(9);
        b.HasOne(r => r.Organization).WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.SetNull);
        b.Property(r => r.Version).IsConcurrencyToken();
    }
}
