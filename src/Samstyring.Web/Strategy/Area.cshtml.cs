using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Strategy;

namespace Samstyring.Web.Strategy;

/// <summary>
/// One target area: its goal and indicators and what serves it (initiatives with their latest status, roadmap services,
/// national solutions), and the office's forms to change the area and its links, or delete it, with the version it started from.
/// </summary>
public sealed class AreaModel(StrategyQueries queries) : StrategyPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty(SupportsGet = true)] public int AreaId { get; set; }

    public StrategySummary Strategy { get; private set; } = null!;
    public TargetAreaView Area { get; private set; } = null!;
    public TargetAreaLinkOptions? Options { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync([FromServices] UpdateTargetArea update, CancellationToken ct)
    {
        ModelState.Clear();
        var number = FormNumber("number", "Nummeret");
        var input = new TargetAreaInput(number, Form("title"), Form("goal"), [Form("indicators") ?? ""], FormIds("initiatives"), FormIds("services"),
            FormIds("solutions"));
        if (ModelState.IsValid && await TryAsync(() => update.HandleAsync(Id, AreaId, input, FormInt("version"), CurrentUser, ct)))
        {
            Flash = "Målområdet er lagret.";
            return Redirect($"/strategi/{Id}/omrader/{AreaId}");
        }
        if (ConflictMessage is null) PostedForm = "area";
        else ModelState.Clear();
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostDeleteAsync([FromServices] DeleteTargetArea delete, CancellationToken ct)
    {
        ModelState.Clear();
        if (!await LoadAsync(ct)) return NotFound();
        var (number, title) = (Area.Number, Area.Title);
        if (await TryAsync(() => delete.HandleAsync(Id, AreaId, FormInt("version"), CurrentUser, ct)))
        {
            Flash = $"Målområde {number} «{title}» er slettet.";
            return Redirect($"/strategi/{Id}");
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public static IEnumerable<(string, string)> Choices(IEnumerable<(int Id, string Text)> options) =>
        options.Select(o => (o.Id.ToString(CultureInfo.InvariantCulture), o.Text));

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        try
        {
            (Strategy, Area) = await queries.AreaAsync(Id, AreaId, CurrentUser, ct);
        }
        catch (NotFoundException)
        {
            return false;
        }
        if (CanEdit) Options = await queries.LinkOptionsAsync(CurrentUser, ct);
        return true;
    }
}
