using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Roadmap;

/// <summary>A case the office can pick for a step: "NUIT 39/21" and its title.</summary>
public sealed record CaseChoice(int Id, string Reference, string Title);

/// <summary>A roadmap version that took a step in a case: "versjon 21.1, anbefalt".</summary>
public sealed record CaseRoadmapStep(string Version, string Title, RoadmapStatus Step);

/// <summary>
/// Reads the roadmap. The office and council members see every version; everyone else sees published versions only, and
/// an unpublished version is "not found" for them (not forbidden), wherever it is asked for.
/// </summary>
/// <remarks>
/// Lateness of a dependency, against the service's <see cref="ServiceView.EarliestStart"/>:
/// on another service, late when that service's first actor group in use starts after it, or every plan of it is postponed
/// indefinitely; on an initiative, late when the initiative is planned to end after it, or its latest status report is red;
/// on a national solution, late when the solution is not in operation on that date (its lifecycle events, planned ones included).
/// </remarks>
[UseCase]
public sealed class RoadmapQueries(SamstyringDb db)
{
    /// <summary>Every version the user may see, newest first.</summary>
    public async Task<IReadOnlyList<RoadmapVersionSummary>> ListVersionsAsync(CurrentUser? user, CancellationToken ct = default)
    {
        var q = db.RoadmapVersions.AsNoTracking();
        if (!RoadmapAccess.CanSeeDrafts(user)) q = q.Where(v => v.Status == RoadmapStatus.Published);
        var rows = await q
            .Select(v => new RoadmapVersionSummary(v.Id, v.Number, v.Title, v.Kind, v.Status, v.BasedOn != null ? v.BasedOn.Number : null,
                v.RecommendedOn, v.EndorsedOn, v.PublishedOn, v.Version))
            .ToListAsync(ct);
        return rows.OrderByDescending(v => RoadmapVersion.SortKey(v.Number)).ThenByDescending(v => v.Number, StringComparer.Ordinal).ToList();
    }

    /// <summary>One version with its services, plans, links, dependencies (with lateness) and milestones.</summary>
    /// <exception cref="NotFoundException">No such version, or one the user may not see.</exception>
    public async Task<RoadmapView> GetVersionAsync(string number, CurrentUser? user, CancellationToken ct = default)
    {
        var version = await FindVisibleAsync(number, user, ct);
        return await BuildViewAsync(version, user, ct);
    }

    /// <summary>The published version with the highest number, as the public sees it; null before anything is published.</summary>
    public async Task<RoadmapView?> GetLatestPublishedAsync(CancellationToken ct = default)
    {
        var numbers = await db.RoadmapVersions.AsNoTracking().Where(v => v.Status == RoadmapStatus.Published).Select(v => v.Number).ToListAsync(ct);
        if (numbers.Count == 0) return null;
        var latest = numbers.MaxBy(RoadmapVersion.SortKey)!;
        return await GetVersionAsync(latest, null, ct);
    }

    /// <summary>
    /// What to compare a version with: the version it was drafted from when the user may see that, otherwise the latest
    /// version the user may see with a lower number. Null when there is none.
    /// </summary>
    public async Task<string?> PreviousVersionAsync(string number, CurrentUser? user, CancellationToken ct = default)
    {
        var version = await FindVisibleAsync(number, user, ct);
        var q = db.RoadmapVersions.AsNoTracking();
        if (!RoadmapAccess.CanSeeDrafts(user)) q = q.Where(v => v.Status == RoadmapStatus.Published);
        var visible = await q.Select(v => new { v.Id, v.Number }).ToListAsync(ct);
        if (version.BasedOnId is { } basedOn && visible.FirstOrDefault(v => v.Id == basedOn) is { } b) return b.Number;
        var key = RoadmapVersion.SortKey(version.Number);
        return visible.Where(v => RoadmapVersion.SortKey(v.Number).CompareTo(key) < 0).MaxBy(v => RoadmapVersion.SortKey(v.Number))?.Number;
    }

    /// <summary>What changed from one version to another; both must be visible to the user.</summary>
    public async Task<RoadmapDiff> DiffAsync(string from, string to, CurrentUser? user, CancellationToken ct = default)
    {
        var a = await GetVersionAsync(from, user, ct);
        var b = await GetVersionAsync(to, user, ct);
        return RoadmapDiffer.Compare(a, b);
    }

