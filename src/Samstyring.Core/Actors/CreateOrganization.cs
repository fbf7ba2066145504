using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Actors;

/// <summary>
/// The office registers an actor that is not in the registry yet (a new agency, a supplier, a user organisation). The facts
/// pass the same checks as a correction (<see cref="OrganizationRules"/>); the key, which files, imports and the command line
/// use, is made from the short name or the name when none is given.
/// </summary>
[UseCase]
public sealed partial class CreateOrganization(SamstyringDb db)
{
    public const int KeyMax = 80;

    /// <summary>Municipalities come from the municipality list with these keys; a hand-made one could clash with the next list.</summary>
    private const string MunicipalityPrefix = "kommune:";

    public async Task<Organization> HandleAsync(string? key, OrganizationInput input, CurrentUser? user, CancellationToken ct = default)
    {
        PortfolioAccess.RequireOffice(user);
        var v = new Validator();
        var given = key?.Trim();
        if (!string.IsNullOrEmpty(given))
        {
            if (given.Length > KeyMax || !KeyPattern().IsMatch(given))
                v.Add("key", $"Nøkkelen kan bare ha små bokstaver a–z, sifre, bindestrek og kolon (ikke først eller sist), og høyst {KeyMax} tegn, for eksempel «nasjonal-ikt».");
            else if (given.StartsWith(MunicipalityPrefix, StringComparison.Ordinal))
                v.Add("key", "Nøkler som begynner med «kommune:», er forbeholdt kommunene fra kommunelisten.");
            else if (await db.Organizations.Where(o => o.Key == given).Select(o => o.Name).FirstOrDefaultAsync(ct) is { } holder)
                v.Add("key", $"Nøkkelen «{given}» er allerede i bruk av {holder}.");
        }
        var valid = await OrganizationRules.ValidateAsync(db, v, null, input, ct);
        v.ThrowIfInvalid();

        var o = new Organization { Key = string.IsNullOrEmpty(given) ? await FreeKeyAsync(valid.ShortName ?? valid.Name, ct) : given, Name = valid.Name };
        valid.ApplyTo(o);
        foreach (var (ownerId, share) in valid.Owners) o.Owners.Add(new OrganizationOwner { OwnerId = ownerId, Share = share });
        db.Organizations.Add(o);
        // Two offices saving the same key at once: the unique index refuses the second, which SaveChangesAsync reports as a conflict.
        await db.SaveChangesAsync(ct);
        return o;
    }

    /// <summary>A key made from a name («Helse Sør-Øst RHF» → «helse-sor-ost-rhf»), with -2, -3, … when it is taken.</summary>
    private async Task<string> FreeKeyAsync(string name, CancellationToken ct)
    {
        var stem = Slug(name);
        var taken = (await db.Organizations.Where(o => o.Key.StartsWith(stem)).Select(o => o.Key).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        if (!taken.Contains(stem)) return stem;
        for (var n = 2; ; n++)
            if (!taken.Contains($"{stem}-{n}")) return $"{stem}-{n}";
    }

    /// <summary>Lower-case a–z and digits joined by hyphens; Norwegian letters spelt out, other accents dropped. «aktor» if nothing is left.</summary>
    public static string Slug(string name)
    {
        var spelt = name.ToLowerInvariant().Replace("æ", "ae").Replace("ø", "o").Replace("å", "a");
        var b = new StringBuilder();
        foreach (var c in spelt.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)) b.Append(c);
            else if (b.Length > 0 && b[^1] != '-') b.Append('-');
        }
        // Room for a «-NNN» suffix within the column's length.
        var slug = b.ToString(0, Math.Min(b.Length, KeyMax - 10)).Trim('-');
        return slug.Length == 0 ? "aktor" : slug;
    }

    [GeneratedRegex("^[a-z0-9]+([-:][a-z0-9]+)*$")]
    private static partial Regex KeyPattern();
}
