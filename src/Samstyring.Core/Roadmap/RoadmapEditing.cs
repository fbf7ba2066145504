using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Roadmap;

/// <summary>
/// The office edits the roadmap: drafts (copied from an earlier version), services, plans, dependencies, milestones (see
/// <see cref="MilestoneEditing"/>), and the steps through NUIT and the board to publication. A version can be changed while it is
/// a draft or recommended (NUIT's input is worked in before the board); endorsed and published versions are frozen.
/// Every change to a version's content also stamps the version, so its ETag changes.
/// </summary>
internal static class RoadmapEditing
{
    public static async Task<RoadmapVersion> LoadVersionAsync(SamstyringDb db, string number, CancellationToken ct)
    {
        var n = number?.Trim() ?? "";
        return await db.RoadmapVersions.SingleOrDefaultAsync(x => x.Number == n, ct)
               ?? throw new NotFoundException($"Fant ikke veikartversjon {Validator.Truncate(n)}.");
    }

    /// <summary>The service with its version, refused when the version is frozen.</summary>
    public static async Task<RoadmapService> LoadServiceAsync(SamstyringDb db, int serviceId, CancellationToken ct)
    {
        var service = await db.RoadmapServices.Include(s => s.RoadmapVersion).SingleOrDefaultAsync(s => s.Id == serviceId, ct)
                      ?? throw new NotFoundException($"Fant ikke tjeneste {serviceId}.");
        RequireEditable(service.RoadmapVersion);
        return service;
    }

    /// <summary>Endorsed and published versions are frozen: changes go into a new draft.</summary>
    public static void RequireEditable(RoadmapVersion version)
    {
        var state = version.Status switch
        {
            RoadmapStatus.Published => "publisert",
            RoadmapStatus.Endorsed => "tilsluttet av Nasjonalt e-helseråd",
            _ => null,
        };
        if (state is not null)
            throw ValidationFailedException.For("status", $"Versjon {version.Number} er {state} og kan ikke endres. Lag et nytt utkast.");
    }

    /// <summary>A change to the content is a new version of the whole roadmap version (its ETag changes).</summary>
    public static void Touch(SamstyringDb db, RoadmapVersion version)
    {
        version.UpdatedAt = db.UtcNow;
        db.Entry(version).Property(x => x.UpdatedAt).IsModified = true;
    }

    /// <summary>The position after the last one taken: a new service, milestone, prerequisite or phase goes last.</summary>
    public static async Task<int> NextPositionAsync(IQueryable<int> positions, CancellationToken ct) =>
        (await positions.MaxAsync(p => (int?)p, ct) ?? 0) + 1;
}
