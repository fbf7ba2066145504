using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;

namespace Samstyring.Core.Accounts;

public class User
{
    public int Id { get; set; }
    public required string UserName { get; set; }
    public required string DisplayName { get; set; }
    public required string PasswordHash { get; set; }
    public Role Role { get; set; }
    public int? OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// Verified identifiers the office has registered, by which a first sign-in through an identity provider finds this
    /// user: the e-mail address (Entra ID), the HPR number (HelseID) and the national identity number (HelseID's and
    /// ID-porten's <c>pid</c>). Each belongs to at most one user.
    /// </summary>
    public string? Email { get; set; }
    public string? HprNumber { get; set; }
    public string? PersonalId { get; set; }

    /// <summary>False for an account made from a sign-in through an identity provider: it has no password.</summary>
    public bool HasPassword => PasswordHash.Length > 0;

    public int Version { get; set; }

    /// <summary>
    /// Changes whenever what a login cookie vouches for changes (password, role, organisation): every session started
    /// before then ends at its next request.
    /// </summary>
    public string SecurityStamp { get; set; } = NewStamp();

    public CurrentUser ToCurrentUser() => new(UserName, DisplayName, Role, OrganizationId);

    public static string NewStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}

public class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.ToTable("users");
        b.Property(u => u.UserName).HasMaxLength(80);
        b.HasIndex(u => u.UserName).IsUnique();
        b.Property(u => u.DisplayName).HasMaxLength(200);
        b.Property(u => u.PasswordHash).HasMaxLength(200);
        // The default only fills rows that existed before the column; every new user gets a random stamp.
        b.Property(u => u.SecurityStamp).HasMaxLength(64).HasDefaultValue("");
        b.Property(u => u.Role).HasMaxLength(40);
        b.Property(u => u.Email).HasMaxLength(254);
        b.HasIndex(u => u.Email).IsUnique();
        b.Property(u => u.HprNumber).HasMaxLength(9);
        b.HasIndex(u => u.HprNumber).IsUnique();
        b.Property(u => u.PersonalId).HasMaxLength(11);
        b.HasIndex(u => u.PersonalId).IsUnique();
        b.Property(u => u.Version).IsConcurrencyToken().HasDefaultValue(0);
        b.HasOne(u => u.Organization).WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
