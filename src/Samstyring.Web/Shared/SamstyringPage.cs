using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samstyring.Core.Common;

namespace Samstyring.Web.Shared;

/// <summary>Base for our pages: the current user, and one way to run a use case and show its errors in the form.</summary>
public abstract class SamstyringPage : PageModel
{
    public CurrentUser? CurrentUser => HttpContext.RequestServices.GetService<CurrentUser>();

    /// <summary>Shown above the form when someone else saved first.</summary>
    public string? ConflictMessage { get; protected set; }

    [TempData] public string? Flash { get; set; }

    /// <summary>HttpContext item holding the fields in the order the use case reported them.</summary>
    public const string ErrorOrderKey = "samstyring:error-order";

    /// <summary>
    /// Runs a change. Validation errors go into ModelState (shown by the error summary and next to each field),
    /// a version conflict into <see cref="ConflictMessage"/>. Returns false when the change did not happen.
    /// </summary>
    protected async Task<bool> TryAsync(Func<Task> action, string? prefix = null)
    {
        try
        {
            await action();
            return true;
        }
        catch (ValidationFailedException e)
        {
            foreach (var (field, messages) in e.Errors)
                foreach (var m in messages)
                    ModelState.AddModelError(prefix is null ? field : $"{prefix}.{field}", m);
            // ModelState sorts its keys; the use case reports fields in form order, which the summary keeps.
            HttpContext.Items[ErrorOrderKey] = e.Errors.Keys.Select(k => prefix is null ? k : $"{prefix}.{k}").ToList();
            return false;
        }
        catch (ConcurrencyConflictException e)
        {
            ConflictMessage = e.Message;
            ModelState.AddModelError("", e.Message);
            return false;
        }
        catch (VersionRequiredException e)
        {
            // Only a form tampered with, or from an old page, lacks its version; say so instead of saving blind.
            ModelState.AddModelError("", e.Message);
            return false;
        }
    }

    /// <summary>Use-case errors keyed by a field that has no input of its own on this page move to one that has.</summary>
    protected void MoveErrors(string from, string to, string prefix = "")
    {
        if (!ModelState.TryGetValue(from, out var entry) || entry.Errors.Count == 0) return;
        var messages = entry.Errors.Select(e => e.ErrorMessage).ToList();
        ModelState.Remove(from);
        foreach (var m in messages) ModelState.AddModelError(to, prefix + m);
        // The summary keeps the use case's order under the field's new name.
        if (HttpContext.Items[ErrorOrderKey] is List<string> order && order.IndexOf(from) is var at and >= 0) order[at] = to;
    }
}
