using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Council;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Council.Public;

/// <summary>One meeting (public): header, agenda, the cases with proposed and adopted decisions, attendance and documents.</summary>
public sealed class MeetingModel(CouncilQueries queries) : SamstyringPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public MeetingView View { get; private set; } = null!;
    public MeetingSummary M => View.Meeting;
    public bool IsSecretariat => CouncilAccess.IsSecretariat(CurrentUser);
    public bool IsHeld => M.Status is MeetingStatus.Held or MeetingStatus.MinutesApproved;

    public async Task OnGetAsync(CancellationToken ct) => View = await queries.GetMeetingAsync(Id, CurrentUser, ct);
}
