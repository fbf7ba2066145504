using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Data;
using Samstyring.Core.Roadmap;

namespace Samstyring.Core.Solutions;

/// <summary>Filters of the catalogue list; all optional.</summary>
public sealed record SolutionFilter(SolutionKind? Kind = null, SolutionLifecycle? Lifecycle = null, int? OwnerId = null, int? OperatorId = null,
    string? Grunnmur = null, string? Query = null);

/// <summary>
/// Reads the solutions area: the catalogue, the grunnmur, a solution's history and links, and its adoption on any date.
/// Everything here is public (open data); the decisions of a product board go through <see cref="CouncilQueries"/>, so what is
/// exempt from public access stays out for those who may not see it.
/// </summary>
[UseCase]
public sealed class SolutionQueries(SamstyringDb db, CouncilQueries council, RoadmapQueries roadmap)
{
    /// <summary>A date parameter as given ("?date=", "?dato="): empty is today; anything else must be a real date (else a Norwegian 400).</summary>
    public static DateOnly? ParseDate(string? value, string field = "date") => SolutionEditing.ParseDateParameter(value, field);

    public async Task<IReadOnlyList<SolutionSummary>> ListAsync(SolutionFilter? filter = null, CancellationToken ct = default)
    {
        var q = db.NationalSolutions.AsNoTracking();
        if (filter?.Kind is { } kind) q = q.Where(s => s.Kind == kind);
        if (filter?.Lifecycle is { } lifecycle) q = q.Where(s => s.Lifecycle == lifecycle);
        if (filter?.OwnerId is { } owner) q = q.Where(s => s.OwnerId == owner);
        if (filter?.OperatorId is { } op) q = q.Where(s => s.OperatorId == op);
        if (!string.IsNullOrWhiteSpace(filter?.Grunnmur))
            q = filter.Grunnmur == "none" ? q.Where(s => s.GrunnmurAreaId == null) : q.Where(s => s.GrunnmurArea!.Key == filter.Grunnmur);
        var rows = await Summaries(q).ToListAsync(ct);
        if (!string.IsNullOrWhiteSpace(filter?.Query))
        {
            var words = filter.Query.Trim();
            rows = rows.Where(r => r.Name.Contains(words, StringComparison.OrdinalIgnoreCase) || r.Key.Contains(words, StringComparison.OrdinalIgnoreCase)
                                   || r.Description.Contains(words, StringComparison.OrdinalIgnoreCase)).ToList();
        }
        return rows.OrderBy(r => r.Kind).ThenBy(r => r.Name, StringComparer.Create(Norwegian.Culture, true)).ToList();
    }

    private static IQueryable<SolutionSummary> Summaries(IQueryable<NationalSolution> q) =>
        q.Select(s => new SolutionSummary(s.Id, s.Key, s.Name, s.Kind, s.Description,
            s.Owner == null ? null : new ActorRef(s.Owner.Id, s.Owner.Name), s.Operator == null ? null : new ActorRef(s.Operator.Id, s.Operator.Name),
            s.Lifecycle, s.GrunnmurArea == null ? null : s.GrunnmurArea.Key, s.GrunnmurArea == null ? null : s.GrunnmurArea.Name, s.FinancingModel,
            s.PartOf == null ? null : s.PartOf.Key, s.PartOf == null ? null : s.PartOf.Name, s.IsDemo, s.Version));

    /// <summary>The entity, for use cases that change it.</summary>
    /// <exception cref="NotFoundException">No solution with that key.</exception>
    public async Task<NationalSolution> FindAsync(string key, CancellationToken ct = default) =>
        await db.NationalSolutions.AsNoTracking().SingleOrDefaultAsync(s => s.Key == key, ct)
        ?? throw new NotFoundException($"Fant ingen nasjonal løsning med nøkkelen «{key}».");

