using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Portfolio;

/// <summary>Shared bits of the initiative pages: dropdown reads and loading an initiative to change.</summary>
public abstract class InitiativePage : SamstyringPage
{
    /// <summary>Loads an initiative for a page that changes it; refused unless the user may change it (the use case checks again when saving).</summary>
    protected async Task<InitiativeDetails> LoadEditableAsync(GetInitiative getInitiative, int id, CancellationToken ct,
        string refusal = "Du kan bare endre tiltak som din egen organisasjon eier.")
    {
        var details = await getInitiative.HandleAsync(id, CurrentUser, ct);
        return details.CanEdit ? details : throw new Samstyring.Core.Common.ForbiddenException(refusal);
    }

    public static async Task<List<(string, string)>> OrganizationOptionsAsync(SamstyringDb db, CancellationToken ct) =>
        (await db.Organizations.AsNoTracking().OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(ct))
        .Select(o => (o.Id.ToString(), o.Name)).ToList();

    /// <summary>Periods that have started, newest first: the ones that can be reported on.</summary>
    public static async Task<List<ReportingPeriod>> StartedPeriodsAsync(SamstyringDb db, CancellationToken ct)
    {
        var today = db.Today;
        return await db.ReportingPeriods.AsNoTracking().Where(p => p.Start <= today).OrderByDescending(p => p.Start).ToListAsync(ct);
    }
}
