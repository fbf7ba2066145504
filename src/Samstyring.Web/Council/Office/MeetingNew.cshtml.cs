using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Council;

namespace Samstyring.Web.Council.Office;

/// <summary>The secretariat plans a meeting; it gets the next number in the body's year and its standing first cases.</summary>
[Authorize(Policy = "office")]
public sealed class MeetingNewModel(PlanMeeting planMeeting, CouncilQueries queries) : MeetingFormPage
{
    [BindProperty(Name = "body")] public string? BodySlug { get; set; }

    public List<(string, string)> Bodies { get; private set; } = [];

    public async Task OnGetAsync([FromQuery(Name = "organ")] string? organ, CancellationToken ct)
    {
        Bodies = await BodyOptionsAsync(queries, ct);
        BodySlug = Bodies.Any(b => b.Item1 == organ) ? organ : null;
        StartTime = "10:00";
        EndTime = "15:00";
        Kind = MeetingKind.Ordinary.Code();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Meeting? meeting = null;
        if (await TryAsync(async () => meeting = await planMeeting.HandleAsync(Input(BodySlug), CurrentUser, ct)))
        {
            Flash = $"Møte {meeting!.NumberText} er planlagt. Legg til sakene, og send innkallingen når dagsordenen er klar.";
            return Redirect($"/moter/{meeting.Id}");
        }
        Bodies = await BodyOptionsAsync(queries, ct);
        return Page();
    }
}