    /// <summary>One solution as it was on <paramref name="on"/> (today when null), with its whole history and its links.</summary>
    public async Task<SolutionDetails> GetAsync(string key, CurrentUser? user, DateOnly? on = null, CancellationToken ct = default)
    {
        var solution = await FindAsync(key, ct);
        var date = on ?? db.Today;
        var summary = await Summaries(db.NationalSolutions.AsNoTracking().Where(s => s.Id == solution.Id)).SingleAsync(ct);
        var events = await db.SolutionEvents.AsNoTracking().Include(e => e.Owner).Include(e => e.Operator)
            .Where(e => e.SolutionId == solution.Id).OrderBy(e => e.On).ThenBy(e => e.Id).ToListAsync(ct);
        var state = events.Count == 0
            ? new SolutionStateView(date, summary.Lifecycle, summary.Owner, summary.Operator)
            : StateView(events, date);
        var parts = await db.NationalSolutions.AsNoTracking().Where(s => s.PartOfId == solution.Id).OrderBy(s => s.Name)
            .Select(s => new SolutionLink(s.Key, s.Name)).ToListAsync(ct);
        var boards = (await council.ListBodiesAsync(ct)).Where(b => b.Kind == BodyKind.ProductBoard && b.Solution == solution.Name)
            .Select(b => new ProductBoardView(b.Slug, b.Name)).ToList();
        var decisions = new List<DecisionLink>();
        foreach (var board in boards)
            decisions.AddRange((await council.ListDecisionsAsync(board.Slug, user, 20, ct))
                .Select(c => new DecisionLink(c.Id, c.Number, c.Title, c.DecidedOn, c.Decision ?? "")));
        var initiatives = await db.SolutionInitiatives.AsNoTracking().Where(l => l.SolutionId == solution.Id)
            .OrderBy(l => l.Initiative.Name).Select(l => new InitiativeLink(l.InitiativeId, l.Initiative.Name, l.Initiative.Owner.Name)).ToListAsync(ct);
        var services = new List<RoadmapServiceLink>();
        if (await roadmap.GetLatestPublishedAsync(ct) is { } published)
            services.AddRange(published.Services.Where(s => s.Solutions.Any(l => l.Key == solution.Key))
                .Select(s => new RoadmapServiceLink(published.Number, s.Key, s.Goal)));
        var dependencies = await DependenciesOnAsync(solution, events, ct);
        var hasAdoption = await db.AdoptionChanges.AnyAsync(c => c.SolutionId == solution.Id, ct)
                          || await db.AdoptionTargets.AnyAsync(t => t.SolutionId == solution.Id, ct);
        return new SolutionDetails(summary, solution.LegalBasis, solution.Source, solution.DemoNote, state,
            events.Select(e => new SolutionEventView(e.Id, e.On, e.Lifecycle, Ref(e.Owner), Ref(e.Operator), e.Note, e.Source, e.IsDemo)).ToList(),
            parts, boards, initiatives, services, dependencies, decisions, hasAdoption);
    }

    private static ActorRef? Ref(Organization? o) => o is null ? null : new ActorRef(o.Id, o.Name);

    private static SolutionStateView StateView(List<SolutionEvent> events, DateOnly date)
    {
        var folded = SolutionHistory.Fold(events, date);
        var orgs = events.SelectMany(e => new[] { e.Owner, e.Operator }).OfType<Organization>().DistinctBy(o => o.Id).ToDictionary(o => o.Id);
        return new SolutionStateView(date, folded.Lifecycle, folded.OwnerId is { } o ? Ref(orgs[o]) : null, folded.OperatorId is { } p ? Ref(orgs[p]) : null);
    }

    private async Task<List<SolutionDependencyView>> DependenciesOnAsync(NationalSolution solution, List<SolutionEvent> events, CancellationToken ct)
    {
        var rows = await db.Dependencies.AsNoTracking().Where(d => d.TargetSolutionId == solution.Id)
            .OrderBy(d => d.Deadline).ThenBy(d => d.Id)
            .Select(d => new { d.Id, d.InitiativeId, Initiative = d.Initiative.Name, d.Description, d.Deadline }).ToListAsync(ct);
        return rows.Select(d => new SolutionDependencyView(d.Id, d.InitiativeId, d.Initiative, d.Description, d.Deadline,
            d.Deadline is { } deadline && !SolutionHistory.InOperationOn(solution, events, deadline))).ToList();
    }

