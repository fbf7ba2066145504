using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;

namespace Samstyring.Web.Portfolio;

/// <summary>
/// A status report, in the same shape in the initiative's details and in the answer to PUT /initiatives/{id}/reports/{period};
/// <c>version</c> is what a change to the report must send. <c>cost</c> is the free-text comment on the cost; <c>budgetOre</c>,
/// <c>spentOre</c> and <c>forecastOre</c> are the figures in øre.
/// </summary>
public sealed record StatusReportDto(
    string Period, string PeriodName, Rag Status, string StatusText, Rag Risk, string RiskText, string Progress, string Cost, DateTime ReportedAt,
    int Version, long? BudgetOre, long? SpentOre, long? ForecastOre, FundingSource? FundingSource)
{
    public static StatusReportDto From(StatusReport r) =>
        new(r.Period.Code, r.Period.Name, r.Status, r.StatusText, r.Risk, r.RiskText, r.Progress, r.Cost, r.ReportedAt, r.Version,
            r.BudgetOre, r.SpentOre, r.ForecastOre, r.FundingSource);
}

public sealed record InitiativeDependencyDto(
    int Id, DependencyTargetKind TargetKind, string Target, string Description, Criticality Criticality, Rag Status, DateOnly? Deadline, bool Overdue,
    int Version, bool SolutionNotInOperationByDeadline);

public sealed record PhaseDecisionDto(Phase Phase, DateOnly DecidedOn, string DecidedBy, string? Note);

public sealed record SubmissionStepDto(SubmissionAction Action, string? Comment, string By, DateTime At);

/// <summary>An inclusion assessment; <c>criteriaSet</c> is the version of the criteria it was assessed by.</summary>
public sealed record AssessmentDto(
    int Number, string CriteriaSet, bool Criterion1Met, IEnumerable<string> Criterion2Ways, IEnumerable<string> AlsoWanted, bool MinorHelsenorgeOnly,
    bool Criterion2MetByDialogue, string Dialogue, bool Criterion2Met, bool MayBeIncluded, DateTime AssessedAt);

/// <summary>
/// An initiative with its reports, dependencies, phase decisions and assessments. <c>submissionSteps</c> is null for readers
/// outside the submission (see PortfolioAccess.CanSeeSubmissionHistory), not an empty history.
/// </summary>
public sealed record InitiativeDetailsDto(
    int Id, string Name, string Description, OwnerDto Owner, InitiativeKind Kind, Lifecycle Lifecycle, string? LeftReason,
    DateOnly? LeftOn, Phase Phase, Segment? Segment, DateOnly? PlannedStart, DateOnly? PlannedEnd, string? ContactPerson,
    SubmissionState Submission, bool Demo, string? DemoNote, int Version,
    IEnumerable<StatusReportDto> Reports, IEnumerable<InitiativeDependencyDto> Dependencies, IEnumerable<PhaseDecisionDto> PhaseDecisions,
    IEnumerable<SubmissionStepDto>? SubmissionSteps, IEnumerable<AssessmentDto> Assessments)
{
    public static InitiativeDetailsDto From(InitiativeDetails d)
    {
        var i = d.Initiative;
        return new InitiativeDetailsDto(
            i.Id, i.Name, i.Description, new OwnerDto(i.OwnerId, i.Owner.Name), i.Kind, i.Lifecycle, i.LeftReason, i.LeftOn, i.Phase,
            i.Segment, i.PlannedStart, i.PlannedEnd, i.ContactPerson, i.Submission, i.IsDemo, i.DemoNote, i.Version,
            d.Reports.Select(StatusReportDto.From),
            d.Dependencies.Select(x => new InitiativeDependencyDto(
                x.Id, x.TargetKind, x.TargetName, x.Description, x.Criticality, x.Status, x.Deadline, x.IsOverdue(d.Today), x.Version,
                d.SolutionNotInOperationByDeadline.Contains(x.Id))),
            i.PhaseDecisions.OrderBy(p => p.DecidedOn).ThenBy(p => p.Id).Select(p => new PhaseDecisionDto(p.Phase, p.DecidedOn, p.DecidedBy, p.Note)),
            // Null for readers outside the submission (see PortfolioAccess.CanSeeSubmissionHistory), not an empty history.
            d.ShowsSubmissionHistory
                ? i.SubmissionSteps.OrderBy(s => s.At).ThenBy(s => s.Id).Select(s => new SubmissionStepDto(s.Action, s.Comment, s.ByName, s.At))
                : null,
            i.Assessments.OrderBy(a => a.Number).Select(a => new AssessmentDto(
                a.Number, a.CriteriaSet.Version, a.Criterion1Met, a.Criterion2WayCodes, a.AlsoWantedCodes,
                a.MinorHelsenorgeOnly, a.Criterion2MetByDialogue, a.Dialogue, a.Criterion2Met, a.MayBeIncluded, a.AssessedAt)));
    }
}
