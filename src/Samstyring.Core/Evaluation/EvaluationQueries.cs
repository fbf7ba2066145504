using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Strategy;

namespace Samstyring.Core.Evaluation;

/// <summary>How much sensitivity to compute: N for "top N", how many random weight sets, and the seed.</summary>
public sealed record SensitivityOptions(int TopN = SensitivityOptions.DefaultTopN, int Draws = SensitivityOptions.DefaultDraws, ulong Seed = SensitivityOptions.DefaultSeed)
{
    public const int DefaultTopN = 3, MaxTopN = 50;
    public const int DefaultDraws = 1000, MaxDraws = 10_000;
    /// <summary>The date of the board's meeting that prioritised the target areas (4 February 2022), as a number.</summary>
    public const ulong DefaultSeed = 20220204;

    /// <summary>Refuses N or a number of draws outside their bounds, in Norwegian, naming the field.</summary>
    public void Validate()
    {
        var v = new Validator();
        if (TopN is < 1 or > MaxTopN) v.Add("top", $"N for «topp N» må være fra 1 til {MaxTopN}, ikke {TopN}.");
        if (Draws is < 0 or > MaxDraws) v.Add("draws", $"Antall trekninger må være fra 0 til {MaxDraws.ToString("N0", Norwegian.Culture)}, ikke {Draws}.");
        v.ThrowIfInvalid();
    }
}

/// <summary>Reads of evaluation rounds, with the ranking and sensitivity computed by <see cref="EvaluationCalculator"/>.</summary>
[UseCase]
public sealed class EvaluationQueries(SamstyringDb db)
{
    public const string DrawMethod =
        "Hver vekt ganges med en egen faktor trukket jevnt fordelt mellom 0,5 og 1,5 (SplitMix64 med oppgitt frø), og vektene normaliseres på nytt. " +
        "Et forslag er i topp N når rangen er N eller bedre; like summer deler rang.";

    /// <summary>Every round, newest first. Candidate counts are shown for published rounds and to those who see unpublished ones.</summary>
    public async Task<List<EvaluationSummary>> ListAsync(CurrentUser? user, CancellationToken ct = default)
    {
        var rows = await db.Evaluations.AsNoTracking().OrderByDescending(e => e.Id)
            .Select(e => new
            {
                e.Id, e.Title, e.Purpose, e.Status, e.IsPublished, e.StrategyId, SetTitle = e.PrincipleSet.Title,
                StrategyDraft = db.Strategies.Any(st => st.Id == e.StrategyId && st.Status == StrategyStatus.Draft),
                Count = e.Candidates.Count(c => c.MergedIntoId == null), Decided = e.WeightsCaseId != null, e.IsDemo, e.Version,
            }).ToListAsync(ct);
        var seesAll = user is { IsOffice: true } or { Role: Role.Member };
        // A strategy in draft is not there for those who may not see drafts: nor is the round's link to it.
        var seesDrafts = StrategyAccess.CanSeeDrafts(user);
        return rows.Select(e => new EvaluationSummary(e.Id, e.Title, e.Purpose, e.Status, e.IsPublished, e.StrategyDraft && !seesDrafts ? null : e.StrategyId, e.SetTitle,
            e.IsPublished || seesAll ? e.Count : 0, e.Decided, e.IsDemo, e.Version)).ToList();
    }

    public async Task<List<PrincipleSetView>> PrincipleSetsAsync(CancellationToken ct = default) =>
        (await db.PrincipleSets.AsNoTracking().Include(s => s.Principles).OrderBy(s => s.Purpose).ThenByDescending(s => s.Id).ToListAsync(ct))
        .Select(SetView).ToList();

