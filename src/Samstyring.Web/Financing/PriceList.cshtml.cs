using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Financing;
using Samstyring.Core.Solutions;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Financing;

/// <summary>
/// A year's price list for voluntary purchases (public, at full cost) and the orders: the office sees and places all,
/// an actor's own users theirs. The office adds and changes price-list lines.
/// </summary>
public sealed class PriceListModel(FinancingQueries queries, SolutionQueries solutions, OrganizationQueries organizations) : SamstyringPage
{
    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    /// <summary>The line the office edits (GET ?linje=12); none for a new line.</summary>
    [BindProperty(SupportsGet = true, Name = "linje")] public int? EditItemId { get; set; }

    public IReadOnlyList<PriceListView> Items { get; private set; } = [];
    /// <summary>Null when the visitor may see no orders (anonymous, or without an organisation).</summary>
    public IReadOnlyList<ServiceOrderView>? Orders { get; private set; }
    public IReadOnlyList<(string, string)> Solutions { get; private set; } = [];
    public IReadOnlyList<(string, string)> Organizations { get; private set; } = [];
    public PriceListView? Editing => Items.FirstOrDefault(i => i.Id == EditItemId);
    public string? PostedForm { get; private set; }

    public bool CanEdit => FinancingAccess.CanEdit(CurrentUser);
    /// <summary>The office orders for any actor, an actor's own users for their organisation.</summary>
    public bool CanOrder => CurrentUser is { IsOffice: true } || CurrentUser is { OrganizationId: not null };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostItemAsync([FromServices] SavePriceListItem save, CancellationToken ct)
    {
        if (!CanEdit) return CurrentUser is null ? Challenge() : Forbid();
        ModelState.Clear();
        PostedForm = "item";
        var itemId = FormInt("itemId");
        if (!KronerInput.TryParse(Form("unitPrice"), "Enhetsprisen", out var price, out var error)) ModelState.AddModelError("unitPrice", error!);
        if (ModelState.IsValid)
        {
            var input = new PriceListItemInput(Form("solutionKey"), Year, Form("name"), Form("unit"), price);
            if (await TryAsync(() => save.HandleAsync(itemId, input, FormInt("version"), CurrentUser, ct)))
            {
                Flash = "Linjen i prislisten er lagret.";
                return Redirect($"/finansiering/{Year}/prisliste");
            }
            MoveErrors("unitPriceOre", "unitPrice");
            MoveErrors("year", "");
        }
        EditItemId = itemId;
        return await AfterErrorAsync(ct);
    }

    public async Task<IActionResult> OnPostOrderAsync([FromServices] SaveServiceOrder save, CancellationToken ct)
    {
        if (!CanOrder) return CurrentUser is null ? Challenge() : Forbid();
        ModelState.Clear();
        PostedForm = "order";
        // An actor's own users order for their organisation whatever the form says; the use case refuses another one.
        var organizationId = CurrentUser!.IsOffice ? FormId("organizationId") : CurrentUser.OrganizationId;
        long? quantity = null;
        var q = Form("quantity")?.Replace(" ", "").Replace("\u00A0", "");
        if (!string.IsNullOrWhiteSpace(q))
        {
            if (long.TryParse(q, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) quantity = n;
            else ModelState.AddModelError("quantity", $"Antallet må være et helt tall, ikke «{Validator.Truncate(q)}».");
        }
        if (ModelState.IsValid)
        {
            var input = new ServiceOrderInput(FormId("priceListItemId"), organizationId, quantity, Form("orderedOn"), Form("note"));
            if (await TryAsync(() => save.HandleAsync(null, input, null, CurrentUser, ct)))
            {
                Flash = "Bestillingen er registrert.";
                return Redirect($"/finansiering/{Year}/prisliste#bestillinger");
            }
        }
        return await AfterErrorAsync(ct);
    }

    private async Task<IActionResult> AfterErrorAsync(CancellationToken ct)
    {
        if (ConflictMessage is not null)
        {
            ModelState.Clear();
            ModelState.AddModelError("", ConflictMessage);
            PostedForm = null;
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Items = await queries.PriceListAsync(Year, ct);
        if (CurrentUser is { IsOffice: true } || CurrentUser is { OrganizationId: not null })
            Orders = await queries.OrdersAsync(Year, null, CurrentUser, ct);
        if (CanEdit) Solutions = (await solutions.ListAsync(null, ct)).Select(s => (s.Key, s.Name)).ToList();
        if (CurrentUser is { IsOffice: true }) Organizations = await organizations.OptionsAsync(null, ct);
    }

    public string? Value(string form, string name, string? stored) =>
        PostedForm == form && Request.HasFormContentType && Request.Form.ContainsKey(name) ? Request.Form[name].ToString() : stored;

    private string? Form(string name) => Request.HasFormContentType && Request.Form.TryGetValue(name, out var v) ? v.ToString() : null;

    private int? FormInt(string name) => int.TryParse(Form(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>An id from a select: empty is none; anything else that is not a number is an id no row has (0), so the use case says so.</summary>
    private int? FormId(string name) => string.IsNullOrWhiteSpace(Form(name)) ? null : FormInt(name) ?? 0;
}
