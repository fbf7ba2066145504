using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using System.Text.Encodings.Web;

namespace Samstyring.Web.Shared;

/// <summary>Renders a labelled Designsystemet field with its validation message, so every form looks and reads the same.</summary>
public static class Field
{
    public static IHtmlContent Text(ModelStateDictionary state, string name, string label, string? value, string? help = null,
        bool required = false, string type = "text", int? maxLength = null, bool multiline = false, bool markOptional = true,
        string? autocomplete = null) =>
        Render(state, name, label, help, required, markOptional, (id, aria) =>
            multiline
                ? $"<textarea class=\"ds-input\" id=\"{id}\" name=\"{E(name)}\" rows=\"4\"{aria}{(maxLength is { } m ? $" maxlength=\"{m}\"" : "")}{(required ? " required" : "")}>{E(value)}</textarea>"
                : $"<input class=\"ds-input\" type=\"{type}\" id=\"{id}\" name=\"{E(name)}\" value=\"{E(value)}\"{aria}{(maxLength is { } m2 ? $" maxlength=\"{m2}\"" : "")}"
                  + $"{(autocomplete is null ? "" : $" autocomplete=\"{E(autocomplete)}\"")}{(required ? " required" : "")}>");

    public static IHtmlContent Select(ModelStateDictionary state, string name, string label, string? value,
        IEnumerable<(string Value, string Text)> options, string? help = null, bool required = false, string? emptyText = "Velg …", bool markOptional = true) =>
        Render(state, name, label, help, required, markOptional, (id, aria) =>
        {
            var opts = string.Concat(options.Select(o =>
                $"<option value=\"{E(o.Value)}\"{(o.Value == value ? " selected" : "")}>{E(o.Text)}</option>"));
            var empty = emptyText is null ? "" : $"<option value=\"\">{E(emptyText)}</option>";
            return $"<select class=\"ds-input\" id=\"{id}\" name=\"{E(name)}\"{aria}{(required ? " required" : "")}>{empty}{opts}</select>";
        });

    public static IEnumerable<(string, string)> EnumOptions<T>() where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => (Samstyring.Core.Common.EnumText.Code(v), Samstyring.Core.Common.EnumText.Label(v)));

    /// <summary>A text field with suggestions from a datalist (typing something new is allowed); otherwise as <see cref="Text"/>.</summary>
    public static IHtmlContent TextWithList(ModelStateDictionary state, string name, string label, string? value, string listId,
        string? help = null, bool required = false, int? maxLength = null) =>
        Render(state, name, label, help, required, true, (id, aria) =>
            $"<input class=\"ds-input\" type=\"text\" id=\"{id}\" name=\"{E(name)}\" value=\"{E(value)}\" list=\"{E(listId)}\" autocomplete=\"off\"{aria}"
            + $"{(maxLength is { } m ? $" maxlength=\"{m}\"" : "")}{(required ? " required" : "")}>");

    /// <summary>A select that posts every chosen value; the help text says how to choose several.</summary>
    public static IHtmlContent MultiSelect(ModelStateDictionary state, string name, string label, IEnumerable<string> selected,
        IEnumerable<(string Value, string Text)> options, string? help = null, int size = 6)
    {
        var set = selected.ToHashSet();
        return Render(state, name, label, help, false, true, (id, aria) =>
            $"<select class=\"ds-input\" multiple size=\"{size}\" id=\"{id}\" name=\"{E(name)}\"{aria}>"
            + string.Concat(options.Select(o => $"<option value=\"{E(o.Value)}\"{(set.Contains(o.Value) ? " selected" : "")}>{E(o.Text)}</option>"))
            + "</select>");
    }

    /// <summary>A select whose options are grouped under headings (optgroup).</summary>
    public static IHtmlContent GroupedSelect(ModelStateDictionary state, string name, string label, string? value,
        IEnumerable<(string Group, IReadOnlyList<(string Value, string Text)> Options)> groups, string? help = null, bool required = false) =>
        Render(state, name, label, help, required, true, (id, aria) =>
            $"<select class=\"ds-input\" id=\"{id}\" name=\"{E(name)}\"{aria}{(required ? " required" : "")}><option value=\"\">Velg …</option>"
            + string.Concat(groups.Where(g => g.Options.Count > 0).Select(g =>
                $"<optgroup label=\"{E(g.Group)}\">"
                + string.Concat(g.Options.Select(o => $"<option value=\"{E(o.Value)}\"{(o.Value == value ? " selected" : "")}>{E(o.Text)}</option>"))
                + "</optgroup>"))
            + "</select>");

    public static IHtmlContent Datalist(string id, IEnumerable<string> values) =>
        new HtmlString($"<datalist id=\"{E(id)}\">" + string.Concat(values.Select(v => $"<option value=\"{E(v)}\"></option>")) + "</datalist>");

    /// <summary>
    /// An input in a table cell, for the secretariat's row editors (agenda, attendance): the label is visually hidden because the
    /// column header says it, the error sits under the input, and the id is the name so the error summary can link to it.
    /// </summary>
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

    /// <summary>A checkbox in a table cell, posting "true" when checked.</summary>
    public static IHtmlContent CellCheckbox(string name, string label, bool isChecked) =>
        new HtmlString($"<div class=\"ds-field\"><input class=\"ds-input\" type=\"checkbox\" id=\"{Id(name)}\" name=\"{E(name)}\" value=\"true\"{(isChecked ? " checked" : "")}>"
                       + $"<label class=\"ds-label\" data-weight=\"regular\" for=\"{Id(name)}\">{E(label)}</label></div>");

    /// <summary>The id of the input for a ModelState key (its name): what the error summary links to.</summary>
    public static string Id(string name) => name.Replace('.', '_');

    /// <summary>The first error recorded for a ModelState key, if any.</summary>
    internal static string? Error(ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var e) && e.Errors.Count > 0 ? e.Errors[0].ErrorMessage : null;

    private static IHtmlContent Render(ModelStateDictionary state, string name, string label, string? help, bool required, bool markOptional, Func<string, string, string> input)
    {
        var id = Id(name);
        var error = Error(state, name);
        var describedBy = string.Join(' ', new[] { help is null ? null : id + "-help", error is null ? null : id + "-error" }.Where(x => x is not null));
        var aria = (describedBy.Length > 0 ? $" aria-describedby=\"{describedBy}\"" : "") + (error is null ? "" : " aria-invalid=\"true\"");
        var html = $"<div class=\"ds-field\"><label class=\"ds-label\" for=\"{id}\">{E(label)}{(required || !markOptional ? "" : " <span class=\"muted\">(valgfritt)</span>")}</label>"
                   + (help is null ? "" : $"<div data-field=\"description\" id=\"{id}-help\">{E(help)}</div>")
                   + input(id, aria)
                   + (error is null ? "" : $"<p class=\"ds-validation-message\" data-field=\"validation\" id=\"{id}-error\">{E(error)}</p>")
                   + "</div>";
        return new HtmlString(html);
    }

    internal static string E(string? s) => HtmlEncoder.Default.Encode(s ?? "");
}
