using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;

namespace Samstyring.Core.Accounts;

public enum ApiTokenKind
{
    /// <summary>A user's own token: it acts as that user, with their role and organisation.</summary>
    [Label("Personlig")] Personal,
    /// <summary>Made by the office for an integration, with a role and organisation the office chose.</summary>
    [Label("Integrasjon")] Integration,
}

/// <summary>Where a token stands, as its lists show it.</summary>
public enum ApiTokenStatus
{
    [Label("Gyldig")] Active,
    [Label("Utløpt")] Expired,
    [Label("Trukket tilbake")] Revoked,
    /// <summary>The user behind it no longer has the access it was made with (a new role or organisation, or no longer in the office).</summary>
    [Label("Virker ikke (tilgangen er endret)")] Void,
}

/// <summary>
/// An API token (<c>Authorization: Bearer sst_…</c>): an API client's way in without a password, checked with one indexed
/// lookup instead of PBKDF2 per request. Only the SHA-256 of the token is stored: it is 32 random bytes, so a fast hash
/// is as good as a slow one, and the database alone lets nobody in. The token itself is shown once, when it is made.
/// <para>
/// It acts as the user who made it (<see cref="User"/>, who is named in the audit trail for what it does) with
/// <see cref="Role"/> and <see cref="OrganizationId"/>: for a personal token the user's own at the time, for an
/// integration token what the office chose. It stops working when it expires, is revoked, or the user no longer has that
/// access (see <see cref="ApiTokenRules.StillBacked"/>).
/// </para>
/// </summary>
public class ApiToken
{
    /// <summary>Every token starts with this, so secret scanners and people can tell what it is.</summary>
    public const string TokenPrefix = "sst_";
    /// <summary>32 random bytes as base64url without padding.</summary>
    public const int SecretLength = 43;
    public const int TokenLength = 4 + SecretLength;
    /// <summary>What a list shows of a token: the prefix and the first 8 characters (48 of its 256 random bits).</summary>
    public const int ShownLength = 12;
    public const int NameMax = 100;
    public const int DefaultDays = 90;
    public const int MaxDays = 365;

    public int Id { get; set; }
    public required string Name { get; set; }
    public ApiTokenKind Kind { get; set; }

    /// <summary>SHA-256 of the whole token, lower-case hex. Never shown, never in the audit trail.</summary>
    public required string SecretHash { get; set; }

    /// <summary>The start of the token («sst_AbCd1234»), not secret: for recognising it in a list.</summary>
    public required string Prefix { get; set; }

    /// <summary>Who made it, and for a personal token whose it is.</summary>
    public int UserId { get; set; }
    public User User { get; set; } = null!;
    public Role Role { get; set; }
    public int? OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The first moment it no longer works (the day after the last day it works, 00:00 UTC).</summary>
    public DateTime ExpiresAt { get; set; }
    /// <summary>Written at most once a minute per token and node, and without a new version or an audit entry.</summary>
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public int Version { get; set; }

    /// <summary>A new random token, its hash and the prefix shown of it.</summary>
    public static (string Token, string Hash, string Shown) NewSecret()
    {
        var token = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token), token[..ShownLength]);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>«sst_» and 43 base64url characters: anything else cannot be a token and is refused without a lookup.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: TokenLength } && token.StartsWith(TokenPrefix, StringComparison.Ordinal)
        && token.AsSpan(TokenPrefix.Length).IndexOfAnyExcept(Base64UrlCharacters) < 0;

    private static readonly System.Buffers.SearchValues<char> Base64UrlCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.ToTable("api_tokens");
        b.Property(t => t.Name).HasMaxLength(ApiToken.NameMax);
        b.Property(t => t.Kind).HasMaxLength(20);
        b.Property(t => t.SecretHash).HasMaxLength(64);
        b.HasIndex(t => t.SecretHash).IsUnique();
        b.Property(t => t.Prefix).HasMaxLength(ApiToken.ShownLength);
        b.Property(t => t.Role).HasMaxLength(40);
        b.Property(t => t.RevokedBy).HasMaxLength(80);
        b.Property(t => t.Version).IsConcurrencyToken();
        // A user who is removed takes their tokens along; an organisation with tokens cannot be removed.
        b.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(t => t.Organization).WithMany().HasForeignKey(t => t.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(t => t.UserId);
        b.HasIndex(t => t.OrganizationId);
    }
}
