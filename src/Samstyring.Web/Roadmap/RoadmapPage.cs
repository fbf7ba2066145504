using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Data;
using Samstyring.Core.Roadmap;
using Samstyring.Web.Shared;

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

    public static async Task<List<(string, string)>> SolutionOptionsAsync(SamstyringDb db, CancellationToken ct) =>
        (await db.NationalSolutions.AsNoTracking().OrderBy(s => s.Name).ThenBy(s => s.Id).Select(s => new { s.Key, s.Name }).ToListAsync(ct))
        .Select(s => (s.Key, s.Name)).ToList();

    public static async Task<List<(string, string)>> InitiativeOptionsAsync(SamstyringDb db, CancellationToken ct) =>
        (await db.Initiatives.AsNoTracking().OrderBy(i => i.Name).ThenBy(i => i.Id).Select(i => new { i.Id, i.Name }).ToListAsync(ct))
        .Select(i => (i.Id.ToString(CultureInfo.InvariantCulture), i.Name)).ToList();
}
