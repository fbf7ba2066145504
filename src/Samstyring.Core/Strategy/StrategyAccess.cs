using Samstyring.Core.Common;

namespace Samstyring.Core.Strategy;

/// <summary>
/// Who may see and change strategies. A strategy on consultation, adopted or replaced is public; a draft is shared with the
/// office and the council's members, who work on it in the board. Only the office edits strategies, their steps, target
/// areas and links.
/// </summary>
public static class StrategyAccess
{
    public static bool CanSeeDrafts(CurrentUser? user) => user is { Role: Role.PortfolioOffice or Role.Member };

    public static bool CanEdit(CurrentUser? user) => user is { IsOffice: true };

    public static bool CanSee(CurrentUser? user, StrategyStatus status) => status != StrategyStatus.Draft || CanSeeDrafts(user);

    public static void RequireEditor(CurrentUser? user)
    {
        if (!CanEdit(user)) throw new ForbiddenException("Bare porteføljekontoret kan endre strategier og målområder.");
    }
}
