using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Samstyring.Core.Notifications;

public enum SubscriptionStatus { Pending, Confirmed }

/// <summary>
/// A reader's e-mail subscription (abonnement) to a topic: a council body's decisions (<c>body:{slug}</c>) or the
/// roadmap's publications (<c>roadmap</c>). Pending until the reader confirms from the mail (double opt-in); a pending one
/// lapses after <see cref="PendingDays"/> days. Only the SHA-256 of the confirmation token is stored. The address is
/// personal data: it is never shown publicly, and the audit trail holds it masked.
/// </summary>
public class Subscription
{
    public const int TopicMax = 120;
    public const int PendingDays = 7;
    public const string RoadmapTopic = "roadmap";
    public const string BodyTopicPrefix = "body:";

    public int Id { get; set; }
    public required string Email { get; set; }
    public required string Topic { get; set; }
    public SubscriptionStatus Status { get; set; }
    /// <summary>The hash of the token in the confirmation link; kept after confirming, so a second click is answered kindly.</summary>
    public required string ConfirmTokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>When the last confirmation mail was queued: another is not sent for the same address and topic within 10 minutes.</summary>
    public DateTime ConfirmationSentAt { get; set; }
    /// <summary>A pending subscription not confirmed by then is void.</summary>
    public DateTime ExpiresAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public int Version { get; set; }

    public List<SubscriptionToken> Tokens { get; set; } = [];

    public static string BodyTopic(string slug) => BodyTopicPrefix + slug;

    /// <summary>A new random token for a link (256 bits, URL-safe) and the hash that is stored of it.</summary>
    public static (string Token, string Hash) NewToken()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, Hash(token));
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A token as the links carry it: 43 URL-safe characters. Anything else is refused before it is hashed.</summary>
    public static bool IsToken(string? token) =>
        token is { Length: 43 } && token.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_');

    /// <summary>An address as the audit trail shows it: «k***@example.no».</summary>
    public static string Mask(string? email)
    {
        if (string.IsNullOrEmpty(email)) return "";
        var at = email.LastIndexOf('@');
        return at <= 0 ? "***" : email[0] + "***" + email[at..];
    }
}

/// <summary>
/// The unsubscribe token of one subscription mail. Each mail gets its own random token and only its hash is stored, so the
/// database alone cannot unsubscribe anyone; deleting the subscription deletes its tokens.
/// </summary>
public class SubscriptionToken
{
    public int Id { get; set; }
    public int SubscriptionId { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
}

public class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> b)
    {
        b.ToTable("subscriptions");
        b.Property(s => s.Email).HasMaxLength(OutboxMessage.AddressMax);
        b.Property(s => s.Topic).HasMaxLength(Subscription.TopicMax);
        b.Property(s => s.Status).HasMaxLength(20);
        b.Property(s => s.ConfirmTokenHash).HasMaxLength(64);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasIndex(s => new { s.Email, s.Topic }).IsUnique();
        b.HasIndex(s => s.ConfirmTokenHash).IsUnique();
        b.HasIndex(s => new { s.Topic, s.Status });
        b.HasMany(s => s.Tokens).WithOne().HasForeignKey(t => t.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class SubscriptionTokenConfiguration : IEntityTypeConfiguration<SubscriptionToken>
{
    public void Configure(EntityTypeBuilder<SubscriptionToken> b)
    {
        b.ToTable("subscription_tokens");
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.HasIndex(t => t.SubscriptionId);
    }
}
