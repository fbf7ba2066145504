using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Portfolio;

/// <summary>
/// What a periodic report must contain, by segment (case 37/21: Samstyring reports the most,
/// Observasjon the least). Status and risk are always required. <paramref name="BenefitValues"/>: a realised value for each
/// of the initiative's benefits is part of the period's report (issue 12), required of Samstyring only, which reports the most.
/// </summary>
public sealed record ReportingRequirements(bool StatusText, bool RiskText, bool Progress, bool Cost, bool TextsOnlyWhenNotGreen, bool BenefitValues = false)
{
    public static ReportingRequirements For(Segment? segment) => segment switch
    {
        Segment.Samstyring => new(true, true, true, true, false, BenefitValues: true),
        Segment.Koordinering => new(true, true, true, false, false),
        _ => new(true, true, false, false, true),
    };

    public string Describe() => this switch
    {
        { Cost: true } => "Status og risiko med begrunnelse, fremdrift og kostnader er påkrevd.",
        { Progress: true } => "Status og risiko med begrunnelse og fremdrift er påkrevd; kostnader er valgfritt.",
        _ => "Status og risiko er påkrevd; begrunnelse kreves når status eller risiko er gul eller rød.",
    };
}

/// <summary>
/// A report for one period. <paramref name="Version"/> is the version of the period's report the reporter started from:
/// not needed for the first report of a period, required to change one that exists. The cost figures are øre and
/// optional; <paramref name="Cost"/> is the free-text comment on them, and <paramref name="FundingSource"/> a code
/// (budget, co-financing, own-funds, grant).
/// </summary>
public sealed record StatusReportInput(
    string? Period, string? Status, string? StatusText, string? Risk, string? RiskText, string? Progress, string? Cost, int? Version = null,
    long? BudgetOre = null, long? SpentOre = null, long? ForecastOre = null, string? FundingSource = null);

