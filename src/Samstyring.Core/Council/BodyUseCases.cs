using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>A new body: its stable address (slug), first name, settings and optionally its first mandate.</summary>
public sealed record BodyInput(
    string? Slug, string? Name, string? ShortName, string? EstablishedOn, string? Kind, string? Description,
    string? QuorumRule, int? QuorumCount, int? NationalSolutionId, string? Mandate)
{
    public BodySettingsInput Settings => new(Kind, Description, QuorumRule, QuorumCount, NationalSolutionId, null);
}

/// <summary>What the secretariat may change on a body without renaming it.</summary>
public sealed record BodySettingsInput(
    string? Kind, string? Description, string? QuorumRule, int? QuorumCount, int? NationalSolutionId, int? SortOrder);

/// <summary>A new name from a date; earlier names stay, so old meetings keep the name they were held under.</summary>
public sealed record BodyNameInput(string? Name, string? ShortName, string? ValidFrom);

/// <summary>A new version of the mandate. <c>AdoptedInCase</c> is "37/21" (a case of this body) or "nuit 38/21" (another body's).</summary>
public sealed record MandateInput(string? Text, string? ValidFrom, string? AdoptedInCase);

/// <summary>The secretariat sets up and maintains the bodies of the council model.</summary>
[UseCase]
public sealed partial class BodyUseCases(SamstyringDb db)
{
    public const int SlugMin = 2, SlugMax = 80;
    public const int QuorumCountMax = 200;

    /// <summary>Words the pages use after /organer/ and /sekretariat/organer/; a body cannot take them as its address.</summary>
    private static readonly string[] ReservedSlugs = ["ny", "api"];

    /// <summary>All bodies in display order, with name and mandate history.</summary>
    public Task<List<Body>> ListAsync(CancellationToken ct = default) =>
        db.Bodies.AsNoTracking().Include(b => b.Names).Include(b => b.Mandates).Include(b => b.NationalSolution)
            .OrderBy(b => b.SortOrder).ThenBy(b => b.Slug).AsSplitQuery().ToListAsync(ct);

    public async Task<Body> GetAsync(string slug, CancellationToken ct = default) =>
        await db.Bodies.AsNoTracking().Include(b => b.Names).Include(b => b.Mandates).Include(b => b.NationalSolution)
            .AsSplitQuery().SingleOrDefaultAsync(b => b.Slug == slug, ct)
        ?? throw new NotFoundException($"Fant ikke organet «{Validator.Truncate(slug)}».");