    /// <summary>The users who may be named to a panel, by name: every account.</summary>
    public async Task<List<(string UserName, string DisplayName)>> UsersAsync(CancellationToken ct = default) =>
        (await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).Select(u => new { u.UserName, u.DisplayName }).ToListAsync(ct))
        .Select(u => (u.UserName, u.DisplayName)).ToList();

    /// <summary>
    /// The initiatives that may be proposed in a round on initiatives, by name: candidates for the portfolio and those in
    /// it (active or paused), as (id, «name (owner, lifecycle)»). The portfolio is public, so everyone may see the list.
    /// </summary>
    public async Task<List<(string Value, string Text)>> InitiativeOptionsAsync(CancellationToken ct = default)
    {
        var rows = await db.Initiatives.AsNoTracking()
            .Where(i => i.Lifecycle == Portfolio.Lifecycle.Candidate || i.Lifecycle == Portfolio.Lifecycle.Active || i.Lifecycle == Portfolio.Lifecycle.Paused)
            .OrderBy(i => i.Name).ThenBy(i => i.Id)
            .Select(i => new { i.Id, i.Name, Owner = i.Owner.ShortName ?? i.Owner.Name, i.Lifecycle }).ToListAsync(ct);
        return rows.Select(r => (r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{r.Name} ({r.Owner}, {r.Lifecycle.Label().ToLowerInvariant()})")).ToList();
    }

    /// <summary>The user names of a round's panel.</summary>
    public Task<List<string>> PanelUserNamesAsync(int id, CancellationToken ct = default) => EvaluationEditing.PanelUserNamesAsync(db, id, ct);

    public async Task<EvaluationDetails> DetailsAsync(int id, CurrentUser? user, SensitivityOptions? sensitivity = null, CancellationToken ct = default)
    {
        var options = sensitivity ?? new SensitivityOptions();
        options.Validate();
        var round = await db.Evaluations.AsNoTracking()
                        .Include(e => e.PrincipleSet).ThenInclude(s => s.Principles)
                        .Include(e => e.Weights)
                        .Include(e => e.WeightsCase).ThenInclude(c => c!.Body).ThenInclude(b => b.Names)
                        .Include(e => e.Panel).ThenInclude(p => p.User)
                        .AsSplitQuery()
                        .SingleOrDefaultAsync(e => e.Id == id, ct)
                    ?? throw new NotFoundException($"Vurdering {id} finnes ikke.");
        var panelNames = round.Panel.Select(p => p.User.UserName).ToList();
        var seesAll = round.IsPublished || EvaluationAccess.CanSeeUnpublished(user, panelNames);

        var candidates = await db.EvaluationCandidates.AsNoTracking()
            .Include(c => c.Proposers)
            .Include(c => c.MergedInto)
            .Include(c => c.Sheets).ThenInclude(s => s.Scores).ThenInclude(s => s.Principle)
            .Include(c => c.Sheets).ThenInclude(s => s.Scorer)
            .AsSplitQuery()
            .Where(c => c.EvaluationId == id).OrderBy(c => c.Id).ToListAsync(ct);
        if (!seesAll)
            candidates = candidates.Where(c => user is not null && c.Proposers.Any(p => string.Equals(p.UserName, user.UserName, StringComparison.OrdinalIgnoreCase))).ToList();

        var principles = round.PrincipleSet.Principles.OrderBy(p => p.Number).ToList();
        var weights = WeightsOf(round, principles);
        var raw = weights.Weights.Select(w => (double)w.Weight).ToArray();

        var views = candidates.Select(c => CandidateView(c, principles, raw)).ToList();
        var ranking = new List<RankingRow>();
        SensitivityView? sens = null;
        var ranked = views.Where(c => !c.IsMerged && c.Sheets.Count > 0).ToList();
        if (seesAll && ranked.Count > 0)
        {
            var matrix = Matrix(ranked, principles.Count);
            var totals = EvaluationCalculator.Totals(matrix, raw);
            var ranks = EvaluationCalculator.Ranks(totals);
            var order = EvaluationCalculator.ListOrder(ranks, ranked.Select(c => c.Title).ToList(), ranked.Select(c => c.Id).ToList());
            ranking = order.Select(i => new RankingRow(ranked[i].Id, ranked[i].Title, ranks[i], totals[i], ranked[i].Sheets.Count,
                ranked[i].Sheets.Min(s => s.WeightedTotal), ranked[i].Sheets.Max(s => s.WeightedTotal))).ToList();

            var shifts = EvaluationCalculator.WeightShifts(matrix, raw).Select(s => new ShiftView(principles[s.Principle].Number, s.Factor,
                order.Any(i => s.Ranks[i] != ranks[i]),
                order.Select(i => new RankChange(ranked[i].Id, s.Ranks[i], ranks[i] - s.Ranks[i])).ToList())).ToList();
            var draws = EvaluationCalculator.Draws(matrix, raw, options.Draws, options.TopN, options.Seed);
            sens = new SensitivityView(options.TopN, options.Draws, options.Seed, DrawMethod, shifts,
                order.Select(i => new DrawView(ranked[i].Id, ranked[i].Title, draws.TopNShares[i], draws.MinTotals[i], draws.MaxTotals[i])).ToList());
        }

        var strategyId = round.StrategyId is { } sid && !StrategyAccess.CanSeeDrafts(user)
                         && await db.Strategies.AnyAsync(st => st.Id == sid && st.Status == StrategyStatus.Draft, ct) ? null : round.StrategyId;
        var summary = new EvaluationSummary(round.Id, round.Title, round.Purpose, round.Status, round.IsPublished, strategyId, round.PrincipleSet.Title,
            seesAll ? views.Count(c => !c.IsMerged) : 0, round.WeightsDecided, round.IsDemo, round.Version);
        return new EvaluationDetails(summary, round.Description, SetView(round.PrincipleSet), weights,
            seesAll ? round.Panel.Select(p => p.User.DisplayName).OrderBy(n => n, StringComparer.Ordinal).ToList() : [],
            views, ranking, sens, !seesAll, round.CreatedAt);
    }

    /// <summary>Every score of the round's candidates, for the CSV; only for those who see the round's scores.</summary>
    public async Task<List<ScoreRow>> ScoresAsync(int id, CurrentUser? user, CancellationToken ct = default)
    {
        var details = await DetailsAsync(id, user, new SensitivityOptions(Draws: 0), ct);
        if (details.CandidatesHidden) throw new NotFoundException($"Poengene i vurdering {id} er ikke publisert.");
        var texts = details.PrincipleSet.Principles.ToDictionary(p => p.Number, p => p.Text);
        return details.Candidates.Where(c => !c.IsMerged)
            .SelectMany(c => c.Sheets.SelectMany(s => s.Scores.Select(x => new ScoreRow(c.Id, c.Title, s.ScorerName, x.Principle, texts[x.Principle], x.Value, x.Reason, s.ScoredAt))))
            .OrderBy(r => r.CandidateId).ThenBy(r => r.Scorer, StringComparer.Ordinal).ThenBy(r => r.Principle).ToList();
    }

    internal static double[,] Matrix(IReadOnlyList<CandidateView> candidates, int principleCount)
    {
        var m = new double[candidates.Count, principleCount];
        for (var i = 0; i < candidates.Count; i++)
            for (var j = 0; j < principleCount; j++)
                m[i, j] = candidates[i].Spread[j].Mean;
        return m;
    }

    private static WeightsView WeightsOf(EvaluationRound round, List<Principle> principles)
    {
        var decided = round.WeightsDecided && round.Weights.Count == principles.Count;
        var raw = principles.Select(p => decided ? round.Weights.Single(w => w.PrincipleId == p.Id).Weight : 1).ToList();
        var sum = (double)raw.Sum();
        var weights = principles.Select((p, i) => new WeightView(p.Number, raw[i], raw[i] / sum)).ToList();
        var caseName = round.WeightsCase is { } c ? $"{c.Body.NameOn(c.DecidedOn ?? new DateOnly(c.Year, 6, 30)).Name} sak {c.NumberText}" : null;
        var text = decided
            ? $"Vektene er fastsatt av styret i {caseName}" + (round.WeightsDecidedOn is { } on ? $", {Norwegian.Date(on)}." : ".")
            : "Styret har ikke fastsatt vektene ennå. Inntil da teller alle prinsippene likt.";
        return new WeightsView(decided, text, decided ? round.WeightsCaseId : null, decided ? caseName : null, decided ? round.WeightsDecidedOn : null, weights);
    }

    private static CandidateView CandidateView(Candidate c, List<Principle> principles, double[] weights)
    {
        var sheets = c.Sheets.OrderBy(s => s.Scorer.DisplayName, StringComparer.Ordinal).Select(s =>
        {
            var scores = principles.Select(p => s.Scores.SingleOrDefault(x => x.PrincipleId == p.Id)).ToList();
            var values = new double[1, principles.Count];
            for (var j = 0; j < principles.Count; j++) values[0, j] = scores[j]?.Value ?? 0;
            return new SheetView(s.Id, s.Scorer.UserName, s.Scorer.DisplayName, s.ScoredAt, EvaluationCalculator.Totals(values, weights)[0], s.IsDemo, s.Version,
                scores.Where(x => x is not null).Select(x => new ScoreView(x!.Principle.Number, x.Value, x.Reason)).ToList());
        }).ToList();
        var spread = principles.Select(p =>
        {
            var values = sheets.SelectMany(s => s.Scores.Where(x => x.Principle == p.Number).Select(x => x.Value)).ToList();
            return values.Count == 0
                ? new PrincipleSpread(p.Number, 0, 0, 0, 0, 0)
                : new PrincipleSpread(p.Number, values.Count, values.Average(), values.Min(), values.Max(), EvaluationCalculator.StandardDeviation(values));
        }).ToList();
        return new CandidateView(c.Id, c.Title, c.Description, c.InitiativeId, c.MergedIntoId, c.MergedInto?.Title,
            c.Proposers.OrderBy(p => p.ProposedAt).ThenBy(p => p.Id).Select(p => new ProposerView(p.DisplayName, p.ProposedAt)).ToList(),
            sheets, spread, c.IsDemo, c.Version);
    }

    private static PrincipleSetView SetView(PrincipleSet s) => new(s.Id, s.Version, s.Title, s.Purpose, s.SourceCase, s.IsCurrent, s.IsDemo,
        s.Principles.OrderBy(p => p.Number).Select(p => new PrincipleView(p.Number, p.Text)).ToList());
}
