using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Financing;

namespace Samstyring.Web.Financing;

/// <summary>
/// A year's adopted price model (public): what each solution costs, how it is shared, what each group and actor pays and the
/// change from the year before. The office starts next year's draft or a scenario from here.
/// </summary>
public sealed class YearModel(FinancingQueries queries) : FinancingPage
{
    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }

    public ModelDetails Details { get; private set; } = null!;
    /// <summary>This year against last year's adopted model, when both exist.</summary>
    public ModelComparison? Comparison { get; private set; }
    public IReadOnlyList<ActorChange> Actors { get; private set; } = [];
    public int ActorCount { get; private set; }

    public bool CanEdit => FinancingAccess.CanEdit(CurrentUser);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDraftAsync([FromServices] CreatePriceModel create, CancellationToken ct) =>
        await CreateAsync(create, "draft", new CreatePriceModelInput(FormInt("fromModelId"), Year + 1, null, false, null), ct);

    public async Task<IActionResult> OnPostScenarioAsync([FromServices] CreatePriceModel create, CancellationToken ct) =>
        await CreateAsync(create, "scenario", new CreatePriceModelInput(FormInt("fromModelId"), Year, Form("name"), true, null), ct);

    private async Task<IActionResult> CreateAsync(CreatePriceModel create, string form, CreatePriceModelInput input, CancellationToken ct)
    {
        FinancingAccess.RequireEditor(CurrentUser);
        PriceModel? created = null;
        if (await TryAsync(async () => created = await create.HandleAsync(input, CurrentUser, ct)))
        {
            Flash = input.Scenario ? "Scenarioet er laget." : $"Utkastet for {input.Year} er laget.";
            return Redirect($"/finansiering/modeller/{created!.Id}");
        }
        PostedForm = form;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        try
        {
            Details = await queries.AdoptedAsync(Year, CurrentUser, ct);
        }
        catch (NotFoundException)
        {
            return false;
        }
        if (await queries.AdoptedModelIdAsync(Year - 1, ct) is { } previous)
            Comparison = await queries.CompareAsync(Details.Model.Id, previous, CurrentUser, ct);
        var all = Comparison?.Actors ?? ActorTotals(Details);
        ActorCount = all.Count;
        Actors = Filter(all, Search).OrderBy(a => a.Name, StringComparer.Create(Norwegian.Culture, true)).ToList();
        return true;
    }

    /// <summary>Every actor's total in the model, for a year without a year before to compare with.</summary>
    internal static IReadOnlyList<ActorChange> ActorTotals(ModelDetails details) =>
        details.Solutions.SelectMany(s => s.Shares).SelectMany(sh => sh.Actors)
            .GroupBy(a => a.OrganizationId)
            .Select(g => new ActorChange(g.Key, g.First().OrganizationName, g.First().MunicipalityNumber, 0, g.Sum(a => a.AmountOre)))
            .ToList();

    /// <summary>Actors whose name (or municipality number) contains the search, ignoring case.</summary>
    internal static IEnumerable<ActorChange> Filter(IEnumerable<ActorChange> actors, string? search)
    {
        var term = search?.Trim();
        return string.IsNullOrEmpty(term) ? actors
            : actors.Where(a => a.Name.Contains(term, StringComparison.OrdinalIgnoreCase) || a.MunicipalityNumber == term);
    }
}