    /// <summary>
    /// For dependencies on solutions: which of them are flagged because the solution is not in operation by the deadline
    /// (planned events count, so a transfer or launch planned before the deadline is taken into account).
    /// </summary>
    public async Task<HashSet<int>> DependenciesNotInOperationByDeadlineAsync(IReadOnlyCollection<(int DependencyId, int SolutionId, DateOnly Deadline)> dependencies,
        CancellationToken ct = default)
    {
        var flagged = new HashSet<int>();
        if (dependencies.Count == 0) return flagged;
        var ids = dependencies.Select(d => d.SolutionId).Distinct().ToList();
        var solutions = await db.NationalSolutions.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var events = (await db.SolutionEvents.AsNoTracking().Where(e => ids.Contains(e.SolutionId)).ToListAsync(ct)).ToLookup(e => e.SolutionId);
        foreach (var d in dependencies)
            if (solutions.TryGetValue(d.SolutionId, out var s) && !SolutionHistory.InOperationOn(s, events[d.SolutionId], d.Deadline)) flagged.Add(d.DependencyId);
        return flagged;
    }

    /// <summary>The solutions an initiative is linked to (the other way of <see cref="SolutionDetails.Initiatives"/>).</summary>
    public async Task<IReadOnlyList<SolutionLink>> LinkedToInitiativeAsync(int initiativeId, CancellationToken ct = default) =>
        await db.SolutionInitiatives.AsNoTracking().Where(l => l.InitiativeId == initiativeId).OrderBy(l => l.Solution.Name)
            .Select(l => new SolutionLink(l.Solution.Key, l.Solution.Name)).ToListAsync(ct);

    public async Task<IReadOnlyList<GrunnmurAreaView>> GrunnmurAsync(CancellationToken ct = default)
    {
        var areas = await db.GrunnmurAreas.AsNoTracking().OrderBy(a => a.Position).ToListAsync(ct);
        var components = (await ListAsync(null, ct)).Where(s => s.GrunnmurAreaKey is not null).ToLookup(s => s.GrunnmurAreaKey!);
        return areas.Select(a => new GrunnmurAreaView(a.Key, a.Name, a.Description, a.Source, components[a.Key].ToList())).ToList();
    }

    public async Task<IReadOnlyList<(string Key, string Name)>> GrunnmurOptionsAsync(CancellationToken ct = default) =>
        (await db.GrunnmurAreas.AsNoTracking().OrderBy(a => a.Position).Select(a => new { a.Key, a.Name }).ToListAsync(ct))
        .Select(a => (a.Key, a.Name)).ToList();

    // ------------------------------------------------------------------ adoption

    /// <summary>Every municipality with what adoption counts about it (actors are another area's rows, read here for their facts only).</summary>
    public async Task<IReadOnlyList<MunicipalityFacts>> MunicipalitiesAsync(CancellationToken ct = default) =>
        await db.Organizations.AsNoTracking().Where(o => o.MunicipalityNumber != null)
            .Select(o => new MunicipalityFacts(o.Id, o.Name, o.MunicipalityNumber!, o.County, o.Region, o.Population ?? 0, o.ExistsFrom, o.ExistsTo))
            .ToListAsync(ct);

    private async Task<List<StageChange>> ChangesAsync(int solutionId, DateOnly until, CancellationToken ct) =>
        await db.AdoptionChanges.AsNoTracking().Where(c => c.SolutionId == solutionId && c.On <= until)
            .Select(c => new StageChange(c.OrganizationId, c.Stage, c.On, c.Id, c.IsDemo)).ToListAsync(ct);

    /// <summary>
    /// Each municipality's latest change on or before the date, with its source: one index lookup per municipality
    /// (index SolutionId, OrganizationId, On) instead of reading every change of the solution. Exactly the rows
    /// <see cref="AdoptionFigures.StagesOn"/> picks from all changes for the municipalities.
    /// </summary>
    private async Task<List<(StageChange Change, string Source)>> LatestAsync(int solutionId, DateOnly date, CancellationToken ct)
    {
        var latestIds = db.Organizations.Where(o => o.MunicipalityNumber != null)
            .Select(o => db.AdoptionChanges.Where(c => c.SolutionId == solutionId && c.OrganizationId == o.Id && c.On <= date)
                .OrderByDescending(c => c.On).ThenByDescending(c => c.Id).Select(c => (long?)c.Id).FirstOrDefault());
        var rows = await db.AdoptionChanges.AsNoTracking().Where(c => c.SolutionId == solutionId && latestIds.Contains((long?)c.Id))
            .Select(c => new { c.OrganizationId, c.Stage, c.On, c.Id, c.Source }).ToListAsync(ct);
        return rows.Select(r => (new StageChange(r.OrganizationId, r.Stage, r.On, r.Id), r.Source)).ToList();
    }