/// <summary>
/// The owner (or the office) reports status and risk for an initiative and period; reporting again updates the report,
/// from the version the reporter saw (a stale or missing version is refused, so parallel reporters never overwrite each other).
/// </summary>
[UseCase]
public sealed class ReportStatus(SamstyringDb db)
{
    /// <param name="unreadable">
    /// Fields the caller could not read (an amount typed as text, a number too large for the API's JSON) with their
    /// Norwegian message: reported together with the use case's own errors, and nothing is saved.
    /// </param>
    public async Task<StatusReport> HandleAsync(int initiativeId, StatusReportInput input, CurrentUser? user, CancellationToken ct = default,
        IReadOnlyDictionary<string, string>? unreadable = null)
    {
        var i = await PortfolioAccess.LoadForEditAsync(db, initiativeId, user, ct);
        var v = new Validator();
        foreach (var (field, message) in unreadable ?? new Dictionary<string, string>()) v.Add(field, message);
        if (!i.IsInPortfolio) v.Add("initiative", $"Det rapporteres bare på aktive tiltak og tiltak i pause (dette er «{i.Lifecycle.Label()}»).");
        ReportingPeriod? period = null;
        if (string.IsNullOrWhiteSpace(input.Period)) v.Add("period", "Rapporteringsperiode må velges.");
        else if ((period = await db.ReportingPeriods.SingleOrDefaultAsync(p => p.Code == input.Period.Trim(), ct)) is null)
            v.Add("period", $"Rapporteringsperioden «{(input.Period.Length > 20 ? input.Period[..20] : input.Period)}» finnes ikke.");
        else if (period.Start > db.Today) v.Add("period", "Det kan ikke rapporteres for en periode som ikke har startet.");
        v.Enum<Rag>("status", input.Status, "Status", true, out var status);
        v.Enum<Rag>("risk", input.Risk, "Risiko", true, out var risk);
        var need = ReportingRequirements.For(i.Segment);
        Check(v, "statusText", input.StatusText, "Begrunnelse for status", need.StatusText && (!need.TextsOnlyWhenNotGreen || status is not Rag.Green));
        Check(v, "riskText", input.RiskText, "Begrunnelse for risiko", need.RiskText && (!need.TextsOnlyWhenNotGreen || risk is not Rag.Green));
        Check(v, "progress", input.Progress, "Fremdrift", need.Progress);
        CheckAmount(v, "budgetOre", input.BudgetOre, "Budsjett");
        CheckAmount(v, "spentOre", input.SpentOre, "Påløpt hittil");
        CheckAmount(v, "forecastOre", input.ForecastOre, "Prognose");
        v.Enum<FundingSource>("fundingSource", input.FundingSource, "Finansieringskilde", false, out var funding);
        // Where cost is required, a budget figure answers it as well as the comment does; a budget typed so that it
        // could not be read is reported as such, not as missing.
        if (need.Cost && string.IsNullOrWhiteSpace(input.Cost) && input.BudgetOre is null && unreadable?.ContainsKey("budgetOre") != true)
            v.Add("cost", "Kostnader må fylles ut: oppgi budsjett eller skriv en kommentar til kostnadene.");
        else v.MaxLength("cost", input.Cost, "Kommentar til kostnader", Initiative.TextMax);
        v.ThrowIfInvalid();

        var report = await db.StatusReports.SingleOrDefaultAsync(r => r.InitiativeId == i.Id && r.PeriodId == period!.Id, ct);
        if (report is null)
        {
            // A version for a report that does not exist: the client saw one that is gone, or another period's.
            if (input.Version is > 0) throw new ConcurrencyConflictException();
            // Two first reports at once: the unique index on (initiative, period) lets one in; the other gets 412.
            report = new StatusReport { InitiativeId = i.Id, PeriodId = period!.Id, ReportedBy = user!.UserName };
            db.StatusReports.Add(report);
        }
        else
        {
            db.ExpectVersion(report, input.Version);
        }
        report.Status = status!.Value;
        report.StatusText = input.StatusText?.Trim() ?? "";
        report.Risk = risk!.Value;
        report.RiskText = input.RiskText?.Trim() ?? "";
        report.Progress = input.Progress?.Trim() ?? "";
        report.Cost = input.Cost?.Trim() ?? "";
        report.BudgetOre = input.BudgetOre;
        report.SpentOre = input.SpentOre;
        report.ForecastOre = input.ForecastOre;
        report.FundingSource = funding;
        report.ReportedBy = user!.UserName;
        report.ReportedAt = db.UtcNow;

        // The report and the initiative's pointer to its latest report change together. The pointer is
        // derived data, so it is set without touching the initiative's version: reporting must not make
        // someone editing the initiative's details (or reporting another period) hit a false conflict.
        await using var tx = db.Database.CurrentTransaction is null ? await db.BeginWriteTransactionAsync(ct) : null;
        await db.SaveChangesAsync(ct);
        var latest = await db.StatusReports.AsNoTracking().Where(r => r.InitiativeId == i.Id).OrderByDescending(r => r.Period.End)
            .Select(r => new { r.Id, r.Status, r.Risk, r.PeriodId }).FirstAsync(ct);
        await db.Initiatives.Where(x => x.Id == i.Id).ExecuteUpdateAsync(set => set
            .SetProperty(x => x.LatestReportId, latest.Id)
            .SetProperty(x => x.LatestStatus, latest.Status)
            .SetProperty(x => x.LatestRisk, latest.Risk)
            .SetProperty(x => x.LatestPeriodId, latest.PeriodId), ct);
        if (tx is not null) await tx.CommitAsync(ct);
        report.Period = period!;
        return report;
    }

    /// <summary>An amount in øre: none, or from zero up to <see cref="StatusReport.MaxOre"/>.</summary>
    private static void CheckAmount(Validator v, string field, long? ore, string label)
    {
        if (ore < 0) v.Add(field, $"{label} kan ikke være negativt.");
        else if (ore > StatusReport.MaxOre) v.Add(field, $"{label} kan ikke være mer enn {Norwegian.Kroner(StatusReport.MaxOre)}.");
    }

    private static void Check(Validator v, string field, string? value, string label, bool required)
    {
        if (required) v.Required(field, value, label, Initiative.TextMax);
        else v.MaxLength(field, value, label, Initiative.TextMax);
    }
}

/// <summary>The office sets up the reporting periods of a portfolio year (monthly, per tertial or per quarter).</summary>
[UseCase]
public sealed class SetUpReportingYear(SamstyringDb db)
{
    public async Task<List<ReportingPeriod>> HandleAsync(int year, string? cadence, CurrentUser? user, CancellationToken ct = default)
    {
        PortfolioAccess.RequireOffice(user);
        var v = new Validator();
        if (year is < 2015 or > 2100) v.Add("year", "Porteføljeåret må være mellom 2015 og 2100.");
        v.Enum<ReportingCadence>("cadence", cadence, "Rapporteringshyppighet", true, out var c);
        if (await db.ReportingPeriods.AnyAsync(p => p.Year == year, ct)) v.Add("year", $"Rapporteringsperiodene for {year} er allerede satt opp.");
        v.ThrowIfInvalid();
        var periods = ReportingPeriod.ForYear(year, c!.Value).ToList();
        db.ReportingPeriods.AddRange(periods);
        await db.SaveChangesAsync(ct);
        return periods;
    }
}
