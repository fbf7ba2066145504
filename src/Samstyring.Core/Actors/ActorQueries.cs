using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Data;

namespace Samstyring.Core.Actors;

/// <summary>Reads of the actor registry for other areas' forms.</summary>
[UseCase]
public sealed class ActorQueries(SamstyringDb db)
{
    /// <summary>Every organisation by name. Municipalities are many (357), but a select with type-ahead works without script.</summary>
    public async Task<List<(int Id, string Name)>> OrganizationOptionsAsync(CancellationToken ct = default) =>
        (await db.Organizations.AsNoTracking().OrderBy(o => o.Name).ThenBy(o => o.Id).Select(o => new { o.Id, o.Name }).ToListAsync(ct))
        .Select(o => (o.Id, o.Name)).ToList();
}
