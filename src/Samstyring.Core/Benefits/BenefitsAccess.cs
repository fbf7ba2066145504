using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Benefits;

/// <summary>
/// Who may do what with benefits. Benefits follow their initiative: every initiative is public, so anyone reads its
/// benefits and analysis; the office and users of the organisation that owns the initiative change them
/// (<see cref="PortfolioAccess.CanEdit"/>). The benefit's own owner (gevinsteier) is an actor named on it, not an editor.
/// </summary>
public static class BenefitsAccess
{
    public static bool CanEdit(CurrentUser? user, Initiative i) => PortfolioAccess.CanEdit(user, i);

    public static async Task<Initiative> LoadInitiativeForEditAsync(SamstyringDb db, int initiativeId, CurrentUser? user, CancellationToken ct)
    {
        PortfolioAccess.RequireEditorRole(user);
        var i = await db.Initiatives.Include(x => x.Owner).SingleOrDefaultAsync(x => x.Id == initiativeId, ct)
                ?? throw new NotFoundException($"Fant ikke tiltak {initiativeId}.");
        if (!CanEdit(user, i)) throw new ForbiddenException("Du kan bare endre gevinster for tiltak som din egen organisasjon eier.");
        return i;
    }

    /// <summary>Loads a benefit for change with its initiative, after the same checks.</summary>
    public static async Task<Benefit> LoadBenefitForEditAsync(SamstyringDb db, int benefitId, CurrentUser? user, CancellationToken ct)
    {
        PortfolioAccess.RequireEditorRole(user);
        var b = await db.Benefits.Include(x => x.Initiative).SingleOrDefaultAsync(x => x.Id == benefitId, ct)
                ?? throw new NotFoundException($"Fant ikke gevinst {benefitId}.");
        if (!CanEdit(user, b.Initiative)) throw new ForbiddenException("Du kan bare endre gevinster for tiltak som din egen organisasjon eier.");
        return b;
    }
}
