using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Samstyring.Core.Council;

namespace Samstyring.Web.Council.Office;

/// <summary>
/// Inputs in table cells for the secretariat's row editors (agenda, attendance): the label is visually hidden because the
/// column header says it, the error sits under the input, and the id is the name so the error summary can link to it.
/// </summary>
public static class OfficeHtml
{
    public static IHtmlContent CellInput(ModelStateDictionary state, string name, string label, string? value, string type = "text",
        int? maxLength = null, string? size = null)
    {
        var id = Id(name);
        var error = Error(state, name);
        return new HtmlString(
            $"<label class=\"ds-sr-only\" for=\"{id}\">{E(label)}</label>"
            + $"<input class=\"ds-input{(size is null ? "" : " " + size)}\" type=\"{type}\" id=\"{id}\" name=\"{E(name)}\" value=\"{E(value)}\""
            + (maxLength is { } m ? $" maxlength=\"{m}\"" : "")
            + (error is null ? "" : $" aria-invalid=\"true\" aria-describedby=\"{id}-error\"") + ">"
            + (error is null ? "" : $"<p class=\"ds-validation-message\" data-field=\"validation\" id=\"{id}-error\">{E(error)}</p>"));
    }

    public static IHtmlContent CellCheckbox(string name, string label, bool isChecked) =>
        new HtmlString($"<div class=\"ds-field\"><input class=\"ds-input\" type=\"checkbox\" id=\"{Id(name)}\" name=\"{E(name)}\" value=\"true\"{(isChecked ? " checked" : "")}>"
                       + $"<label class=\"ds-label\" data-weight=\"regular\" for=\"{Id(name)}\">{E(label)}</label></div>");

    /// <summary>The id the error summary links to for a ModelState key (the input's name).</summary>
    public static string Id(string name) => name.Replace('.', '_');

    public static string Time(TimeOnly? t) => t?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "";

    /// <summary>What the secretariat should do next with a meeting.</summary>
    public static (string Text, string Url) NextAction(MeetingSummary m, bool attendanceRecorded, int undecided) => m.Status switch
    {
        MeetingStatus.Planned => ("Send innkalling", $"/sekretariat/moter/{m.Id}/rediger#status"),
        MeetingStatus.Cancelled or MeetingStatus.MinutesApproved => ("Se møtet", $"/moter/{m.Id}"),
        _ when !attendanceRecorded => ("Registrer oppmøte", $"/sekretariat/moter/{m.Id}/oppmote"),
        _ when undecided > 0 => ("Før vedtak", $"/sekretariat/moter/{m.Id}/rediger#saker"),
        MeetingStatus.NoticeSent => ("Registrer som avholdt", $"/sekretariat/moter/{m.Id}/rediger#status"),
        _ => ("Godkjenn referatet i neste møte", $"/sekretariat/moter/ny?organ={Uri.EscapeDataString(m.BodySlug)}"),
    };

    private static string? Error(ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var e) && e.Errors.Count > 0 ? e.Errors[0].ErrorMessage : null;

    private static string E(string? s) => HtmlEncoder.Default.Encode(s ?? "");
}