    /// <summary>Actor groups used in any version, for suggestions when the office writes a plan (one spelling per group).</summary>
    public async Task<IReadOnlyList<string>> KnownActorGroupsAsync(CancellationToken ct = default)
    {
        var groups = await db.RoadmapPlans.AsNoTracking().Select(p => p.ActorGroup).Distinct().ToListAsync(ct);
        return groups.Order(StringComparer.Ordinal).DistinctBy(g => g.ToUpperInvariant()).Order(StringComparer.Create(Norwegian.Culture, true)).ToList();
    }

    /// <summary>
    /// The cases that can carry a step, newest first: NUIT's cases (the prioritisation committee) for
    /// <see cref="RoadmapStatus.Recommended"/>, the board's for <see cref="RoadmapStatus.Endorsed"/>; none for other steps.
    /// Outsiders see no cases of meetings not yet announced, and the title of a confidential case is withheld from them.
    /// </summary>
    public async Task<IReadOnlyList<CaseChoice>> CaseChoicesAsync(RoadmapStatus step, CurrentUser? user, CancellationToken ct = default)
    {
        BodyKind kind;
        if (step == RoadmapStatus.Recommended) kind = BodyKind.PrioritisationCommittee;
        else if (step == RoadmapStatus.Endorsed) kind = BodyKind.Board;
        else return [];
        var insider = CouncilAccess.CanSeeConfidential(user);
        var q = db.Cases.AsNoTracking().Where(c => c.Body.Kind == kind);
        if (!insider) q = q.Where(c => c.Meeting == null || (c.Meeting.Status != MeetingStatus.Planned && c.Meeting.Status != MeetingStatus.Cancelled));
        var cases = await q
            .OrderByDescending(c => c.Year).ThenByDescending(c => c.Number).ThenByDescending(c => c.Id)
            .Take(500)
            .Select(c => new CaseRow(c.Id, c.BodyId, c.Year, c.Number, c.Title, c.Confidential, c.Decision, c.Meeting != null ? c.Meeting.Date : null))
            .ToListAsync(ct);
        var names = await BodyNamesAsync(cases.Select(c => c.BodyId), ct);
        return cases
            .OrderByDescending(c => c.MeetingDate ?? new DateOnly(c.Year, 12, 31)).ThenByDescending(c => c.Year).ThenByDescending(c => c.Number)
            .Select(c => new CaseChoice(c.Id, Reference(c, names), c.Confidential && !insider ? CaseView.RedactedTitle : c.Title))
            .ToList();
    }

    /// <summary>
    /// The roadmap versions a case took a step for (recommended in NUIT, endorsed by the board), for the case page:
    /// unpublished versions only for those who may see drafts.
    /// </summary>
    public async Task<IReadOnlyList<CaseRoadmapStep>> StepsTakenInCaseAsync(int caseId, CurrentUser? user, CancellationToken ct = default)
    {
        var q = db.RoadmapVersions.AsNoTracking().Where(v => v.RecommendedCaseId == caseId || v.EndorsedCaseId == caseId);
        if (!RoadmapAccess.CanSeeDrafts(user)) q = q.Where(v => v.Status == RoadmapStatus.Published);
        var rows = await q.Select(v => new { v.Number, v.Title, Recommended = v.RecommendedCaseId == caseId }).ToListAsync(ct);
        return rows.OrderBy(r => RoadmapVersion.SortKey(r.Number))
            .Select(r => new CaseRoadmapStep(r.Number, r.Title, r.Recommended ? RoadmapStatus.Recommended : RoadmapStatus.Endorsed))
            .ToList();
    }

    // ---------------------------------------------------------------- building the view

    private async Task<RoadmapVersion> FindVisibleAsync(string number, CurrentUser? user, CancellationToken ct)
    {
        var n = number?.Trim() ?? "";
        var version = await db.RoadmapVersions.AsNoTracking().Include(v => v.BasedOn).SingleOrDefaultAsync(v => v.Number == n, ct);
        if (version is null || (version.Status != RoadmapStatus.Published && !RoadmapAccess.CanSeeDrafts(user)))
            throw new NotFoundException($"Fant ikke veikartversjon {Validator.Truncate(n)}.");
        return version;
    }

    private sealed record CaseRow(int Id, int BodyId, int Year, int Number, string Title, bool Confidential, string? Decision, DateOnly? MeetingDate);