    /// <summary>The cases a mandate version points to, as "37/21" keyed by case id (for showing the history).</summary>
    public async Task<Dictionary<int, string>> AdoptingCasesAsync(Body body, CancellationToken ct = default)
    {
        var ids = body.Mandates.Where(m => m.AdoptedInCaseId is not null).Select(m => m.AdoptedInCaseId!.Value).ToList();
        if (ids.Count == 0) return [];
        var rows = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Number, c.Year, c.BodyId, c.Body.Slug }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => (r.BodyId == body.Id ? "" : r.Slug + " ") + CouncilCase.FormatNumber(r.Number, r.Year));
    }

    public async Task<Body> CreateAsync(BodyInput input, CurrentUser? user, CancellationToken ct = default)
    {
        CouncilAccess.RequireSecretariat(user);
        var v = new Validator();
        var slug = input.Slug?.Trim() ?? "";
        ValidateSlug(v, slug);
        if (v.IsValid && await db.Bodies.AnyAsync(b => b.Slug == slug, ct))
            v.Add("slug", $"Et organ med adressen «{slug}» finnes allerede.");
        v.Name("name", input.Name, "Navn", Body.NameMax);
        v.Name("shortName", input.ShortName, "Kortnavn", 40, required: false);
        v.Date("establishedOn", input.EstablishedOn, "Gjelder fra", false, out var established);
        var settings = await ValidateSettingsAsync(v, input.Settings, ct);
        v.MaxLength("mandate", input.Mandate, "Mandat", Body.TextMax);
        v.ThrowIfInvalid();

        var from = established ?? db.Today;
        var body = new Body { Slug = slug, SortOrder = (await db.Bodies.MaxAsync(b => (int?)b.SortOrder, ct) ?? 0) + 1 };
        settings.ApplyTo(body);
        body.Names.Add(new BodyName { Name = input.Name!.Trim(), ShortName = Blank(input.ShortName), ValidFrom = from });
        if (!string.IsNullOrWhiteSpace(input.Mandate)) body.Mandates.Add(new BodyMandate { Text = input.Mandate.Trim(), ValidFrom = from });
        db.Bodies.Add(body);
        await db.SaveChangesAsync(ct);
        return body;
    }

    public async Task<Body> UpdateAsync(string slug, BodySettingsInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        CouncilAccess.RequireSecretariat(user);
        var body = await LoadAsync(slug, ct);
        db.ExpectVersion(body, expectedVersion);
        var v = new Validator();
        var settings = await ValidateSettingsAsync(v, input, ct);
        if (input.SortOrder is < 0 or > 10000) v.Add("sortOrder", "Rekkefølge må være et tall fra 0 til 10000.");
        v.ThrowIfInvalid();
        settings.ApplyTo(body);
        if (input.SortOrder is { } order) body.SortOrder = order;
        await db.SaveChangesAsync(ct);
        return body;
    }

    /// <summary>Gives the body a new name from a date. The slug stays; earlier names stay for the meetings held under them.</summary>
    public async Task<BodyName> RenameAsync(string slug, BodyNameInput input, CurrentUser? user, CancellationToken ct = default)
    {
        CouncilAccess.RequireSecretariat(user);
        var body = await LoadAsync(slug, ct);
        var v = new Validator();
        v.Name("name", input.Name, "Nytt navn", Body.NameMax);
        v.Name("shortName", input.ShortName, "Kortnavn", 40, required: false);
        v.Date("validFrom", input.ValidFrom, "Gjelder fra", true, out var from);
        if (from is { } f)
        {
            if (body.Names.Any(n => n.ValidFrom == f))
                v.Add("validFrom", $"Organet har allerede et navn som gjelder fra {Norwegian.Date(f)}. Velg en annen dato.");
            else if (!string.IsNullOrWhiteSpace(input.Name) && body.Names.Count > 0
                     && string.Equals(body.NameOn(f).Name, UnicodeText.Normal(input.Name), StringComparison.Ordinal)
                     && string.Equals(body.NameOn(f).ShortName, Blank(input.ShortName), StringComparison.Ordinal))
                v.Add("name", $"Organet heter allerede «{input.Name.Trim()}» {Norwegian.Date(f)}.");
        }
        v.ThrowIfInvalid();
        var name = new BodyName { BodyId = body.Id, Name = input.Name!.Trim(), ShortName = Blank(input.ShortName), ValidFrom = from!.Value };
        db.BodyNames.Add(name);
        await db.SaveChangesAsync(ct);
        return name;
    }

    /// <summary>Adds a version of the mandate; the versions before it stay as history.</summary>
    public async Task<BodyMandate> AddMandateAsync(string slug, MandateInput input, CurrentUser? user, CancellationToken ct = default)
    {
        CouncilAccess.RequireSecretariat(user);
        var body = await LoadAsync(slug, ct);
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

    private async Task<Body> LoadAsync(string slug, CancellationToken ct) =>
        await db.Bodies.Include(b => b.Names).Include(b => b.Mandates).AsSplitQuery().SingleOrDefaultAsync(b => b.Slug == slug, ct)
        ?? throw new NotFoundException($"Fant ikke organet «{Validator.Truncate(slug)}».");

    public static void ValidateSlug(Validator v, string slug)
    {
        if (slug.Length == 0) v.Add("slug", "Adresse (slug) må fylles ut.");
        else if (slug.Length < SlugMin || slug.Length > SlugMax || !SlugPattern().IsMatch(slug))
            v.Add("slug", $"Adressen kan bare ha små bokstaver a–z, sifre og bindestrek (ikke først eller sist), og må være {SlugMin}–{SlugMax} tegn, for eksempel «nuit» eller «produktstyre-helsenorge».");
        else if (ReservedSlugs.Contains(slug))
            v.Add("slug", $"Adressen «{slug}» er reservert. Velg en annen.");
    }

    private sealed record Settings(BodyKind Kind, string Description, QuorumRule Rule, int? Count, int? SolutionId)
    {
        public void ApplyTo(Body b)
        {
            b.Kind = Kind;
            b.Description = Description;
            b.QuorumRule = Rule;
            b.QuorumCount = Count;
            b.NationalSolutionId = SolutionId;
        }
    }

    private async Task<Settings> ValidateSettingsAsync(Validator v, BodySettingsInput input, CancellationToken ct)
    {
        v.Enum<BodyKind>("kind", input.Kind, "Type organ", true, out var kind);
        v.MaxLength("description", input.Description, "Beskrivelse", Body.TextMax);
        v.Enum<QuorumRule>("quorumRule", input.QuorumRule, "Krav til vedtaksførhet", true, out var rule);
        if (rule == Council.QuorumRule.AtLeast)
        {
            if (input.QuorumCount is null) v.Add("quorumCount", "Antall medlemmer som må være til stede må fylles ut når kravet er et fast antall.");
            else if (input.QuorumCount is < 1 or > QuorumCountMax) v.Add("quorumCount", $"Antall medlemmer som må være til stede må være fra 1 til {QuorumCountMax}.");
        }
        if (input.NationalSolutionId is { } sid)
        {
            if (!await db.NationalSolutions.AnyAsync(s => s.Id == sid, ct)) v.Add("nationalSolutionId", $"Fant ikke nasjonal løsning med id {sid}.");
        }
        else if (kind == BodyKind.ProductBoard)
            v.Add("nationalSolutionId", "Et produktstyre må knyttes til den nasjonale løsningen det styrer.");
        // The count only means something for "at least": for the other rules it is dropped, so a form switched from
        // "at least" to "majority" does not fail on a leftover number.
        return new Settings(kind ?? default, input.Description?.Trim() ?? "", rule ?? default,
            rule == Council.QuorumRule.AtLeast ? input.QuorumCount : null, input.NationalSolutionId);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
