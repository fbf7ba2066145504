using Samstyring.Core.Common;

namespace Samstyring.Web.Shared;

/// <summary>
/// Refuses a request whose path, query string or form fields hold control characters (NUL above all, which PostgreSQL
/// cannot store or compare) before anything reads them: a Norwegian 400 on both databases, instead of a 500 on one.
/// JSON bodies are covered by the use cases' validation and, for every write, by the save itself.
/// </summary>
public sealed class ControlCharacterGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext ctx)
    {
        var field = FindBadField(ctx.Request);
        if (field is null && ctx.Request.HasFormContentType && IsUrlEncoded(ctx.Request))
        {
            try { field = FindBadFormField(await ctx.Request.ReadFormAsync(ctx.RequestAborted)); }
            // The form reader itself refuses some (NUL among them), and forms past its limits.
            catch (InvalidDataException) { field = "form"; }
        }
        if (field is null)
        {
            await next(ctx);
            return;
        }
        var error = ValidationFailedException.For(field, "Forespørselen inneholder kontrolltegn (for eksempel NUL), som ikke er tillatt.");
        if (WebSetup.WantsHtml(ctx)) ctx.Response.StatusCode = StatusCodes.Status400BadRequest; // the error page says the rest
        else await ProblemResults.From(error).ExecuteAsync(ctx);
    }

    private static string? FindBadField(HttpRequest request)
    {
        if (HasControl(request.Path.Value, allowLineBreaks: false)) return "path";
        foreach (var (key, values) in request.Query)
        {
            if (HasControl(key, allowLineBreaks: false)) return "query";
            if (values.Any(v => HasControl(v, allowLineBreaks: true))) return key;
        }
        return null;
    }

    private static string? FindBadFormField(IFormCollection form)
    {
        foreach (var (key, values) in form)
        {
            if (HasControl(key, allowLineBreaks: false)) return "form";
            if (values.Any(v => HasControl(v, allowLineBreaks: true))) return key;
        }
        return null;
    }

    private static bool IsUrlEncoded(HttpRequest request) =>
        request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>C0 controls and DEL; text fields may hold line breaks and tabs.</summary>
    private static bool HasControl(string? s, bool allowLineBreaks) =>
        s is not null && s.Any(c => char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t'));
}