    /// <summary>Each municipality's stage of the solution on the date (today when null), with since when and the source.</summary>
    public async Task<IReadOnlyList<ActorStage>> AdoptionOnAsync(string key, DateOnly? on = null, CancellationToken ct = default)
    {
        var solution = await FindAsync(key, ct);
        var date = on ?? db.Today;
        var municipalities = await MunicipalitiesAsync(ct);
        var latest = await LatestAsync(solution.Id, date, ct);
        var stages = AdoptionFigures.StagesOn(municipalities, latest.Select(l => l.Change), date);
        var sources = latest.ToDictionary(l => l.Change.OrganizationId, l => l.Source);
        return stages.Select(s => new ActorStage(s.Municipality.Id, s.Municipality.Name, s.Municipality.Number, s.Municipality.County,
            s.Municipality.Region, s.Municipality.Population, s.Stage, s.Since, sources.GetValueOrDefault(s.Municipality.Id))).ToList();
    }

    /// <summary>Today's stage of every municipality that has one, by organisation id: what an upload is compared with.</summary>
    public async Task<Dictionary<int, AdoptionStage>> CurrentStagesAsync(int solutionId, DateOnly on, CancellationToken ct = default)
    {
        var municipalities = await MunicipalitiesAsync(ct);
        return AdoptionFigures.StagesOn(municipalities, await ChangesAsync(solutionId, DateOnly.MaxValue, ct), on)
            .ToDictionary(s => s.Municipality.Id, s => s.Stage);
    }

