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

    private static IHtmlContent Render(ModelStateDictionary state, string name, string label, string? help, bool required, bool markOptional, Func<string, string, string> input)
    {
        var id = name.Replace('.', '_');
        var error = state.TryGetValue(name, out var e) && e.Errors.Count > 0 ? e.Errors[0].ErrorMessage : null;
        var describedBy = string.Join(' ', new[] { help is null ? null : id + "-help", error is null ? null : id + "-error" }.Where(x => x is not null));
        var aria = (describedBy.Length > 0 ? $" aria-describedby=\"{describedBy}\"" : "") + (error is null ? "" : " aria-invalid=\"true\"");
        var html = $"<div class=\"ds-field\"><label class=\"ds-label\" for=\"{id}\">{E(label)}{(required || !markOptional ? "" : " <span class=\"muted\">(valgfritt)</span>")}</label>"
                   + (help is null ? "" : $"<div data-field=\"description\" id=\"{id}-help\">{E(help)}</div>")
                   + input(id, aria)
                   + (error is null ? "" : $"<p class=\"ds-validation-message\" data-field=\"validation\" id=\"{id}-error\">{E(error)}</p>")
                   + "</div>";
        return new HtmlString(html);
    }

    private static string E(string? s) => HtmlEncoder.Default.Encode(s ?? "");
}
