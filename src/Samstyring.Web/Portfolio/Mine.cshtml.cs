using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;

namespace Samstyring.Web.Portfolio;

public sealed record MyInitiativeRow(
    int Id, string Name, Lifecycle Lifecycle, SubmissionState Submission, Segment? Segment, ReportSummary? LatestReport, bool ReportedForCurrent);

/// <summary>The initiatives the owner's organisation owns: where each submission is and whether the current period is reported.</summary>
[Authorize(Roles = nameof(Role.InitiativeOwner))]
public sealed class MineModel(SamstyringDb db) : InitiativePage
{
    public List<MyInitiativeRow> Rows { get; private set; } = [];
    public ReportingPeriod? Period { get; private set; }
    public string? OrganizationName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (CurrentUser is not { Role: Role.InitiativeOwner, OrganizationId: { } org }) throw new ForbiddenException("Siden er for tiltakseiere.");
        OrganizationName = await db.Organizations.Where(o => o.Id == org).Select(o => o.Name).SingleOrDefaultAsync(ct);
        Period = await GetPortfolioOverview.CurrentPeriodAsync(db, ct);
        var periodId = Period?.Id ?? -1;
        var rows = await db.Initiatives.AsNoTracking().Where(i => i.OwnerId == org).OrderBy(i => i.Name)
            .Select(i => new
            {
                i.Id, i.Name, i.Lifecycle, i.Submission, i.Segment,
                Latest = db.StatusReports.Where(r => r.Id == i.LatestReportId)
                    .Select(r => new { r.Period.Code, r.Status, r.StatusText, r.Risk, r.RiskText }).FirstOrDefault(),
                Reported = db.StatusReports.Any(r => r.InitiativeId == i.Id && r.PeriodId == periodId),
            })
            .ToListAsync(ct);
        Rows = rows.Select(r => new MyInitiativeRow(r.Id, r.Name, r.Lifecycle, r.Submission, r.Segment,
            r.Latest is null ? null : new ReportSummary(r.Latest.Code, r.Latest.Status, r.Latest.StatusText, r.Latest.Risk, r.Latest.RiskText),
            r.Reported)).ToList();
    }
}
