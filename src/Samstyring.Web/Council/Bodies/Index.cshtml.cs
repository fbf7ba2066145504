using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Council;
using Samstyring.Core.Data;

namespace Samstyring.Web.Council.Bodies;

/// <summary>The secretariat's list of bodies, with links to their settings, names, mandates and members.</summary>
[Authorize(Policy = "office")]
public sealed class BodiesOfficeModel(BodyUseCases bodies, SamstyringDb db) : CouncilOfficePage
{
    public List<Body> Bodies { get; private set; } = [];
    public Dictionary<int, int> CurrentMembers { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = db.Today;
        Bodies = await bodies.ListAsync(ct);
        var today = Today;
        CurrentMembers = await db.BodyMembers.AsNoTracking()
            .Where(m => m.TermStart <= today && (m.TermEnd == null || m.TermEnd >= today))
            .GroupBy(m => m.BodyId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
    }
}
