using Microsoft.AspNetCore.Authorization;
using Samstyring.Core.Council;
using Samstyring.Core.Common;

namespace Samstyring.Web.Council.Bodies;

/// <summary>One body as the secretariat sees it: settings, name history, mandate versions, and links to change them.</summary>
[Authorize(Policy = "office")]
public sealed class DetailsModel(CouncilQueries queries, TimeProvider clock) : CouncilOfficePage
{
    public Body Body { get; private set; } = null!;
    public Dictionary<int, string> AdoptingCases { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(string slug, CancellationToken ct)
    {
        Today = clock.Today();
        Body = await queries.GetBodyWithHistoryAsync(slug, ct);
        AdoptingCases = await queries.AdoptingCasesAsync(Body, ct);
    }
}