    private sealed record DependencyRow(int Id, int ServiceId, int? DependsOnServiceId, int? InitiativeId, int? NationalSolutionId, string Description);

    private sealed record InitiativeRow(int Id, string Name, DateOnly? PlannedEnd, bool Red);

    /// <summary>
    /// One query per table keyed by the version id, so a roadmap of 500 services and 20 000 plans is read in a handful of
    /// round trips without a cartesian product.
    /// </summary>
    private async Task<RoadmapView> BuildViewAsync(RoadmapVersion v, CurrentUser? user, CancellationToken ct)
    {
        var id = v.Id;
        var services = await db.RoadmapServices.AsNoTracking().Where(s => s.RoadmapVersionId == id)
            .OrderBy(s => s.Position).ThenBy(s => s.Id)
            .Select(s => new { s.Id, s.Key, s.Area, s.Goal, s.Description, s.Version })
            .ToListAsync(ct);
        var plans = await db.RoadmapPlans.AsNoTracking().Where(p => p.Service.RoadmapVersionId == id)
            .Select(p => new { p.Id, p.ServiceId, p.ActorGroup, p.Kind, p.Written, p.Start, p.End, p.Precision, p.Qualifier, p.Note, p.Version })
            .ToListAsync(ct);
        var solutions = await (
                from l in db.RoadmapServiceSolutions
                join s in db.RoadmapServices on l.ServiceId equals s.Id
                where s.RoadmapVersionId == id
                select new { l.ServiceId, l.NationalSolution.Id, l.NationalSolution.Key, l.NationalSolution.Name })
            .AsNoTracking().ToListAsync(ct);
        var initiatives = await (
                from l in db.RoadmapServiceInitiatives
                join s in db.RoadmapServices on l.ServiceId equals s.Id
                where s.RoadmapVersionId == id
                select new { l.ServiceId, l.Initiative.Id, l.Initiative.Name })
            .AsNoTracking().ToListAsync(ct);
        var dependencies = await db.RoadmapDependencies.AsNoTracking().Where(d => d.Service.RoadmapVersionId == id)
            .OrderBy(d => d.Id)
            .Select(d => new DependencyRow(d.Id, d.ServiceId, d.DependsOnServiceId, d.InitiativeId, d.NationalSolutionId, d.Description))
            .ToListAsync(ct);

        var initiativeIds = dependencies.Where(d => d.InitiativeId is not null).Select(d => d.InitiativeId!.Value).Distinct().ToList();
        var dependedInitiatives = initiativeIds.Count == 0 ? [] : await db.Initiatives.AsNoTracking().Where(i => initiativeIds.Contains(i.Id))
            .Select(i => new InitiativeRow(i.Id, i.Name, i.PlannedEnd,
                db.StatusReports.Any(r => r.Id == i.LatestReportId && r.Status == Rag.Red)))
            .ToListAsync(ct);
        var solutionIds = dependencies.Where(d => d.NationalSolutionId is not null).Select(d => d.NationalSolutionId!.Value).Distinct().ToList();
        var dependedSolutions = solutionIds.Count == 0 ? [] : await db.NationalSolutions.AsNoTracking().Where(s => solutionIds.Contains(s.Id))
            .ToListAsync(ct);
        var solutionEvents = solutionIds.Count == 0 ? [] : await db.SolutionEvents.AsNoTracking().Where(e => solutionIds.Contains(e.SolutionId)).ToListAsync(ct);
        var eventsBySolution = solutionEvents.ToLookup(e => e.SolutionId);

        var milestones = await db.Milestones.AsNoTracking().AsSplitQuery().Where(m => m.RoadmapVersionId == id)
            .Include(m => m.Prerequisites).Include(m => m.Phases)
            .OrderBy(m => m.Position).ThenBy(m => m.Id)
            .ToListAsync(ct);

        var names = StringComparer.Create(Norwegian.Culture, true);
        var plansByService = plans.ToLookup(p => p.ServiceId);
        var solutionsByService = solutions.ToLookup(s => s.ServiceId);
        var initiativesByService = initiatives.ToLookup(s => s.ServiceId);
        var views = services.Select(s => new ServiceView(
                s.Id, s.Key, s.Area, s.Goal, s.Description, s.Version,
                plansByService[s.Id]
                    .Select(p => new PlanView(p.Id, p.ActorGroup, p.Kind, new PlannedDate(p.Written, p.Start, p.End, p.Precision, p.Qualifier), p.Note, p.Version))
                    .OrderBy(p => p.Date.Start is null).ThenBy(p => p.Date.Start).ThenBy(p => p.ActorGroup, names).ThenBy(p => p.Kind).ThenBy(p => p.Id)
                    .ToList(),
                solutionsByService[s.Id].Select(x => new LinkView(x.Id, x.Key, x.Name)).OrderBy(x => x.Name, names).ThenBy(x => x.Id).ToList(),
                initiativesByService[s.Id].Select(x => new LinkView(x.Id, x.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), x.Name))
                    .OrderBy(x => x.Name, names).ThenBy(x => x.Id).ToList(),
                []))
            .ToList();

