using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Council;
using Samstyring.Core.Common;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Council.Public;

/// <summary>One body (public): name history, mandate, members, meetings by year and adopted decisions.</summary>
public sealed class BodyModel(CouncilQueries queries, TimeProvider clock) : SamstyringPage
{
    [BindProperty(SupportsGet = true)] public string Slug { get; set; } = "";

    public BodySummary Body { get; private set; } = null!;
    public MandateView? Mandate { get; private set; }
    public IReadOnlyList<MandateView> EarlierMandates { get; private set; } = [];
    public IReadOnlyList<MemberView> Members { get; private set; } = [];
    /// <summary>Set when the members shown are those of the last meeting, not today's.</summary>
    public DateOnly? MembersOn { get; private set; }
    public IReadOnlyList<IGrouping<int, MeetingSummary>> MeetingsByYear { get; private set; } = [];
    public IReadOnlyList<CaseView> Decisions { get; private set; } = [];
    public bool IsSecretariat => CouncilAccess.IsSecretariat(CurrentUser);

    public const int DecisionsShown = 30;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (body, mandates, members, meetings) = await queries.GetBodyAsync(Slug, ct: ct);
        Body = body;
        var today = clock.Today();
        Mandate = mandates.FirstOrDefault(m => m.ValidFrom <= today) ?? mandates.LastOrDefault();
        EarlierMandates = mandates.Where(m => m != Mandate).ToList();
        Members = members;
        // No one serving today (terms ended): show who served at the last meeting rather than an empty table.
        if (members.Count == 0 && meetings.Where(m => m.Date <= today && m.Status != MeetingStatus.Cancelled).MaxBy(m => m.Date) is { } last)
        {
            MembersOn = last.Date;
            Members = (await queries.MembersAsync(body.Id, ct))
                .Where(m => m.TermStart <= last.Date && (m.TermEnd is null || m.TermEnd >= last.Date)).ToList();
        }
        MeetingsByYear = meetings.GroupBy(m => m.Date.Year).OrderByDescending(g => g.Key).ToList();
        Decisions = await queries.ListDecisionsAsync(body.Slug, CurrentUser, DecisionsShown, ct);
    }
}
