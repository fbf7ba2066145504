using Samstyring.Core.Common;

namespace Samstyring.Core.Evaluation;

/// <summary>
/// Who may do what in an evaluation round. An actor's user (initiative owner or KS), a council member or the
/// office proposes candidates. The office runs the round (merges duplicates, names the panel, records the board's
/// weights, publishes). The office and the round's panel members score. Before the office publishes, the candidates and
/// scores are seen by the office, council members and the panel, and each proposer sees what they proposed; once
/// published, everyone sees the candidates, their proposers, the scores and the ranking.
/// </summary>
public static class EvaluationAccess
{
    public static bool CanManage(CurrentUser? user) => user is { IsOffice: true };

    /// <summary>
    /// The office, council members and the actors' own users (initiative owners, KS). The operator and TBU accounts are
    /// functional roles that record adoption and calculations, and write nothing else.
    /// </summary>
    public static bool CanPropose(CurrentUser? user) =>
        user is { IsOffice: true } or { Role: Role.Member or Role.KsCoordinator } or { Role: Role.InitiativeOwner, OrganizationId: not null };

    public static bool IsPanelMember(CurrentUser? user, IEnumerable<string> panelUserNames) =>
        user is not null && panelUserNames.Contains(user.UserName, StringComparer.OrdinalIgnoreCase);

    public static bool CanScore(CurrentUser? user, IEnumerable<string> panelUserNames) => CanManage(user) || IsPanelMember(user, panelUserNames);

    /// <summary>Whether the user sees an unpublished round's candidates, scores and ranking.</summary>
    public static bool CanSeeUnpublished(CurrentUser? user, IEnumerable<string> panelUserNames) =>
        user is { IsOffice: true } or { Role: Role.Member } || IsPanelMember(user, panelUserNames);

    public static void RequireManager(CurrentUser? user)
    {
        if (user is null) throw new ForbiddenException("Logg inn for å endre vurderingen.");
        if (!CanManage(user)) throw new ForbiddenException("Bare porteføljekontoret kan endre vurderingen.");
    }
}
