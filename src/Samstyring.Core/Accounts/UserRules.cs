using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Accounts;

/// <summary>The checks every way of giving someone access shares: a role, the organisation it needs, and identifiers.</summary>
internal static class UserRules
{
    /// <summary>The role and organisation (by key) when both are valid; errors in <paramref name="v"/> otherwise.</summary>
    public static async Task<(Role? Role, int? OrganizationId)> AccessAsync(SamstyringDb db, Validator v, string? role, string? organizationKey, CancellationToken ct)
    {
        v.Enum<Role>("role", role, "Rolle", true, out var r);
        int? organizationId = null;
        if (!string.IsNullOrWhiteSpace(organizationKey))
        {
            var key = organizationKey.Trim();
            organizationId = key.Length <= 80 && !key.Any(char.IsControl)
                ? await db.Organizations.Where(o => o.Key == key).Select(o => (int?)o.Id).SingleOrDefaultAsync(ct)
                : null;
            if (organizationId is null) v.Add("organization", $"Fant ingen aktør med nøkkelen «{Validator.Truncate(key)}».");
        }
        else if (r is Role.InitiativeOwner or Role.KsCoordinator or Role.Operator)
            v.Add("organization", $"Rollen «{r.Value.Label()}» krever en organisasjon.");
        return (r, organizationId);
    }

    /// <summary>
    /// E-mail, HPR number and national identity number, trimmed and checked; each may belong to one user only. Empty
    /// means none.
    /// </summary>
    public static async Task<(string? Email, string? Hpr, string? PersonalId)> IdentifiersAsync(
        SamstyringDb db, Validator v, string? email, string? hpr, string? personalId, int? userId, CancellationToken ct)
    {
        var e = Blank(email)?.ToLowerInvariant();
        if (e is not null && !Notifications.Outbox.IsAddress(e)) v.Add("email", "E-postadressen er ikke gyldig (for eksempel navn@virksomhet.no).");
        var h = Blank(hpr);
        if (h is not null && !(h.Length is >= 4 and <= 9 && h.All(char.IsAsciiDigit))) v.Add("hprNumber", "HPR-nummeret må være 4–9 sifre.");
        var p = Blank(personalId)?.Replace(" ", "");
        if (p is not null && !IsValidPersonalId(p)) v.Add("personalId", "Fødselsnummeret må være 11 sifre med gyldige kontrollsifre.");
        if (!v.IsValid) return (e, h, p);
        if (e is not null && await db.Users.AnyAsync(u => u.Email == e && u.Id != userId, ct)) v.Add("email", "En annen bruker har allerede denne e-postadressen.");
        if (h is not null && await db.Users.AnyAsync(u => u.HprNumber == h && u.Id != userId, ct)) v.Add("hprNumber", "En annen bruker har allerede dette HPR-nummeret.");
        if (p is not null && await db.Users.AnyAsync(u => u.PersonalId == p && u.Id != userId, ct)) v.Add("personalId", "En annen bruker har allerede dette fødselsnummeret.");
        return (e, h, p);
    }

    /// <summary>Eleven digits with both MOD11 check digits right (fødselsnummer and D-nummer alike).</summary>
    public static bool IsValidPersonalId(string value)
    {
        if (value.Length != 11 || !value.All(char.IsAsciiDigit)) return false;
        var d = value.Select(c => c - '0').ToArray();
        int[] w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2], w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
        var k1 = 11 - w1.Select((w, i) => w * d[i]).Sum() % 11;
        if (k1 == 11) k1 = 0;
        if (k1 == 10 || k1 != d[9]) return false;
        var k2 = 11 - w2.Select((w, i) => w * d[i]).Sum() % 11;
        if (k2 == 11) k2 = 0;
        return k2 != 10 && k2 == d[10];
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
