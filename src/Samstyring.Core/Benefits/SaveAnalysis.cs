using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Benefits;

public sealed record AnalysisYearInput(int? Year, long? CostOre, long? BenefitOre);

/// <param name="NonValuedEffects">The effects not valued in kroner, one per line.</param>
public sealed record AlternativeInput(string? Name, string? NonValuedEffects, IReadOnlyList<AnalysisYearInput>? Years);

/// <param name="DiscountRate">The real discount rate in percent (4 or 4,5); empty means <see cref="DiscountRate.Default"/>.</param>
public sealed record AnalysisInput(decimal? DiscountRate, string? Note, IReadOnlyList<AlternativeInput>? Alternatives);

/// <summary>
/// Saves an initiative's socio-economic analysis as a whole: the rate, the note and the alternatives with their years, in
/// the order given. The first save needs no version; a change needs the analysis's version. The office and the
/// initiative's owning organisation only.
/// </summary>
[UseCase]
public sealed class SaveAnalysis(SamstyringDb db)
{
    public const int MaxAlternatives = 10;
    public const long MaxOre = 10_000_000_000_000; // 100 milliarder kroner a year, as a status report's figures

    public async Task<BenefitAnalysis> HandleAsync(int initiativeId, AnalysisInput input, int? expectedVersion, CurrentUser? user,
        CancellationToken ct = default, IReadOnlyDictionary<string, string>? unreadable = null)
    {
        var i = await BenefitsAccess.LoadInitiativeForEditAsync(db, initiativeId, user, ct);
        var analysis = await db.BenefitAnalyses.Include(a => a.Alternatives).ThenInclude(a => a.Years).SingleOrDefaultAsync(a => a.InitiativeId == i.Id, ct);
        if (analysis is null) { if (expectedVersion is > 0) throw new ConcurrencyConflictException(); }
        else db.ExpectVersion(analysis, expectedVersion);

        var v = new Validator();
        foreach (var (field, message) in unreadable ?? new Dictionary<string, string>()) v.Add(field, message);
        var rate = DiscountRate.FromPercent(v, "discountRate", input.DiscountRate);
        v.MaxLength("note", input.Note, "Merknaden", BenefitAnalysis.NoteMax);
        var alternatives = input.Alternatives ?? [];
        if (alternatives.Count == 0) v.Add("alternatives", "Analysen må ha minst ett alternativ.");
        if (alternatives.Count > MaxAlternatives) v.Add("alternatives", $"Analysen kan ha høyst {MaxAlternatives} alternativer.");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var allYears = new List<int>();
        for (var k = 0; k < alternatives.Count; k++)
        {
            var a = alternatives[k];
            var f = $"alternatives[{k}]";
            v.Name($"{f}.name", a.Name, "Navn på alternativet", AnalysisAlternative.NameMax);
            if (!string.IsNullOrWhiteSpace(a.Name) && !names.Add(UnicodeText.Normal(a.Name.Trim()) ?? ""))
                v.Add($"{f}.name", $"To alternativer kan ikke hete «{Validator.Truncate(a.Name.Trim())}».");
            v.MaxLength($"{f}.nonValuedEffects", a.NonValuedEffects, "Ikke-prissatte virkninger", AnalysisAlternative.TextMax);
            var years = a.Years ?? [];
            if (years.Count == 0) v.Add($"{f}.years", "Alternativet må ha minst ett år med kostnader eller nytte.");
            var seen = new HashSet<int>();
            for (var n = 0; n < years.Count; n++)
            {
                var y = years[n];
                var yf = $"{f}.years[{n}]";
                if (y.Year is not { } year) v.Add($"{yf}.year", "Året må fylles ut.");
                else if (year is < 2000 or > 2100) v.Add($"{yf}.year", "Året må være mellom 2000 og 2100.");
                else if (!seen.Add(year)) v.Add($"{yf}.year", $"Året {year} er oppgitt to ganger i alternativet.");
                else allYears.Add(year);
                Amount(v, $"{yf}.costOre", y.CostOre, "Kostnaden", unreadable);
                Amount(v, $"{yf}.benefitOre", y.BenefitOre, "Nytten", unreadable);
            }
        }
        if (allYears.Count > 0 && allYears.Max() - allYears.Min() >= DiscountRate.MaxYears)
            v.Add("alternatives", $"Analyseperioden kan være høyst {DiscountRate.MaxYears} år: kalkulasjonsrenten på 4 % gjelder de første {DiscountRate.MaxYears} årene (R-109/2021).");
        v.ThrowIfInvalid();

        if (analysis is null) analysis = db.BenefitAnalyses.Add(new BenefitAnalysis { InitiativeId = i.Id }).Entity;
        else db.Entry(analysis).State = EntityState.Modified; // a change to its alternatives alone is a new version too
        analysis.DiscountRateBasisPoints = rate ?? DiscountRate.Default;
        analysis.Note = input.Note?.Trim() ?? "";
        analysis.IsDemo = false;
        // Rows are matched by position and year, not removed and added again, so the unique indexes never see two at once.
        for (var k = 0; k < alternatives.Count; k++)
        {
            var a = alternatives[k];
            var row = analysis.Alternatives.SingleOrDefault(x => x.Number == k + 1);
            if (row is null) analysis.Alternatives.Add(row = new AnalysisAlternative { Number = k + 1, Name = "" });
            row.Name = a.Name!.Trim();
            row.NonValuedEffects = string.Join("\n", (a.NonValuedEffects ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            var years = a.Years!;
            foreach (var gone in row.Years.Where(y => years.All(x => x.Year != y.Year)).ToList()) row.Years.Remove(gone);
            foreach (var y in years)
            {
                var yr = row.Years.SingleOrDefault(x => x.Year == y.Year);
                if (yr is null) row.Years.Add(yr = new AlternativeYear { Year = y.Year!.Value });
                yr.CostOre = y.CostOre ?? 0;
                yr.BenefitOre = y.BenefitOre ?? 0;
            }
        }
        foreach (var gone in analysis.Alternatives.Where(x => x.Number > alternatives.Count).ToList()) analysis.Alternatives.Remove(gone);
        await db.SaveChangesAsync(ct);
        return analysis;
    }

    private static void Amount(Validator v, string field, long? ore, string label, IReadOnlyDictionary<string, string>? unreadable)
    {
        if (unreadable?.ContainsKey(field) == true) return;
        if (ore < 0) v.Add(field, $"{label} kan ikke være negativ.");
        else if (ore > MaxOre) v.Add(field, $"{label} kan ikke være over {Norwegian.Kroner(MaxOre)} i året.");
    }
}
