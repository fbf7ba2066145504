using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Data;

namespace Samstyring.Core.Accounts;

/// <summary>
/// One signed-in browser. The login cookie names its session; signing out ends it, so a copy of the cookie replayed
/// afterwards is worth nothing. Sessions are short-lived working state, not records: not audited, not backed up.
/// </summary>
public class UserSession
{
    /// <summary>How long a session lasts at most, however active it is (it also ends after 8 hours without a request).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(12);

    public required string Id { get; set; }
    public int UserId { get; set; }
    public User User { get; set; } = null!;
    public DateTime CreatedAt { get; set; }
    public DateTime? EndedAt { get; set; }

    public static string NewId() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}

public class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.ToTable("user_sessions");
        b.Property(s => s.Id).HasMaxLength(64);
        b.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.UserId);
        b.Metadata.SetAnnotation(SamstyringDb.Transient, true);
    }
}
