using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Roadmap;
using Samstyring.Core.Solutions;
using Samstyring.Web.Shared;
// Portfolio has its own DependencyInput; only the initiative choices are needed from it.
using GetInitiativeOptions = Samstyring.Core.Portfolio.GetInitiativeOptions;

namespace Samstyring.Web.Roadmap;

/// <summary>
/// Shared bits of the office's roadmap pages. Several small forms share a page; each posts a hidden "form" naming itself,
/// so after an error that form shows what was typed and the others what is stored.
/// </summary>
public abstract class RoadmapPage : SamstyringPage
{
    /// <summary>The form that was posted and failed (null on GET and after a version conflict).</summary>
    public string? PostedForm { get; private set; }

    /// <summary>What was typed in the failed form, or <paramref name="stored"/>.</summary>
    public string? Value(string form, string name, string? stored) =>
        PostedForm == form && Request.HasFormContentType && Request.Form.ContainsKey(name) ? Request.Form[name].ToString() : stored;

    public IEnumerable<string> Values(string form, string name, IEnumerable<string> stored) =>
        PostedForm == form && Request.HasFormContentType ? Request.Form[name].Where(v => v is not null).Select(v => v!) : stored;

    protected string? Form(string name) => Request.HasFormContentType && Request.Form.TryGetValue(name, out var v) ? v.ToString() : null;

    protected IReadOnlyList<string> FormList(string name) =>
        Request.HasFormContentType ? Request.Form[name].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList() : [];

    /// <summary>The fields of a milestone form (see _MilestoneFields), named with <paramref name="prefix"/>.</summary>
    protected MilestoneInput MilestoneInputFromForm(string prefix) =>
        new(Form(prefix + "code"), Form(prefix + "title"), Form(prefix + "reachCriterion"), Form(prefix + "target"));

    protected int FormInt(string name) => int.TryParse(Form(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;

    /// <summary>
    /// Runs a change from one of the page's forms. On success: the flash message and a redirect (post-redirect-get).
    /// On failure the page is shown again by <paramref name="reload"/> with the errors; after a conflict with what is stored.
    /// </summary>
    protected async Task<IActionResult> RunAsync(string form, Func<Task<string>> action, string flash, Func<Task> reload, string? prefix = null)
    {
        ModelState.Clear();
        string? redirect = null;
        if (await TryAsync(async () => redirect = await action(), prefix))
        {
            Flash = flash;
            return Redirect(redirect!);
        }
        // After a conflict the forms show what is stored, and the conflict notice says why.
        if (ConflictMessage is null) PostedForm = form;
        else ModelState.Clear();
        await reload();
        return Page();
    }

    /// <summary>The national solutions to link a service to: key and name.</summary>
    public static async Task<List<(string, string)>> SolutionOptionsAsync(GetSolutionOptions solutions, CancellationToken ct) =>
        (await solutions.HandleAsync(ct)).Select(s => (s.Key, s.Name)).ToList();

    /// <summary>The initiatives to link a service to: id and name.</summary>
    public static async Task<List<(string, string)>> InitiativeOptionsAsync(GetInitiativeOptions initiatives, CancellationToken ct) =>
        (await initiatives.HandleAsync(ct)).Select(i => (i.Id.ToString(CultureInfo.InvariantCulture), i.Name)).ToList();
}
