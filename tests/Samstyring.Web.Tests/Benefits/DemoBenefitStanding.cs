namespace Samstyring.Web.Tests.Benefits;

/// <summary>
/// How the demo benefit «Frigjort tid …» of Kjernejournal dokumentdeling stands on the day the tests run: on track
/// (112 of the way from 120 to 60 hours at the end of 2021, ahead of the line) until its due date, 31 December 2027, and
/// late after it, since it is short of its target. The web host runs on the real clock.
/// </summary>
internal static class DemoBenefitStanding
{
    public static readonly DateOnly FreedTimeDue = new(2027, 12, 31);

    public static bool FreedTimeOnTrack => DateOnly.FromDateTime(DateTime.UtcNow) <= FreedTimeDue;

    public static string FreedTimeTrack => FreedTimeOnTrack ? "on-track" : "late";

    public static string FreedTimeTrackLabel => FreedTimeOnTrack ? "I rute" : "Forsinket";
}
