using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Portfolio;

public sealed record SubmissionRow(int Id, string Name, string Owner, InitiativeKind Kind, SubmissionState Submission, DateTime? LastStepAt, string? LastComment);

public sealed record OfficeQueues(IReadOnlyList<SubmissionRow> ToAssess, IReadOnlyList<SubmissionRow> WaitingForKs, IReadOnlyList<SubmissionRow> Returned);

public sealed record KsQueues(IReadOnlyList<SubmissionRow> Waiting, IReadOnlyList<SubmissionRow> RecentlyHandled);

/// <summary>The submission queues: what the office must assess, and what the KS coordinator must endorse or return.</summary>
[UseCase]
public sealed class GetSubmissionQueues(SamstyringDb db)
{
    public async Task<OfficeQueues> ForOfficeAsync(CurrentUser? user, CancellationToken ct = default)
    {
        PortfolioAccess.RequireOffice(user);
        var all = db.Initiatives.AsNoTracking();
        return new OfficeQueues(
            await Rows(all.Where(i => (i.Submission == SubmissionState.Proposed && i.Owner.Type != OrganizationType.Kommune)
                                      || i.Submission == SubmissionState.EndorsedByKs)).ToListAsync(ct),
            await Rows(all.Where(i => i.Submission == SubmissionState.Proposed && i.Owner.Type == OrganizationType.Kommune)).ToListAsync(ct),
            await Rows(all.Where(i => i.Submission == SubmissionState.ReturnedByKs)).ToListAsync(ct));
    }

    public async Task<KsQueues> ForKsAsync(CurrentUser? user, CancellationToken ct = default)
    {
        if (user is not { Role: Role.KsCoordinator }) throw new ForbiddenException("Siden er for KS-koordinatoren.");
        var municipal = db.Initiatives.AsNoTracking().Where(i => i.Owner.Type == OrganizationType.Kommune);
        var ksActions = new[] { SubmissionAction.KsEndorsed, SubmissionAction.KsReturned };
        return new KsQueues(
            await Rows(municipal.Where(i => i.Submission == SubmissionState.Proposed)).ToListAsync(ct),
            await Rows(municipal.Where(i => i.SubmissionSteps.Any(s => ksActions.Contains(s.Action))), newestFirst: true).Take(20).ToListAsync(ct));
    }

    private static IQueryable<SubmissionRow> Rows(IQueryable<Initiative> q, bool newestFirst = false)
    {
        var ordered = newestFirst
            ? q.OrderByDescending(i => i.SubmissionSteps.Max(s => (DateTime?)s.At)).ThenByDescending(i => i.Id)
            : q.OrderBy(i => i.SubmissionSteps.Max(s => (DateTime?)s.At)).ThenBy(i => i.Id);
        return ordered.Select(i => new SubmissionRow(
            i.Id, i.Name, i.Owner.Name, i.Kind, i.Submission,
            i.SubmissionSteps.OrderByDescending(s => s.At).Select(s => (DateTime?)s.At).FirstOrDefault(),
            i.SubmissionSteps.OrderByDescending(s => s.At).Select(s => s.Comment).FirstOrDefault()));
    }
}

public sealed record MyInitiativeRow(
    int Id, string Name, Lifecycle Lifecycle, SubmissionState Submission, Segment? Segment, ReportSummary? LatestReport, bool ReportedForCurrent);

public sealed record MyInitiatives(string OrganizationName, ReportingPeriod? Period, IReadOnlyList<MyInitiativeRow> Rows);

/// <summary>An owner's initiatives: where each submission is, and whether the current period is reported.</summary>
[UseCase]
public sealed class GetMyInitiatives(SamstyringDb db)
{
    public async Task<MyInitiatives> HandleAsync(CurrentUser? user, CancellationToken ct = default)
    {
        if (user is not { Role: Role.InitiativeOwner, OrganizationId: { } org }) throw new ForbiddenException("Siden er for tiltakseiere.");
        var name = await db.Organizations.Where(o => o.Id == org).Select(o => o.Name).SingleAsync(ct);
        var period = await GetPortfolioOverview.CurrentPeriodAsync(db, ct);
        var periodId = period?.Id ?? -1;
        var rows = await db.Initiatives.AsNoTracking().Where(i => i.OwnerId == org).OrderBy(i => i.Name).ThenBy(i => i.Id)
            .Select(i => new
            {
                i.Id, i.Name, i.Lifecycle, i.Submission, i.Segment,
                Latest = db.StatusReports.Where(r => r.Id == i.LatestReportId)
                    .Select(r => new { r.Period.Code, r.Status, r.Risk }).FirstOrDefault(),
                Reported = db.StatusReports.Any(r => r.InitiativeId == i.Id && r.PeriodId == periodId),
            })
            .ToListAsync(ct);
        return new MyInitiatives(name, period, rows.Select(r => new MyInitiativeRow(r.Id, r.Name, r.Lifecycle, r.Submission, r.Segment,
            r.Latest is null ? null : new ReportSummary(r.Latest.Code, r.Latest.Status, r.Latest.Risk),
            r.Reported)).ToList());
    }
}
