using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using System.Text.Encodings.Web;

namespace Samstyring.Web.Portfolio;

/// <summary>
/// Radio groups, checkboxes and row-level inputs in the same Designsystemet markup as <see cref="Shared.Field"/>,
/// for the portfolio forms (Field covers single text inputs and selects only).
/// </summary>
public static class Choice
{
    /// <summary>A fieldset of radios, one per option; the legend carries the label.</summary>
    public static IHtmlContent Radios(ModelStateDictionary state, string name, string legend, string? value,
        IEnumerable<(string Value, string Text)> options, string? help = null, bool required = false, bool markOptional = true) =>
        Group(state, name, legend, help, required || !markOptional, (error, aria) => string.Concat(options.Select((o, n) =>
            $"<div class=\"ds-field\"><input class=\"ds-input\" type=\"radio\" name=\"{E(name)}\" id=\"{Id(name)}-{n}\" value=\"{E(o.Value)}\""
            + $"{(o.Value == value ? " checked" : "")}{(required ? " required" : "")}{aria}>"
            + $"<label class=\"ds-label\" data-weight=\"regular\" for=\"{Id(name)}-{n}\">{E(o.Text)}</label></div>")));

    /// <summary>A fieldset of checkboxes sharing one name; the form posts every checked value.</summary>
    public static IHtmlContent Checkboxes(ModelStateDictionary state, string name, string legend, IEnumerable<string> selected,
        IEnumerable<(string Value, string Text)> options, string? help = null)
    {
        var set = selected.ToHashSet();
        // Ticking none is a meaningful answer here, so the group carries no "(valgfritt)" mark.
        return Group(state, name, legend, help, true, (error, aria) => string.Concat(options.Select((o, n) =>
            $"<div class=\"ds-field\"><input class=\"ds-input\" type=\"checkbox\" name=\"{E(name)}\" id=\"{Id(name)}-{n}\" value=\"{E(o.Value)}\""
            + $"{(set.Contains(o.Value) ? " checked" : "")}{aria}>"
            + $"<label class=\"ds-label\" data-weight=\"regular\" for=\"{Id(name)}-{n}\">{E(o.Text)}</label></div>")));
    }

    /// <summary>One yes/no checkbox posting "true" when checked.</summary>
    public static IHtmlContent Checkbox(ModelStateDictionary state, string name, string label, bool isChecked, string? help = null)
    {
        var id = Id(name);
        var error = Error(state, name);
        var describedBy = string.Join(' ', new[] { help is null ? null : id + "-help", error is null ? null : id + "-error" }.Where(x => x is not null));
        return new HtmlString(
            $"<div class=\"ds-field\"><input class=\"ds-input\" type=\"checkbox\" name=\"{E(name)}\" id=\"{id}\" value=\"true\"{(isChecked ? " checked" : "")}"
            + (describedBy.Length > 0 ? $" aria-describedby=\"{describedBy}\"" : "") + (error is null ? "" : " aria-invalid=\"true\"") + ">"
            + $"<label class=\"ds-label\" data-weight=\"regular\" for=\"{id}\">{E(label)}</label>"
            + (help is null ? "" : $"<div data-field=\"description\" id=\"{id}-help\">{E(help)}</div>")
            + (error is null ? "" : $"<p class=\"ds-validation-message\" data-field=\"validation\" id=\"{id}-error\">{E(error)}</p>")
            + "</div>");
    }

    /// <summary>
    /// A textarea whose id differs from its name, for forms repeated once per table row (the KS inbox):
    /// the error is looked up under the id so only the row that was posted shows it.
    /// </summary>
    public static IHtmlContent RowText(ModelStateDictionary state, string name, string id, string label, string? value, string? help = null, int? maxLength = null)
    {
        var error = Error(state, id);
        var describedBy = string.Join(' ', new[] { help is null ? null : id + "-help", error is null ? null : id + "-error" }.Where(x => x is not null));
        return new HtmlString(
            $"<div class=\"ds-field\"><label class=\"ds-label\" for=\"{E(id)}\">{E(label)}</label>"
            + (help is null ? "" : $"<div data-field=\"description\" id=\"{E(id)}-help\">{E(help)}</div>")
            + $"<textarea class=\"ds-input\" rows=\"2\" name=\"{E(name)}\" id=\"{E(id)}\"{(maxLength is { } m ? $" maxlength=\"{m}\"" : "")}"
            + (describedBy.Length > 0 ? $" aria-describedby=\"{E(describedBy)}\"" : "") + (error is null ? "" : " aria-invalid=\"true\"") + $">{E(value)}</textarea>"
            + (error is null ? "" : $"<p class=\"ds-validation-message\" data-field=\"validation\" id=\"{E(id)}-error\">{E(error)}</p>")
            + "</div>");
    }

    private static IHtmlContent Group(ModelStateDictionary state, string name, string legend, string? help, bool noOptionalMark, Func<string?, string, string> inputs)
    {
        var id = Id(name);
        var error = Error(state, name);
        var describedBy = string.Join(' ', new[] { help is null ? null : id + "-help", error is null ? null : id + "-error" }.Where(x => x is not null));
        var aria = (describedBy.Length > 0 ? $" aria-describedby=\"{describedBy}\"" : "") + (error is null ? "" : " aria-invalid=\"true\"");
        // The fieldset gets the name as id so the error summary's link (#name) lands on the group.
        return new HtmlString(
            $"<fieldset class=\"ds-fieldset\" id=\"{id}\"><legend class=\"ds-label\">{E(legend)}{(noOptionalMark ? "" : " <span class=\"muted\">(valgfritt)</span>")}</legend>"
            + (help is null ? "" : $"<p data-field=\"description\" id=\"{id}-help\">{E(help)}</p>")
            + inputs(error, aria)
            + (error is null ? "" : $"<p class=\"ds-validation-message\" data-field=\"validation\" id=\"{id}-error\">{E(error)}</p>")
            + "</fieldset>");
    }

    private static string? Error(ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var e) && e.Errors.Count > 0 ? e.Errors[0].ErrorMessage : null;

    private static string Id(string name) => name.Replace('.', '_');

    private static string E(string? s) => HtmlEncoder.Default.Encode(s ?? "");
}
