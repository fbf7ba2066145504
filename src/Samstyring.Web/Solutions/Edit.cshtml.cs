using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;
using Samstyring.Core.Solutions;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Solutions;

/// <summary>
/// The office's page for one catalogue entry: its facts and initiative links (with the version it started from), a dated
/// event (lifecycle, owner, operator: a transfer), and a new adoption target. After an error the failed form shows what was typed.
/// </summary>
[Authorize(Policy = "office")]
public sealed class EditModel(SolutionQueries queries, OrganizationQueries organizations, GetInitiativeOptions initiatives) : SamstyringPage
{
    [BindProperty(SupportsGet = true)] public string Key { get; set; } = "";

    public SolutionDetails Solution { get; private set; } = null!;
    public AdoptionSummary? Adoption { get; private set; }
    public IReadOnlyList<(string, string)> Organizations { get; private set; } = [];
    public IReadOnlyList<(string, string)> Initiatives { get; private set; } = [];
    public IReadOnlyList<(string, string)> Areas { get; private set; } = [];
    public IReadOnlyList<(string, string)> Solutions { get; private set; } = [];
    public string? PostedForm { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostFactsAsync([FromServices] UpdateSolution update, CancellationToken ct) =>
        RunAsync("facts", () => update.HandleAsync(Key, new SolutionInput(Form("name"), Form("kind"), Form("description"), Form("grunnmur"),
                Form("partOf"), Form("legalBasis"), Form("financing"), Form("source"), FormIds("initiatives")), FormInt("version"), CurrentUser, ct),
            "Løsningen er lagret.", null, ct);

    public Task<IActionResult> OnPostEventAsync([FromServices] RecordSolutionEvent record, CancellationToken ct) =>
        RunAsync("event", () => record.HandleAsync(Key, new SolutionEventInput(Form("event.on"), Form("event.lifecycle"), FormId("event.ownerId"),
                FormId("event.operatorId"), Form("event.note"), Form("event.source")), FormInt("version"), CurrentUser, ct),
            "Hendelsen er registrert i historikken.", "event", ct);

    public Task<IActionResult> OnPostTargetAsync([FromServices] SaveAdoptionTarget save, CancellationToken ct) =>
        RunAsync("target", () => save.HandleAsync(Key, null, new TargetInput(Form("target.group"), Form("target.stage"), Form("target.measure"),
                FormNumber("target.value"), Form("target.dueOn"), null, Form("target.caseReference"), Form("target.source")), null, CurrentUser, ct),
            "Målet er lagt til.", "target", ct);

    private async Task<IActionResult> RunAsync<T>(string form, Func<Task<T>> action, string flash, string? prefix, CancellationToken ct)
    {
        ModelState.Clear();
        if (await TryAsync(async () => await action(), prefix))
        {
            Flash = flash;
            return Redirect($"/losninger/{Uri.EscapeDataString(Key)}");
        }
        MoveErrors("target.caseId", "target.caseReference");
        if (ConflictMessage is null) PostedForm = form;
        else ModelState.Clear();
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        try
        {
            Solution = await queries.GetAsync(Key, CurrentUser, null, ct);
        }
        catch (NotFoundException)
        {
            return false;
        }
        if (Solution.HasAdoption) Adoption = await queries.SummaryAsync(Key, null, ct);
        Organizations = (await organizations.OptionsAsync(null, ct)).Select(o => (o.Value, o.Text)).ToList();
        Initiatives = (await initiatives.HandleAsync(ct)).Select(i => (i.Id.ToString(CultureInfo.InvariantCulture), i.Name)).ToList();
        Areas = await queries.GrunnmurOptionsAsync(ct);
        Solutions = (await queries.ListAsync(null, ct)).Where(s => s.Key != Key).Select(s => (s.Key, s.Name)).ToList();
        return true;
    }

    /// <summary>What was typed in the failed form, or <paramref name="stored"/>.</summary>
    public string? Value(string form, string name, string? stored) =>
        PostedForm == form && Request.HasFormContentType && Request.Form.ContainsKey(name) ? Request.Form[name].ToString() : stored;

    public IEnumerable<string> Values(string form, string name, IEnumerable<string> stored) =>
        PostedForm == form && Request.HasFormContentType ? Request.Form[name].Where(v => v is not null).Select(v => v!) : stored;

    private string? Form(string name) => Request.HasFormContentType && Request.Form.TryGetValue(name, out var v) ? v.ToString() : null;

    private int? FormInt(string name) => int.TryParse(Form(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>An id from a select: empty is none; anything else that is not a number is sent on as an id no row has (0), so the use case says so.</summary>
    private int? FormId(string name) => string.IsNullOrWhiteSpace(Form(name)) ? null : FormInt(name) ?? 0;

    private IReadOnlyList<int> FormIds(string name) =>
        Request.HasFormContentType ? Request.Form[name].Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).ToList() : [];

    private double? FormNumber(string name) =>
        double.TryParse(Form(name)?.Replace(',', '.').Replace("%", "").Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : Form(name) is { Length: > 0 } ? double.NaN : null;
}
