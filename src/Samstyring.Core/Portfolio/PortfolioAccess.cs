using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Portfolio;

/// <summary>Who may do what with an initiative. Every use case checks here, whichever door it came in by.</summary>
public static class PortfolioAccess
{
    public static bool CanPropose(CurrentUser? user) =>
        user is { Role: Role.PortfolioOffice } or { Role: Role.InitiativeOwner, OrganizationId: not null };

    /// <summary>The office edits everything; an owner only initiatives its own organisation owns.</summary>
    public static bool CanEdit(CurrentUser? user, Initiative i) =>
        user is { Role: Role.PortfolioOffice } || (user is { Role: Role.InitiativeOwner } && user.OrganizationId == i.OwnerId);

    /// <summary>
    /// The submission history (who proposed, endorsed, returned or assessed, and their comments) is case handling between
    /// the owner, KS and the office: the office, the owner's own organisation and, for a municipality's initiative, KS see
    /// it. Everyone else sees the initiative's public facts and where its submission stands.
    /// </summary>
    public static bool CanSeeSubmissionHistory(CurrentUser? user, Initiative i) =>
        CanEdit(user, i) || (user is { Role: Role.KsCoordinator } && i.Owner?.Type == OrganizationType.Kommune);

    public static CurrentUser RequireOffice(CurrentUser? user) =>
        user is { Role: Role.PortfolioOffice } ? user : throw new ForbiddenException("Bare porteføljekontoret kan gjøre dette.");

    /// <summary>Only the office and owners ever change initiatives; anyone else is refused before anything is looked up.</summary>
    public static CurrentUser RequireEditorRole(CurrentUser? user) =>
        user is { Role: Role.PortfolioOffice or Role.InitiativeOwner } ? user
        : throw new ForbiddenException(user is null ? "Du må logge inn." : "Bare porteføljekontoret og tiltakseiere kan endre tiltak.");

    /// <summary>
    /// Loads an initiative for change, checking first that the user may change it: a role that may never edit initiatives
    /// is refused before the lookup, so it learns nothing about which ids exist. The caller checks the version.
    /// </summary>
    public static async Task<Initiative> LoadForEditAsync(SamstyringDb db, int id, CurrentUser? user, CancellationToken ct)
    {
        RequireEditorRole(user);
        var i = await db.Initiatives.Include(x => x.Owner).SingleOrDefaultAsync(x => x.Id == id, ct)
                ?? throw new NotFoundException($"Fant ikke tiltak {id}.");
        if (!CanEdit(user, i)) throw new ForbiddenException("Du kan bare endre tiltak som din egen organisasjon eier.");
        return i;
    }
}
