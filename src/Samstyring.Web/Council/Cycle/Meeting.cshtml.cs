using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Web.Council.Bodies;

namespace Samstyring.Web.Council.Cycle;

/// <summary>
/// "Lag møte fra årshjulet": the secretariat picks a body and month in the årshjul, gives date, time and place, and
/// gets a planned meeting with the standing cases plus one case per recurring case of that body and month.
/// </summary>
[Authorize(Policy = "office")]
public sealed class MeetingModel(PlanMeetingFromCycle planMeetingFromCycle, CouncilQueries queries, TimeProvider clock) : CouncilOfficePage
{
    [BindProperty(SupportsGet = true, Name = "organ")] public string? BodySlug { get; set; }
    [BindProperty(SupportsGet = true, Name = "ar")] public int? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "maned")] public int? Month { get; set; }
    [BindProperty] public string? Date { get; set; }
    [BindProperty] public string? StartTime { get; set; }
    [BindProperty] public string? EndTime { get; set; }
    [BindProperty] public string? Location { get; set; }
    [BindProperty] public bool IsVideo { get; set; }
    [BindProperty] public string? Kind { get; set; }

    public string BodyName { get; private set; } = "";
    public string MonthName => CycleItem.MonthName(Month!.Value);
    public List<CycleItem> Templates { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        StartTime = "10:00";
        EndTime = "15:00";
        Kind = MeetingKind.Ordinary.Code();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        await LoadAsync(ct);
        CycleMeetingResult? result = null;
        if (await TryAsync(async () => result = await planMeetingFromCycle.HandleAsync(BodySlug!, Month!.Value,
                new MeetingInput(BodySlug, Date, StartTime, EndTime, Location, IsVideo, Kind), CurrentUser, ct)))
        {
            var r = result!;
            Flash = $"Møte {r.Meeting.NumberText} er planlagt med {r.Cases.Count} {(r.Cases.Count == 1 ? "sak" : "saker")} fra årshjulet.";
            return Redirect($"/moter/{r.Meeting.Id}");
        }
        MoveErrors("body", "");
        MoveErrors("month", "");
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (Month is not (>= 1 and <= 12)) throw new NotFoundException("Velg en måned i årshjulet.");
        Year ??= clock.Today().Year;
        var (body, templates) = await queries.GetCycleMonthAsync(BodySlug, Month.Value, ct);
        BodyName = body.Names.Count > 0 ? body.NameOn(new DateOnly(Math.Clamp(Year.Value, 1990, 2100), Month.Value, 1)).Name : body.Slug;
        Templates = templates;
    }
}
