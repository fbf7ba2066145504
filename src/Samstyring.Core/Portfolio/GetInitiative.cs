using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Portfolio;

/// <param name="ShowsSubmissionHistory">
/// Whether <see cref="Initiative.SubmissionSteps"/> was read for this user; when false the list is empty because it is
/// not theirs to see, not because nothing happened.
/// </param>
public sealed record InitiativeDetails(
    Initiative Initiative, IReadOnlyList<StatusReport> Reports, IReadOnlyList<Dependency> Dependencies,
    IReadOnlyList<Dependency> Dependents, bool CanEdit, ReportingRequirements Requirements, DateOnly Today,
    bool ShowsSubmissionHistory, IReadOnlySet<int> SolutionNotInOperationByDeadline);

/// <summary>
/// One initiative with its reports, dependencies (both ways), phase decisions and assessments, and its submission steps
/// for those who take part in the submission (<see cref="PortfolioAccess.CanSeeSubmissionHistory"/>).
/// </summary>
[UseCase]
public sealed class GetInitiative(SamstyringDb db, Solutions.SolutionQueries solutions)
{
    public async Task<InitiativeDetails> HandleAsync(int id, CurrentUser? user, CancellationToken ct = default)
    {
        var i = await db.Initiatives.AsNoTracking().AsSplitQuery()
                    .Include(x => x.Owner)
                    .Include(x => x.PhaseDecisions)
                    .Include(x => x.Assessments).ThenInclude(a => a.CriteriaSet).ThenInclude(s => s.Criteria)
                    .SingleOrDefaultAsync(x => x.Id == id, ct)
                ?? throw new NotFoundException($"Fant ikke tiltak {id}.");
        // Not read at all for anyone else, so no page or API shape can show it by mistake.
        var showsHistory = PortfolioAccess.CanSeeSubmissionHistory(user, i);
        if (showsHistory)
            i.SubmissionSteps = await db.SubmissionSteps.AsNoTracking().Where(s => s.InitiativeId == id)
                .OrderBy(s => s.At).ThenBy(s => s.Id).ToListAsync(ct);
        var reports = await db.StatusReports.AsNoTracking().Include(r => r.Period)
            .Where(r => r.InitiativeId == id).OrderByDescending(r => r.Period.End).ToListAsync(ct);
        var dependencies = await db.Dependencies.AsNoTracking()
            .Include(d => d.TargetInitiative).Include(d => d.TargetSolution).Include(d => d.TargetOrganization)
            .Where(d => d.InitiativeId == id).OrderBy(d => d.Deadline).ThenBy(d => d.Id).ToListAsync(ct);
        var dependents = await db.Dependencies.AsNoTracking().Include(d => d.Initiative)
            .Where(d => d.TargetInitiativeId == id).OrderBy(d => d.Initiative.Name).ThenBy(d => d.Id).ToListAsync(ct);
        // A dependency on a national solution is flagged when the solution is not in operation by its deadline.
        var notInOperation = await solutions.DependenciesNotInOperationByDeadlineAsync(dependencies
            .Where(d => d.TargetSolutionId is not null && d.Deadline is not null).Select(d => (d.Id, d.TargetSolutionId!.Value, d.Deadline!.Value)).ToList(), ct);
        return new InitiativeDetails(i, reports, dependencies, dependents, PortfolioAccess.CanEdit(user, i),
            ReportingRequirements.For(i.Segment), db.Today, showsHistory, notInOperation);
    }
}

public sealed record MissingReport(int InitiativeId, string Name, string Owner, Segment? Segment, string? ContactPerson, string? LastReportedPeriod);

/// <summary>The office's list of initiatives that have not reported for a period (default: the current one).</summary>
[UseCase]
public sealed class GetMissingReports(SamstyringDb db)
{
    public async Task<List<MissingReport>> HandleAsync(string? periodCode, CurrentUser? user, CancellationToken ct = default)
    {
        PortfolioAccess.RequireOffice(user);
        var period = string.IsNullOrWhiteSpace(periodCode)
            ? await GetPortfolioOverview.CurrentPeriodAsync(db, ct)
            : await db.ReportingPeriods.AsNoTracking().SingleOrDefaultAsync(p => p.Code == periodCode, ct)
              ?? throw ValidationFailedException.For("period", $"Rapporteringsperioden «{periodCode}» finnes ikke.");
        if (period is null) return [];
        var periodId = period.Id;
        var rows = await db.Initiatives.AsNoTracking()
            .Where(i => (i.Lifecycle == Lifecycle.Active || i.Lifecycle == Lifecycle.Paused)
                        && !db.StatusReports.Any(r => r.InitiativeId == i.Id && r.PeriodId == periodId))
            .OrderBy(i => i.Owner.Name).ThenBy(i => i.Name)
            .Select(i => new
            {
                i.Id, i.Name, Owner = i.Owner.Name, i.Segment, i.ContactPerson,
                Last = db.StatusReports.Where(r => r.Id == i.LatestReportId).Select(r => r.Period.Code).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.Select(r => new MissingReport(r.Id, r.Name, r.Owner, r.Segment, r.ContactPerson, r.Last)).ToList();
    }
}