        var serviceById = views.ToDictionary(s => s.Id);
        var initiativeById = dependedInitiatives.ToDictionary(i => i.Id);
        var solutionById = dependedSolutions.ToDictionary(s => s.Id);
        var dependenciesByService = dependencies.ToLookup(d => d.ServiceId);
        views = views.Select(s => s with
        {
            Dependencies = dependenciesByService[s.Id].Select(DependencyView? (d) =>
            {
                if (d.DependsOnServiceId is { } sid && serviceById.TryGetValue(sid, out var target))
                {
                    var reason = LateOnService(s, target);
                    return new DependencyView(d.Id, DependencyTarget.Service, target.Id, target.Key, target.Goal, d.Description, reason is not null, reason);
                }
                if (d.InitiativeId is { } iid && initiativeById.TryGetValue(iid, out var initiative))
                {
                    var reason = LateOnInitiative(s, initiative);
                    return new DependencyView(d.Id, DependencyTarget.Initiative, initiative.Id,
                        initiative.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), initiative.Name, d.Description, reason is not null, reason);
                }
                if (d.NationalSolutionId is { } nid && solutionById.TryGetValue(nid, out var solution))
                {
                    var reason = LateOnSolution(s, solution, eventsBySolution[solution.Id]);
                    return new DependencyView(d.Id, DependencyTarget.Solution, solution.Id, solution.Key, solution.Name, d.Description, reason is not null, reason);
                }
                return null;
            }).OfType<DependencyView>().ToList(),
        }).ToList();

        var milestoneViews = milestones.Select(m => new MilestoneView(
            m.Id, m.Code, m.Title, m.ReachCriterion,
            m.TargetWritten is null ? null : TargetDate(m.TargetWritten, m.TargetStart, m.TargetEnd),
            m.Version,
            m.Prerequisites.OrderBy(p => p.Position).ThenBy(p => p.Id)
                .Select(p => new PrerequisiteView(p.Id, p.Text, p.Status, p.Assessment, p.AssessedOn)).ToList(),
            m.Phases.OrderBy(p => p.Position).ThenBy(p => p.Id)
                .Select(p => new PhaseView(p.Id, p.Phase, TargetDate(p.Written, p.Start, p.End))).ToList())).ToList();

        var steps = await CaseStepsAsync(v, user, ct);
        return new RoadmapView(v.Id, v.Number, v.Title, v.Kind, v.Status, v.BasedOn?.Number, v.Summary,
            steps.Recommended, steps.Endorsed, v.PublishedOn, v.IsDemo, v.DemoNote, v.Version, views, milestoneViews);
    }

    /// <summary>
    /// Milestone targets and phases store only the written text and the interval; precision and qualifier come from
    /// parsing the text again (it was valid when saved), falling back to the stored interval.
    /// </summary>
    private static PlannedDate TargetDate(string written, DateOnly? start, DateOnly? end) =>
        PlannedDate.TryParse(written, out var parsed, out _) && parsed.Start == start && parsed.End == end
            ? parsed
            : new PlannedDate(written, start, end, start is null ? PlannedDatePrecision.Indefinite : PlannedDatePrecision.Range, PlannedDateQualifier.None);

    private async Task<(CaseStepView? Recommended, CaseStepView? Endorsed)> CaseStepsAsync(RoadmapVersion v, CurrentUser? user, CancellationToken ct)
    {
        var ids = new[] { v.RecommendedCaseId, v.EndorsedCaseId }.OfType<int>().ToList();
        if (ids.Count == 0) return (null, null);
        var cases = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new CaseRow(c.Id, c.BodyId, c.Year, c.Number, c.Title, c.Confidential, c.Decision, c.Meeting != null ? c.Meeting.Date : null))
            .ToListAsync(ct);
        var names = await BodyNamesAsync(cases.Select(c => c.BodyId), ct);
        var insider = CouncilAccess.CanSeeConfidential(user);
        CaseStepView? Step(int? caseId, DateOnly? on)
        {
            if (caseId is null || cases.FirstOrDefault(c => c.Id == caseId) is not { } c) return null;
            var hidden = c.Confidential && !insider;
            return new CaseStepView(c.Id, Reference(c, names), hidden ? CaseView.RedactedTitle : c.Title, on, hidden ? null : c.Decision);
        }
        return (Step(v.RecommendedCaseId, v.RecommendedOn), Step(v.EndorsedCaseId, v.EndorsedOn));
    }

    private async Task<Dictionary<int, List<BodyName>>> BodyNamesAsync(IEnumerable<int> bodyIds, CancellationToken ct)
    {
        var ids = bodyIds.Distinct().ToList();
        if (ids.Count == 0) return [];
        var rows = await db.BodyNames.AsNoTracking().Where(n => ids.Contains(n.BodyId)).ToListAsync(ct);
        return rows.GroupBy(n => n.BodyId).ToDictionary(g => g.Key, g => g.ToList());
    }

    /// <summary>"NUIT 39/21": the body's short name (or name) when the case was treated, and the case number.</summary>
    private static string Reference(CaseRow c, Dictionary<int, List<BodyName>> names)
    {
        var number = CouncilCase.FormatNumber(c.Number, c.Year);
        if (!names.TryGetValue(c.BodyId, out var list) || list.Count == 0) return number;
        var date = c.MeetingDate ?? new DateOnly(c.Year, 12, 31);
        var name = list.Where(n => n.ValidFrom <= date).MaxBy(n => n.ValidFrom) ?? list.MinBy(n => n.ValidFrom)!;
        return $"{name.ShortName ?? name.Name} {number}";
    }

    // ---------------------------------------------------------------- lateness

    /// <summary>
    /// The plan of the dependent service that starts first (trial or rollout): the start every reason compares with and
    /// quotes, whether the dependency is a service or an initiative.
    /// </summary>
    private static PlanView? EarliestPlan(ServiceView s) =>
        s.Plans.Where(p => p.Date.Start is not null).MinBy(p => (p.Date.Start, p.Date.End));

    /// <summary>"etter at denne tjenesten starter Q4 2022 (Helseforetak)".</summary>
    private static string AfterStart(PlanView first) => $"etter at denne tjenesten starter {first.Date.Written} ({first.ActorGroup})";

    private static string? LateOnService(ServiceView service, ServiceView target)
    {
        if (target.Plans.Count > 0 && target.Plans.All(p => p.Date.IsIndefinite))
            return "Tjenesten den avhenger av, er utsatt på ubestemt tid.";
        if (EarliestPlan(service) is not { } first || target.FirstInUse is not { } inUse) return null;
        return inUse.Date.Start > first.Date.Start
            ? $"Tjenesten den avhenger av, tas først i bruk {inUse.Date.Written} ({inUse.ActorGroup}), {AfterStart(first)}."
            : null;
    }

    /// <summary>Late when the solution is not in operation on the day the service's first plan starts (planned events count).</summary>
    private static string? LateOnSolution(ServiceView service, Solutions.NationalSolution solution, IEnumerable<Solutions.SolutionEvent> events) =>
        EarliestPlan(service) is { Date.Start: { } start } first && !Solutions.SolutionHistory.InOperationOn(solution, events, start)
            ? $"{solution.Name} er ikke i drift når denne tjenesten starter {first.Date.Written} ({first.ActorGroup})."
            : null;

    private static string? LateOnInitiative(ServiceView service, InitiativeRow initiative)
    {
        var reasons = new List<string>();
        if (EarliestPlan(service) is { } first && initiative.PlannedEnd is { } end && end > first.Date.Start)
            reasons.Add($"Tiltaket den avhenger av, er planlagt avsluttet {Norwegian.Date(end)}, {AfterStart(first)}.");
        if (initiative.Red) reasons.Add("Siste statusrapport for tiltaket den avhenger av, er rød.");
        return reasons.Count == 0 ? null : string.Join(" ", reasons);
    }
}
