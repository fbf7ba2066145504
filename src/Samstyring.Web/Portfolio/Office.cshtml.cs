using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;

namespace Samstyring.Web.Portfolio;

/// <summary>The portfolio office's workbench: submissions to assess, missing reports, reporting periods.</summary>
[Authorize(Roles = nameof(Role.PortfolioOffice))]
public sealed class OfficeModel(GetMissingReports missingReports, SetUpReportingYear setUpYear, SamstyringDb db) : InitiativePage
{
    [BindProperty(SupportsGet = true, Name = "periode")] public string? PeriodCode { get; set; }
    [BindProperty] public int? Year { get; set; }
    [BindProperty] public string? Cadence { get; set; }

    public List<SubmissionRow> ToAssess { get; private set; } = [];
    public List<SubmissionRow> WaitingForKs { get; private set; } = [];
    public List<SubmissionRow> Returned { get; private set; } = [];
    public List<MissingReport> Missing { get; private set; } = [];
    public ReportingPeriod? Period { get; private set; }
    public List<ReportingPeriod> Periods { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Year = (Periods.Count == 0 ? db.Today.Year : Periods.Max(p => p.Year) + 1);
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
        PortfolioAccess.RequireOffice(CurrentUser);
        var all = db.Initiatives.AsNoTracking();
        ToAssess = await Rows(all.Where(i =>
                (i.Submission == SubmissionState.Proposed && i.Owner.Type != OrganizationType.Kommune)
                || i.Submission == SubmissionState.EndorsedByKs))
            .ToListAsync(ct);
        WaitingForKs = await Rows(all.Where(i => i.Submission == SubmissionState.Proposed && i.Owner.Type == OrganizationType.Kommune)).ToListAsync(ct);
        Returned = await Rows(all.Where(i => i.Submission == SubmissionState.ReturnedByKs)).ToListAsync(ct);
        Periods = await db.ReportingPeriods.AsNoTracking().OrderBy(p => p.Start).ToListAsync(ct);
        var current = await GetPortfolioOverview.CurrentPeriodAsync(db, ct);
        Period = Periods.FirstOrDefault(p => p.Code == PeriodCode) ?? current;
        if (Period is not null) Missing = await missingReports.HandleAsync(Period.Code, CurrentUser, ct);
    }

    private static IQueryable<SubmissionRow> Rows(IQueryable<Initiative> q) => q
        .OrderBy(i => i.SubmissionSteps.Max(s => (DateTime?)s.At))
        .Select(i => new SubmissionRow(
            i.Id, i.Name, i.Owner.Name, i.Kind, i.Submission,
            i.SubmissionSteps.OrderByDescending(s => s.At).Select(s => (DateTime?)s.At).FirstOrDefault(),
            i.SubmissionSteps.OrderByDescending(s => s.At).Select(s => s.Comment).FirstOrDefault()));
}
