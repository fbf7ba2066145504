using Samstyring.Core.Actors;

namespace Samstyring.Core.Accounts;

/// <summary>
/// Who an identity provider says signed in: its subject and the verified claims Samstyring matches users by. The web
/// layer maps each provider's claims to these (only claims the provider verifies); values that are not well formed are
/// dropped here, so a provider cannot match a user by something malformed.
/// </summary>
public sealed record ExternalIdentity
{
    public const int ProviderMax = 40;
    public const int SubjectMax = 200;

    public ExternalIdentity(string provider, string subject, string? name, string? email, string? hprNumber, string? personalId, string? orgNumber)
    {
        Provider = provider.Trim();
        Subject = subject.Trim();
        Name = Clean(name, 200);
        Email = Clean(email, 254)?.ToLowerInvariant() is { } e && Notifications.Outbox.IsAddress(e) ? e : null;
        HprNumber = Digits(hprNumber, 4, 9);
        PersonalId = Digits(personalId, 11, 11);
        OrgNumber = Digits(orgNumber, 9, 9) is { } o && Organization.IsValidOrgNumber(o) ? o : null;
    }

    public string Provider { get; }
    public string Subject { get; }
    public string? Name { get; }
    public string? Email { get; }
    public string? HprNumber { get; }
    public string? PersonalId { get; }
    public string? OrgNumber { get; }

    /// <summary>A name to show the office: the provider's, else the e-mail address, else the subject.</summary>
    public string DisplayName => Name ?? Email ?? Subject;

    public bool IsWellFormed =>
        Provider.Length is > 0 and <= ProviderMax && Subject.Length is > 0 and <= SubjectMax
        && !Provider.Any(char.IsControl) && !Subject.Any(char.IsControl);

    private static string? Clean(string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = new string(value.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return text.Length == 0 ? null : text.Length > max ? text[..max] : text;
    }

    private static string? Digits(string? value, int min, int max)
    {
        var text = value?.Trim();
        return text is not null && text.Length >= min && text.Length <= max && text.All(char.IsAsciiDigit) ? text : null;
    }
}
