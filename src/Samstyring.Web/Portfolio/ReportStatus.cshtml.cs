using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Portfolio;

/// <summary>The periodic status report for one initiative and period; reporting again updates it.</summary>
[Authorize]
public sealed class ReportStatusModel(GetInitiative getInitiative, ReportStatus report, GetReportingPeriods periods) : InitiativePage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    /// <summary>The period to show (GET ?periode=2021-T3); the form posts it back as "period".</summary>
    [BindProperty(SupportsGet = true, Name = "periode")] public string? ChosenPeriod { get; set; }
    [BindProperty] public string? Period { get; set; }
    [BindProperty] public string? Status { get; set; }
    [BindProperty] public string? StatusText { get; set; }
    [BindProperty] public string? Risk { get; set; }
    [BindProperty] public string? RiskText { get; set; }
    [BindProperty] public string? Progress { get; set; }
    [BindProperty] public string? Cost { get; set; }
    /// <summary>Cost figures as typed, in kroner («1 234 567,50»); the use case takes øre.</summary>
    [BindProperty] public string? Budget { get; set; }
    [BindProperty] public string? Spent { get; set; }
    [BindProperty] public string? Forecast { get; set; }
    [BindProperty] public string? FundingSource { get; set; }
    /// <summary>Version of the report the form was filled from; 0 when there was none.</summary>
    [BindProperty] public int Version { get; set; }

    public InitiativeDetails Details { get; private set; } = null!;
    public List<ReportingPeriod> Periods { get; private set; } = [];
    public ReportingPeriod? Current { get; private set; }
    public StatusReport? Existing { get; private set; }
    public ReportingRequirements Need => Details.Requirements;
    public bool TextsAlwaysRequired => !Need.TextsOnlyWhenNotGreen;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ChosenPeriod, ct);
        FillFromExisting();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // An amount that cannot be read is reported with the use case's own errors, so the user sees every problem at once.
        var unreadable = new Dictionary<string, string>();
        long? Amount(string? text, string field, string label)
        {
            if (KronerInput.TryParse(text, label, out var ore, out var error)) return ore;
            unreadable[field] = error!;
            return null;
        }
        var input = new StatusReportInput(Period, Status, StatusText, Risk, RiskText, Progress, Cost, Version,
            Amount(Budget, "budgetOre", "Budsjett"), Amount(Spent, "spentOre", "Påløpt hittil"), Amount(Forecast, "forecastOre", "Prognose"),
            FundingSource);
        if (await TryAsync(() => report.HandleAsync(Id, input, CurrentUser, ct, unreadable)))
        {
            Flash = $"Statusrapporten for {ReportingPeriod.NameOf(Period!.Trim())} er lagret.";
            return Redirect($"/tiltak/{Id}");
        }
        MoveErrors("period", "periode");
        MoveErrors("initiative", "");
        MoveErrors("budgetOre", "budget");
        MoveErrors("spentOre", "spent");
        MoveErrors("forecastOre", "forecast");
        await LoadAsync(Period, ct);
        if (ConflictMessage is not null)
        {
            // Someone else reported for this period meanwhile: show their report, never overwrite it.
            ModelState.Clear();
            FillFromExisting();
        }
        return Page();
    }

    private async Task LoadAsync(string? periodCode, CancellationToken ct)
    {
        Details = await LoadEditableAsync(getInitiative, Id, ct, "Du kan bare rapportere på tiltak som din egen organisasjon eier.");
        Periods = await periods.StartedAsync(ct);
        Current = Periods.FirstOrDefault(p => p.Code == periodCode) ?? await periods.CurrentAsync(ct);
        if (Current is not null && Periods.All(p => p.Code != Current.Code)) Current = Periods.FirstOrDefault();
        Existing = Current is null ? null : Details.Reports.FirstOrDefault(r => r.PeriodId == Current.Id);
        Period = Current?.Code ?? periodCode;
        ChosenPeriod = Period;
    }

    private void FillFromExisting()
    {
        Status = Existing?.Status.Code();
        StatusText = Existing?.StatusText;
        Risk = Existing?.Risk.Code();
        RiskText = Existing?.RiskText;
        Progress = Existing?.Progress;
        Cost = Existing?.Cost;
        Budget = KronerInput.Format(Existing?.BudgetOre);
        Spent = KronerInput.Format(Existing?.SpentOre);
        Forecast = KronerInput.Format(Existing?.ForecastOre);
        FundingSource = Existing?.FundingSource?.Code();
        Version = Existing?.Version ?? 0;
    }

    public static IEnumerable<(string, string)> RagOptions =>
        [(Rag.Green.Code(), "Grønn – i rute"), (Rag.Yellow.Code(), "Gul – noen avvik"), (Rag.Red.Code(), "Rød – alvorlige avvik")];
}
