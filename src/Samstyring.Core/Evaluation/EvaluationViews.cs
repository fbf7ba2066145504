namespace Samstyring.Core.Evaluation;

public sealed record EvaluationSummary(int Id, string Title, EvaluationPurpose Purpose, EvaluationStatus Status, bool IsPublished, int? StrategyId,
    string PrincipleSetTitle, int CandidateCount, bool WeightsDecided, bool IsDemo, int Version);

public sealed record PrincipleView(int Number, string Text);

public sealed record PrincipleSetView(int Id, string Version, string Title, EvaluationPurpose Purpose, string? SourceCase, bool IsCurrent, bool IsDemo,
    IReadOnlyList<PrincipleView> Principles);

/// <summary>A principle's weight as decided (a whole number) and as used (<c>normalised</c>, the weights scaled to sum to 1).</summary>
public sealed record WeightView(int Principle, int Weight, double Normalised);

/// <summary>The weights in use: the board's, with the case that set them, or equal while they are not decided (<see cref="Text"/> says which).</summary>
public sealed record WeightsView(bool Decided, string Text, int? CaseId, string? CaseName, DateOnly? DecidedOn, IReadOnlyList<WeightView> Weights);

public sealed record ProposerView(string DisplayName, DateTime ProposedAt);

public sealed record ScoreView(int Principle, int Value, string Reason);

/// <summary>One scorer's sheet for a candidate, with the weighted total of that scorer's scores alone.</summary>
public sealed record SheetView(int Id, string ScorerUserName, string ScorerName, DateTime ScoredAt, double WeightedTotal, bool IsDemo, int Version,
    IReadOnlyList<ScoreView> Scores);

/// <summary>The panel's scores of one principle for one candidate: mean, lowest, highest and population standard deviation.</summary>
public sealed record PrincipleSpread(int Principle, int Count, double Mean, int Min, int Max, double StandardDeviation);

public sealed record CandidateView(int Id, string Title, string Description, int? InitiativeId, int? MergedIntoId, string? MergedIntoTitle,
    IReadOnlyList<ProposerView> Proposers, IReadOnlyList<SheetView> Sheets, IReadOnlyList<PrincipleSpread> Spread, bool IsDemo, int Version)
{
    public bool IsMerged => MergedIntoId is not null;
}

/// <summary>A candidate's place: competition rank (ties share it), the weighted total on the 0–4 scale, and how many scored it.</summary>
public sealed record RankingRow(int CandidateId, string Title, int Rank, double Total, int ScorerCount, double? LowestScorerTotal, double? HighestScorerTotal);

/// <summary>A candidate's rank after one weight moved, and the change (positive: moved up).</summary>
public sealed record RankChange(int CandidateId, int Rank, int Change);

/// <summary>One principle's weight multiplied by <c>factor</c> (0.5 or 1.5), the others kept: every candidate's new rank.</summary>
public sealed record ShiftView(int Principle, double Factor, bool RankingChanged, IReadOnlyList<RankChange> Ranks);

/// <summary>A candidate in the random draws: the share (0–1) of draws with it in the top N, and its lowest and highest total.</summary>
public sealed record DrawView(int CandidateId, string Title, double TopNShare, double MinTotal, double MaxTotal);

public sealed record SensitivityView(int TopN, int Draws, ulong Seed, string Method, IReadOnlyList<ShiftView> Shifts, IReadOnlyList<DrawView> DrawResults);

/// <summary>
/// A round as its reader may see it. <see cref="CandidatesHidden"/> is true when the round is not published and the reader
/// is not among those who see it before (then <see cref="Candidates"/> holds only the reader's own proposals, and there
/// is no ranking).
/// </summary>
public sealed record EvaluationDetails(EvaluationSummary Summary, string Description, PrincipleSetView PrincipleSet, WeightsView Weights,
    IReadOnlyList<string> Panel, IReadOnlyList<CandidateView> Candidates, IReadOnlyList<RankingRow> Ranking, SensitivityView? Sensitivity,
    bool CandidatesHidden, DateTime CreatedAt);

/// <summary>One score for the CSV of all scores.</summary>
public sealed record ScoreRow(int CandidateId, string Candidate, string Scorer, int Principle, string PrincipleText, int Value, string Reason, DateTime ScoredAt);
