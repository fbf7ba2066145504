using Samstyring.Core.Common;

namespace Samstyring.Core.Roadmap;

/// <summary>
/// The office edits the roadmap. Drafts are shared with the office and council members (they treat them in NUIT and the
/// board); everyone else sees published versions only.
/// </summary>
public static class RoadmapAccess
{
    public static bool CanSeeDrafts(CurrentUser? user) => user is { Role: Role.PortfolioOffice or Role.Member };

    public static bool CanEdit(CurrentUser? user) => user is { Role: Role.PortfolioOffice };

    public static CurrentUser RequireOffice(CurrentUser? user) =>
        CanEdit(user) ? user! : throw new ForbiddenException("Bare porteføljekontoret kan endre veikartet.");
}
