using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>A new version of the mandate. <c>AdoptedInCase</c> is "37/21" (a case of this body) or "nuit 38/21" (another body's).</summary>
public sealed record MandateInput(string? Text, string? ValidFrom, string? AdoptedInCase);

/// <summary>Adds a version of the mandate; the versions before it stay as history.</summary>
[UseCase]
public sealed class AddMandate(SamstyringDb db)
{
    public async Task<BodyMandate> HandleAsync(string slug, MandateInput input, CurrentUser? user, CancellationToken ct = default)
    {
        CouncilAccess.RequireSecretariat(user);
        var body = await BodyRules.LoadAsync(db, slug, ct);
        var v = new Validator();
        v.Required("text", input.Text, "Mandatteksten", Body.TextMax);
        v.Date("validFrom", input.ValidFrom, "Gjelder fra", true, out var from);
        if (from is { } f && body.Mandates.Any(m => m.ValidFrom == f))
            v.Add("validFrom", $"Organet har allerede en mandatversjon som gjelder fra {Norwegian.Date(f)}. Velg en annen dato.");
        int? caseId = null;
        if (!string.IsNullOrWhiteSpace(input.AdoptedInCase)) caseId = await FindCaseAsync(v, body, input.AdoptedInCase, ct);
        v.ThrowIfInvalid();
        var mandate = new BodyMandate { BodyId = body.Id, Text = input.Text!.Trim(), ValidFrom = from!.Value, AdoptedInCaseId = caseId };
        db.BodyMandates.Add(mandate);
        await db.SaveChangesAsync(ct);
        return mandate;
    }

    private async Task<int?> FindCaseAsync(Validator v, Body body, string text, CancellationToken ct)
    {
        // "37/21" is a case of this body; "nuit 38/21" one of another body (a board's mandate is often adopted above it).
        var parts = text.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var (caseBody, number) = parts.Length == 2 ? (parts[0], parts[1]) : (body.Slug, parts[0]);
        if (!CouncilCase.TryParseNumber(number, out var n, out var year))
        {
            v.Add("adoptedInCase", $"Saksnummeret må skrives som «37/21», eventuelt med organets adresse foran («nuit 38/21»), ikke «{Validator.Truncate(text)}».");
            return null;
        }
        var id = await db.Cases.Where(c => c.Body.Slug == caseBody && c.Year == year && c.Number == n).Select(c => (int?)c.Id).SingleOrDefaultAsync(ct);
        if (id is null) v.Add("adoptedInCase", $"Fant ikke sak {CouncilCase.FormatNumber(n, year)}{(caseBody == body.Slug ? " i dette organet" : $" i organet «{Validator.Truncate(caseBody)}»")}.");
        return id;
    }
}
