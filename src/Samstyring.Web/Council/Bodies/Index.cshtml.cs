using Microsoft.AspNetCore.Authorization;
using Samstyring.Core.Council;
using Samstyring.Core.Common;

namespace Samstyring.Web.Council.Bodies;

/// <summary>The secretariat's list of bodies, with links to their settings, names, mandates and members.</summary>
[Authorize(Policy = "office")]
public sealed class IndexModel(CouncilQueries queries, TimeProvider clock) : CouncilOfficePage
{
    public List<Body> Bodies { get; private set; } = [];
    public Dictionary<int, int> CurrentMembers { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = clock.Today();
        Bodies = await queries.ListBodiesWithHistoryAsync(ct);
        CurrentMembers = await queries.CurrentMemberCountsAsync(ct);
    }
}
