using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;

namespace Samstyring.Web.Portfolio;

/// <summary>The portfolio office's workbench: submissions to assess, missing reports, reporting periods.</summary>
[Authorize(Roles = nameof(Role.PortfolioOffice))]
public sealed class OfficeModel(GetMissingReports missingReports, SetUpReportingYear setUpYear, GetSubmissionQueues queues, GetReportingPeriods periods, TimeProvider clock) : InitiativePage
{
    [BindProperty(SupportsGet = true, Name = "periode")] public string? PeriodCode { get; set; }
    [BindProperty] public int? Year { get; set; }
    [BindProperty] public string? Cadence { get; set; }

    public IReadOnlyList<SubmissionRow> ToAssess { get; private set; } = [];
    public IReadOnlyList<SubmissionRow> WaitingForKs { get; private set; } = [];
    public IReadOnlyList<SubmissionRow> Returned { get; private set; } = [];
    public List<MissingReport> Missing { get; private set; } = [];
    public ReportingPeriod? Period { get; private set; }
    public List<ReportingPeriod> Periods { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Year = (Periods.Count == 0 ? clock.Today().Year : Periods.Max(p => p.Year) + 1);
        Cadence = ReportingCadence.Tertial.Code();
    }

    public async Task<IActionResult> OnPostYearAsync(CancellationToken ct)
    {
        if (Year is null) ModelState.AddModelError("year", "Porteføljeår må fylles ut.");
        else if (await TryAsync(() => setUpYear.HandleAsync(Year.Value, Cadence, CurrentUser, ct)))
        {
            Flash = $"Rapporteringsperiodene for {Year} er satt opp.";
            return Redirect("/kontor#perioder");
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var q = await queues.ForOfficeAsync(CurrentUser, ct);
        (ToAssess, WaitingForKs, Returned) = (q.ToAssess, q.WaitingForKs, q.Returned);
        Periods = await periods.AllAsync(ct);
        var current = await periods.CurrentAsync(ct);
        Period = Periods.FirstOrDefault(p => p.Code == PeriodCode) ?? current;
        if (Period is not null) Missing = await missingReports.HandleAsync(Period.Code, CurrentUser, ct);
    }
}
