using System.Globalization;
using Samstyring.Core.Common;
using Samstyring.Core.Roadmap;

namespace Samstyring.Web.Roadmap;

/// <summary>How the roadmap pages word and colour statuses, periods and links.</summary>
public static class RoadmapHtml
{
    public static string StatusColor(RoadmapStatus s) => s switch
    {
        RoadmapStatus.Draft => "neutral",
        RoadmapStatus.Recommended => "info",
        RoadmapStatus.Endorsed => "info",
        _ => "success",
    };

    public static string PrerequisiteColor(PrerequisiteStatus s) => s switch
    {
        PrerequisiteStatus.ConfirmedSoFar => "success",
        PrerequisiteStatus.Uncertain => "warning",
        PrerequisiteStatus.WorkRemaining => "warning",
        PrerequisiteStatus.NoDecidedPlans => "danger",
        _ => "neutral",
    };

    public static string ChangeColor(ChangeKind c) => c switch
    {
        ChangeKind.Added => "success",
        ChangeKind.Removed => "danger",
        ChangeKind.PostponedIndefinitely => "danger",
        _ => "warning",
    };

    /// <summary>
    /// The interval a written date stands for, as short as it reads clearly: "mars 2020", "juli–desember 2022",
    /// "januar 2019–desember 2021", day dates when the interval does not follow whole months, "ubestemt" when postponed
    /// indefinitely. No-break spaces keep "mars 2020" together, so a narrow column breaks only at the dash.
    /// </summary>
    public static string Interval(PlannedDate? d)
    {
        if (d is null) return "–";
        if (d.IsIndefinite || d.Start is not { } s || d.End is not { } e) return "ubestemt";
        string Month(DateOnly x, bool year) => x.ToString(year ? "MMMM yyyy" : "MMMM", Norwegian.Culture);
        string text;
        if (s.Day == 1 && e.Day == DateTime.DaysInMonth(e.Year, e.Month))
            text = (s.Year, s.Month) == (e.Year, e.Month) ? Month(s, true)
                : s.Year == e.Year ? $"{Month(s, false)}–{Month(e, true)}"
                : $"{Month(s, true)}–{Month(e, true)}";
        else
            text = s == e ? Norwegian.Date(s) : $"{Norwegian.Date(s)}–{Norwegian.Date(e)}";
        return text.Replace(' ', '\u00A0');
    }

    /// <summary>For a step without a case: "Ikke ennå" while it lies ahead, "Ikke registrert" once the version has passed it.</summary>
    /// <summary>" (først i bruk)", " (sist i bruk)", " (først og sist i bruk)" or nothing, after a plan's actor group.</summary>
    public static string InUseMark(PlanView plan, ServiceView service)
    {
        bool first = plan.Id == service.FirstInUse?.Id, last = plan.Id == service.LastInUse?.Id;
        return first && last ? " (først og sist i bruk)" : first ? " (først i bruk)" : last ? " (sist i bruk)" : "";
    }

    public static string NotYet(RoadmapStatus status, RoadmapStatus step) => status >= step ? "Ikke registrert" : "Ikke ennå";

    /// <summary>"1. desember 2017" that does not break inside a table cell, or "–".</summary>
    public static string Date(DateOnly? d) => d is { } x ? Norwegian.Date(x).Replace(' ', '\u00A0') : "–";

    public static string VersionUrl(string number) => "/veikart/" + Uri.EscapeDataString(number);

    public static string EditUrl(string number) => VersionUrl(number) + "/rediger";

    public static string ServiceUrl(string number, int serviceId) => VersionUrl(number) + "/tjenester/" + serviceId.ToString(CultureInfo.InvariantCulture);

    public static string MilestoneUrl(string number, int milestoneId) => VersionUrl(number) + "/milepaler/" + milestoneId.ToString(CultureInfo.InvariantCulture);

    public static string ChangesUrl(string from, string to) => $"/veikart/endringer?fra={Uri.EscapeDataString(from)}&til={Uri.EscapeDataString(to)}";

    public static string DateValue(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>"?a=1&amp;b=2" from the pairs with a value, or "" when none has one.</summary>
    public static string Query(params (string Name, string? Value)[] pairs)
    {
        var parts = pairs.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }
}