    /// <summary>The adoption of a solution on the date (today when null): counts, areas, groups, targets, series and who is behind.</summary>
    public async Task<AdoptionSummary> SummaryAsync(string key, DateOnly? on = null, CancellationToken ct = default)
    {
        var solution = await FindAsync(key, ct);
        var date = on ?? db.Today;
        var municipalities = await MunicipalitiesAsync(ct);
        var changes = await ChangesAsync(solution.Id, date, ct);
        var stages = AdoptionFigures.StagesOn(municipalities, changes, date);
        var counts = AdoptionFigures.Count(stages);
        var series = AdoptionFigures.Series(municipalities, changes, date);
        var lastChange = changes.Count == 0 ? (DateOnly?)null : changes.Max(c => c.On);
        var inUse = stages.Where(s => s.Stage == AdoptionStage.InUse).ToList();
        long people = stages.Sum(s => (long)s.Municipality.Population);

        var targets = await db.AdoptionTargets.AsNoTracking().Where(t => t.SolutionId == solution.Id).OrderBy(t => t.DueOn)
            .Select(t => new { t.Id, t.Group, t.Stage, t.Measure, t.Value, t.DueOn, t.CaseId, Case = t.Case == null ? null : t.Case.Body.Slug + " " + t.Case.Number,
                t.CaseReference, CaseNumber = t.Case == null ? 0 : t.Case.Number, CaseYear = t.Case == null ? 0 : t.Case.Year, t.Source, t.IsDemo, t.Version })
            .ToListAsync(ct);
        var progress = new List<TargetProgress>();
        foreach (var t in targets)
        {
            // Municipal targets are measured on the municipalities; other groups on their latest recorded count.
            int actual; double share, populationShare;
            DateOnly? reachedOn;
            if (t.Group == AdoptionGroup.Municipalities)
            {
                var at = t.Stage == AdoptionStage.InUse ? series : AdoptionFigures.Series(municipalities, changes, date, t.Stage);
                var atStage = stages.Where(s => s.Stage >= t.Stage).ToList();
                actual = atStage.Count;
                share = AdoptionFigures.Percent(actual, stages.Count);
                populationShare = AdoptionFigures.Percent(atStage.Sum(s => (long)s.Municipality.Population), people);
                reachedOn = t.Measure == TargetMeasure.Count ? AdoptionFigures.ReachedOn(at, 0, (int)t.Value) : AdoptionFigures.ReachedOn(at, t.Value);
            }
            else
            {
                var latest = await db.AdoptionCounts.AsNoTracking().Where(c => c.SolutionId == solution.Id && c.Group == t.Group && c.Stage == t.Stage && c.On <= date)
                    .OrderByDescending(c => c.On).FirstOrDefaultAsync(ct);
                actual = latest?.Count ?? 0;
                share = latest?.Total is { } total ? AdoptionFigures.Percent(actual, total) : 0;
                populationShare = 0;
                reachedOn = (t.Measure == TargetMeasure.Count ? actual >= t.Value : share >= t.Value) ? latest?.On : null;
            }
            var status = reachedOn is { } r ? (r <= t.DueOn ? TargetStatus.Reached : TargetStatus.ReachedLate)
                : date > t.DueOn ? TargetStatus.Missed : TargetStatus.Open;
            DateOnly? forecast = null;
            if (reachedOn is null && t.Group == AdoptionGroup.Municipalities && lastChange is { } lc && t.Stage == AdoptionStage.InUse)
                forecast = AdoptionFigures.Forecast(series, t.Measure == TargetMeasure.Count ? AdoptionFigures.Percent(t.Value, stages.Count) : t.Value, lc);
            // A forecast date already past means the pace it was drawn from has stopped: there is no honest forecast then.
            if (forecast < date) forecast = null;
            var caseText = t.CaseId is null ? t.CaseReference : t.CaseReference ?? t.Case;
            progress.Add(new TargetProgress(t.Id, t.Group, t.Stage, t.Measure, t.Value, t.DueOn, t.CaseId, caseText, t.Source, t.IsDemo, t.Version,
                actual, share, populationShare, reachedOn, forecast, status));
        }

        var groups = (await db.AdoptionCounts.AsNoTracking().Where(c => c.SolutionId == solution.Id && c.On <= date).ToListAsync(ct))
            .GroupBy(c => (c.Group, c.Stage)).Select(g => g.OrderByDescending(c => c.On).ThenByDescending(c => c.Id).First())
            .OrderBy(c => c.Group).ThenByDescending(c => c.Stage)
            .Select(c => new GroupAdoption(c.Group, c.Stage, c.Count, c.Total, c.Total is { } total ? AdoptionFigures.Percent(c.Count, total) : null, c.On, c.Source, c.IsDemo))
            .ToList();

        // Behind: not in use, and either not started or without any step for a year.
        var behind = stages.Where(s => s.Stage != AdoptionStage.InUse && (s.Since is null || s.Since < date.AddYears(-1)))
            .OrderBy(s => s.Stage).ThenBy(s => s.Since).ThenBy(s => s.Municipality.Number, StringComparer.Ordinal)
            .Select(s => new ActorStage(s.Municipality.Id, s.Municipality.Name, s.Municipality.Number, s.Municipality.County, s.Municipality.Region,
                s.Municipality.Population, s.Stage, s.Since, null)).ToList();
        var hasDemo = changes.Any(c => c.IsDemo) || progress.Any(p => p.IsDemo) || groups.Any(g => g.IsDemo);
        return new AdoptionSummary(new SolutionLink(solution.Key, solution.Name), date, stages.Count, people, counts,
            AdoptionFigures.ByArea(stages, m => m.County ?? "Ukjent fylke"),
            AdoptionFigures.ByArea(stages, m => m.Region?.Label() ?? "Ukjent region"),
            groups, progress, series, lastChange, behind, hasDemo);
    }

    /// <summary>A line of adoption for each solution that has any, by key: for the portfolio report and the roadmap pages.</summary>
    public async Task<IReadOnlyList<AdoptionBrief>> BriefsAsync(IReadOnlyCollection<string>? keys = null, DateOnly? on = null, CancellationToken ct = default)
    {
        var withAdoption = await db.NationalSolutions.AsNoTracking()
            .Where(s => db.AdoptionChanges.Any(c => c.SolutionId == s.Id) || db.AdoptionTargets.Any(t => t.SolutionId == s.Id))
            .OrderBy(s => s.Name).Select(s => s.Key).ToListAsync(ct);
        var briefs = new List<AdoptionBrief>();
        foreach (var key in withAdoption.Where(k => keys is null || keys.Contains(k)))
        {
            var s = await SummaryAsync(key, on, ct);
            briefs.Add(new AdoptionBrief(key, s.Solution.Name, s.InUse.Count, s.Municipalities, s.InUse.Percent,
                s.NextTarget is { } t ? $"{t.Label}{(t.Forecast is { } f ? $" (prognose: {Norwegian.Date(f)})" : "")}" : null));
        }
        return briefs;
    }
}
