using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Samstyring.Web.Shared;

/// <summary>
/// Radio groups, checkboxes and row-level inputs in the same Designsystemet markup as <see cref="Field"/>
/// (Field covers single text inputs and selects).
/// </summary>
public static class Choice
{
    /// <summary>A fieldset of radios, one per option; the legend carries the label.</summary>
    public static IHtmlContent Radios(ModelStateDictionary state, string name, string legend, string? value,
        IEnumerable<(string Value, string Text)> options, string? help = null, bool required = false, bool markOptional = true) =>
        Group(state, name, legend, help, required || !markOptional, (error, aria) => string.Concat(options.Select((o, n) =>
            $"<div class=\"ds-field\"><input class=\"ds-input\" type=\"radio\" name=\"{Field.E(name)}\" id=\"{Field.Id(name)}-{n}\" value=\"{Field.E(o.Value)}\""
            + $"{(o.Value == value ? " checked" : "")}{(required ? " required" : "")}{aria}>"
            + $"<label class=\"ds-label\" data-weight=\"regular\" for=\"{Field.Id(name)}-{n}\">{Field.E(o.Text)}</label></div>")));

    /// <summary>A fieldset of checkboxes sharing one name; the form posts every checked value.</summary>
    public static IHtmlContent Checkboxes(ModelStateDictionary state, string name, string legend, IEnumerable<string> selected,
        IEnumerable<(string Value, string Text)> options, string? help = null)
    {
        var set = selected.ToHashSet();
        // Ticking none is a meaningful answer here, so the group carries no "(valgfritt)" mark.
        return Group(state, name, legend, help, true, (error, aria) => string.Concat(options.Select((o, n) =>
            $"<div class=\"ds-field\"><input class=\"ds-input\" type=\"checkbox\" name=\"{Field.E(name)}\" id=\"{Field.Id(name)}-{n}\" value=\"{Field.E(o.Value)}\""
            + $"{(set.Contains(o.Value) ? " checked" : "")}{aria}>"
            + $"<label class=\"ds-label\" data-weight=\"regular\" for=\"{Field.Id(name)}-{n}\">{Field.E(o.Text)}</label></div>")));
    }

    /// <summary>One yes/no checkbox posting "true" when checked.</summary>
    public static IHtmlContent Checkbox(ModelStateDictionary state, string name, string label, bool isChecked, string? help = null)
    {
        var id = Field.Id(name);
        var error = Field.Error(state, name);
        var describedBy = string.Join(' ', new[] { help is null ? null : id + "-help", error is null ? null : id + "-error" }.Where(x => x is not null));
        return new HtmlString(
            $"<div class=\"ds-field\"><input class=\"ds-input\" type=\"checkbox\" name=\"{Field.E(name)}\" id=\"{id}\" value=\"true\"{(isChecked ? " checked" : "")}"
            + (describedBy.Length > 0 ? $" aria-describedby=\"{describedBy}\"" : "") + (error is null ? "" : " aria-invalid=\"true\"") + ">"
            + $"<label class=\"ds-label\" data-weight=\"regular\" for=\"{id}\">{Field.E(label)}</label>"
            + (help is null ? "" : $"<div data-field=\"description\" id=\"{id}-help\">{Field.E(help)}</div>")
            + (error is null ? "" : $"<p class=\"ds-validation-message\" data-field=\"validation\" id=\"{id}-error\">{Field.E(error)}</p>")
            + "</div>");
    }

    /// <summary>
    /// A textarea whose id differs from its name, for forms repeated once per table row (the KS inbox):
    /// the error is looked up under the id so only the row that was posted shows it.
    /// </summary>
    public static IHtmlContent RowText(ModelStateDictionary state, string name, string id, string label, string? value, string? help = null, int? maxLength = null)
    {
        var error = Field.Error(state, id);
        var describedBy = string.Join(' ', new[] { help is null ? null : id + "-help", error is null ? null : id + "-error" }.Where(x => x is not null));
        return new HtmlString(
            $"<div class=\"ds-field\"><label class=\"ds-label\" for=\"{Field.E(id)}\">{Field.E(label)}</label>"
            + (help is null ? "" : $"<div data-field=\"description\" id=\"{Field.E(id)}-help\">{Field.E(help)}</div>")
            + $"<textarea class=\"ds-input\" rows=\"2\" name=\"{Field.E(name)}\" id=\"{Field.E(id)}\"{(maxLength is { } m ? $" maxlength=\"{m}\"" : "")}"
            + (describedBy.Length > 0 ? $" aria-describedby=\"{Field.E(describedBy)}\"" : "") + (error is null ? "" : " aria-invalid=\"true\"") + $">{Field.E(value)}</textarea>"
            + (error is null ? "" : $"<p class=\"ds-validation-message\" data-field=\"validation\" id=\"{Field.E(id)}-error\">{Field.E(error)}</p>")
            + "</div>");
    }

    private static IHtmlContent Group(ModelStateDictionary state, string name, string legend, string? help, bool noOptionalMark, Func<string?, string, string> inputs)
    {
        var id = Field.Id(name);
        var error = Field.Error(state, name);
        var describedBy = string.Join(' ', new[] { help is null ? null : id + "-help", error is null ? null : id + "-error" }.Where(x => x is not null));
        var aria = (describedBy.Length > 0 ? $" aria-describedby=\"{describedBy}\"" : "") + (error is null ? "" : " aria-invalid=\"true\"");
        // The fieldset gets the name as id so the error summary's link (#name) lands on the group.
        return new HtmlString(
            $"<fieldset class=\"ds-fieldset\" id=\"{id}\"><legend class=\"ds-label\">{Field.E(legend)}{(noOptionalMark ? "" : " <span class=\"muted\">(valgfritt)</span>")}</legend>"
            + (help is null ? "" : $"<p data-field=\"description\" id=\"{id}-help\">{Field.E(help)}</p>")
            + inputs(error, aria)
            + (error is null ? "" : $"<p class=\"ds-validation-message\" data-field=\"validation\" id=\"{id}-error\">{Field.E(error)}</p>")
            + "</fieldset>");
    }
}
