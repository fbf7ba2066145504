using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Data;

namespace Samstyring.Core.Accounts;

/// <summary>Limits on password sign-in (<c>Samstyring:Login</c>); see <see cref="CheckPassword"/> for how they work together.</summary>
public sealed class LoginOptions
{
    /// <summary>Wrong passwords for a user name from one address before each further try must wait (1 s, 2 s, 4 s …).</summary>
    public int FreeAttempts { get; set; } = 3;
    /// <summary>Wrong passwords for a user name from one address before that pair is locked out.</summary>
    public int LockoutAttempts { get; set; } = 10;
    public double LockoutMinutes { get; set; } = 15;
    /// <summary>Wrong passwords from one address, for any user names, within the lockout period before the address is locked out.</summary>
    public int AddressAttempts { get; set; } = 30;
    /// <summary>Wrong passwords for a user name from all addresses before new addresses must wait between tries.</summary>
    public int UserFreeAttempts { get; set; } = 10;
    /// <summary>The longest wait for a user name under attack from many addresses; never a lockout.</summary>
    public double UserDelayCapSeconds { get; set; } = 30;
    /// <summary>How long an address where a user signed in stays known for that user (exempt from the user name's wait).</summary>
    public double TrustDays { get; set; } = 90;

    /// <summary>
    /// Whether local user names and passwords sign in (the demo, or before an identity provider is set up). When off, only
    /// the <see cref="BreakGlassUsers"/> may, for when the identity providers cannot be reached.
    /// </summary>
    public bool LocalAccounts { get; set; } = true;
    public string[] BreakGlassUsers { get; set; } = [];

    public bool AllowsPassword(string userName) =>
        LocalAccounts || BreakGlassUsers.Any(u => string.Equals(u.Trim(), userName.Trim(), StringComparison.OrdinalIgnoreCase));

    public TimeSpan Lockout => TimeSpan.FromMinutes(Math.Max(0.1, LockoutMinutes));
}

public enum ThrottleKind { Pair, Address, User, Trusted }

/// <summary>
/// The count of tries for one key (a user name at an address, an address, a user name) within its window, and until when
/// it must wait or is locked. Working state, like sessions: not audited (failed sign-ins are, on their own), not backed up.
/// </summary>
public class LoginThrottle
{
    public const int KeyMax = 200;

    public int Id { get; set; }
    public ThrottleKind Kind { get; set; }
    public required string Key { get; set; }
    public int Attempts { get; set; }
    public DateTime WindowStart { get; set; }
    public DateTime? NextAllowedAt { get; set; }
    public DateTime? LockedUntil { get; set; }
}

public class LoginThrottleConfiguration : IEntityTypeConfiguration<LoginThrottle>
{
    public void Configure(EntityTypeBuilder<LoginThrottle> b)
    {
        b.ToTable("login_throttles");
        b.Property(t => t.Kind).HasMaxLength(20);
        b.Property(t => t.Key).HasMaxLength(LoginThrottle.KeyMax);
        b.HasIndex(t => new { t.Kind, t.Key }).IsUnique();
        b.Metadata.SetAnnotation(SamstyringDb.Transient, true);
    }
}
