using Samstyring.Core.Council;
using Samstyring.Core.Common;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Council.Public;

/// <summary>Råd og utvalg: every body of the council model with its current name and kind (public).</summary>
public sealed class IndexModel(CouncilQueries queries, TimeProvider clock) : SamstyringPage
{
    public IReadOnlyList<BodySummary> Bodies { get; private set; } = [];
    public IReadOnlyList<MeetingSummary> Upcoming { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Bodies = await queries.ListBodiesAsync(ct);
        var today = clock.Today();
        Upcoming = (await queries.ListMeetingsAsync(null, null, ct))
            .Where(m => m.Date >= today && m.Status != MeetingStatus.Cancelled).OrderBy(m => m.Date).Take(5).ToList();
    }
}
