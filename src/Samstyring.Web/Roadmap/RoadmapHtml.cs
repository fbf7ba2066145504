using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Samstyring.Core.Common;
using Samstyring.Core.Roadmap;

namespace Samstyring.Web.Roadmap;

/// <summary>How the roadmap pages word and colour statuses, periods and links, and the few form fields <see cref="Shared.Field"/> lacks.</summary>
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

    /// <summary>A text field with suggestions from a datalist (typing something new is allowed); otherwise as <see cref="Shared.Field.Text"/>.</summary>
    public static IHtmlContent TextWithList(ModelStateDictionary state, string name, string label, string? value, string listId,
        string? help = null, bool required = false, int? maxLength = null) =>
        Render(state, name, label, help, required, (id, aria) =>
            $"<input class=\"ds-input\" type=\"text\" id=\"{id}\" name=\"{E(name)}\" value=\"{E(value)}\" list=\"{E(listId)}\" autocomplete=\"off\"{aria}"
            + $"{(maxLength is { } m ? $" maxlength=\"{m}\"" : "")}{(required ? " required" : "")}>");

    /// <summary>A select that posts every chosen value; the help text says how to choose several.</summary>
    public static IHtmlContent MultiSelect(ModelStateDictionary state, string name, string label, IEnumerable<string> selected,
        IEnumerable<(string Value, string Text)> options, string? help = null, int size = 6)
    {
        var set = selected.ToHashSet();
        return Render(state, name, label, help, false, (id, aria) =>
            $"<select class=\"ds-input\" multiple size=\"{size}\" id=\"{id}\" name=\"{E(name)}\"{aria}>"
            + string.Concat(options.Select(o => $"<option value=\"{E(o.Value)}\"{(set.Contains(o.Value) ? " selected" : "")}>{E(o.Text)}</option>"))
            + "</select>");
    }

    /// <summary>A select whose options are grouped under headings (optgroup).</summary>
    public static IHtmlContent GroupedSelect(ModelStateDictionary state, string name, string label, string? value,
        IEnumerable<(string Group, IReadOnlyList<(string Value, string Text)> Options)> groups, string? help = null, bool required = false) =>
        Render(state, name, label, help, required, (id, aria) =>
            $"<select class=\"ds-input\" id=\"{id}\" name=\"{E(name)}\"{aria}{(required ? " required" : "")}><option value=\"\">Velg …</option>"
            + string.Concat(groups.Where(g => g.Options.Count > 0).Select(g =>
                $"<optgroup label=\"{E(g.Group)}\">"
                + string.Concat(g.Options.Select(o => $"<option value=\"{E(o.Value)}\"{(o.Value == value ? " selected" : "")}>{E(o.Text)}</option>"))
                + "</optgroup>"))
            + "</select>");

    public static IHtmlContent Datalist(string id, IEnumerable<string> values) =>
        new HtmlString($"<datalist id=\"{E(id)}\">" + string.Concat(values.Select(v => $"<option value=\"{E(v)}\"></option>")) + "</datalist>");

    private static IHtmlContent Render(ModelStateDictionary state, string name, string label, string? help, bool required, Func<string, string, string> input)
    {
        var id = name.Replace('.', '_');
        var error = state.TryGetValue(name, out var e) && e.Errors.Count > 0 ? e.Errors[0].ErrorMessage : null;
        var describedBy = string.Join(' ', new[] { help is null ? null : id + "-help", error is null ? null : id + "-error" }.Where(x => x is not null));
        var aria = (describedBy.Length > 0 ? $" aria-describedby=\"{describedBy}\"" : "") + (error is null ? "" : " aria-invalid=\"true\"");
        return new HtmlString(
            $"<div class=\"ds-field\"><label class=\"ds-label\" for=\"{id}\">{E(label)}{(required ? "" : " <span class=\"muted\">(valgfritt)</span>")}</label>"
            + (help is null ? "" : $"<div data-field=\"description\" id=\"{id}-help\">{E(help)}</div>")
            + input(id, aria)
            + (error is null ? "" : $"<p class=\"ds-validation-message\" data-field=\"validation\" id=\"{id}-error\">{E(error)}</p>")
            + "</div>");
    }

    private static string E(string? s) => HtmlEncoder.Default.Encode(s ?? "");
}
