using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;

namespace Samstyring.Web.Portfolio;

public sealed record InitiativeDetailsDto(
    int Id, string Name, string Description, OwnerDto Owner, InitiativeKind Kind, Lifecycle Lifecycle, string? LeftReason,
    DateOnly? LeftOn, Phase Phase, Segment? Segment, DateOnly? PlannedStart, DateOnly? PlannedEnd, string? ContactPerson,
    SubmissionState Submission, bool Demo, string? DemoNote, int Version,
    IEnumerable<object> Reports, IEnumerable<object> Dependencies, IEnumerable<object> PhaseDecisions,
    IEnumerable<object>? SubmissionSteps, IEnumerable<object> Assessments)
{
    public static InitiativeDetailsDto From(InitiativeDetails d)
    {
        var i = d.Initiative;
        return new InitiativeDetailsDto(
            i.Id, i.Name, i.Description, new OwnerDto(i.OwnerId, i.Owner.Name), i.Kind, i.Lifecycle, i.LeftReason, i.LeftOn, i.Phase,
            i.Segment, i.PlannedStart, i.PlannedEnd, i.ContactPerson, i.Submission, i.IsDemo, i.DemoNote, i.Version,
            d.Reports.Select(r => (object)new
            {
                period = r.Period.Code, periodName = r.Period.Name, status = r.Status, r.StatusText, risk = r.Risk, r.RiskText,
                r.Progress, r.Cost, r.ReportedAt, r.Version,
            }),
            d.Dependencies.Select(x => (object)new
            {
                x.Id, targetKind = x.TargetKind, target = x.TargetName, x.Description, criticality = x.Criticality, status = x.Status,
                x.Deadline, overdue = x.IsOverdue(d.Today), x.Version,
            }),
            i.PhaseDecisions.OrderBy(p => p.DecidedOn).ThenBy(p => p.Id).Select(p => (object)new { phase = p.Phase, p.DecidedOn, p.DecidedBy, p.Note }),
            // Null for readers outside the submission (see PortfolioAccess.CanSeeSubmissionHistory), not an empty history.
            d.ShowsSubmissionHistory
                ? i.SubmissionSteps.OrderBy(s => s.At).ThenBy(s => s.Id).Select(s => (object)new { action = s.Action, s.Comment, by = s.ByName, s.At })
                : null,
            i.Assessments.OrderBy(a => a.Number).Select(a => (object)new
            {
                a.Number, criteriaSet = a.CriteriaSet.Version, a.Criterion1Met, criterion2Ways = a.Criterion2WayCodes, alsoWanted = a.AlsoWantedCodes,
                a.MinorHelsenorgeOnly, a.Criterion2MetByDialogue, a.Dialogue, a.Criterion2Met, a.MayBeIncluded, a.AssessedAt,
            }));
    }
}
