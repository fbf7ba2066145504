using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Financing;
using Samstyring.Core.Solutions;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Financing;

/// <summary>
/// A year's price list for voluntary purchases (public, at full cost) and the orders: the office sees all and places,
/// changes and cancels them for any actor; an actor's own users see their organisation's, and its initiative owners
/// place, change and cancel them (<see cref="FinancingAccess"/>). The office adds and changes price-list lines.
/// </summary>
public sealed class PriceListModel(FinancingQueries queries, SolutionQueries solutions, OrganizationQueries organizations) : FinancingPage
{
    private const string GoneMessage = "Bestillingen finnes ikke lenger; noen kan ha avbestilt den.";

    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    /// <summary>The line the office edits (GET ?linje=12); none for a new line.</summary>
    [BindProperty(SupportsGet = true, Name = "linje")] public int? EditItemId { get; set; }
    /// <summary>The order being changed (GET ?bestilling=7); none for a new order.</summary>
    [BindProperty(SupportsGet = true, Name = "bestilling")] public int? EditOrderId { get; set; }

    public IReadOnlyList<PriceListView> Items { get; private set; } = [];
    /// <summary>Null when the visitor may see no orders (anonymous, or without an organisation).</summary>
    public IReadOnlyList<ServiceOrderView>? Orders { get; private set; }
    public IReadOnlyList<(string, string)> Solutions { get; private set; } = [];
    public IReadOnlyList<(string, string)> Organizations { get; private set; } = [];
    public PriceListView? Editing => Items.FirstOrDefault(i => i.Id == EditItemId);
    public ServiceOrderView? EditingOrder => Orders?.FirstOrDefault(o => o.Id == EditOrderId && CanChange(o));

    public bool CanEdit => FinancingAccess.CanEdit(CurrentUser);
    public bool CanOrder => FinancingAccess.CanOrder(CurrentUser);
    public bool CanChange(ServiceOrderView order) => FinancingAccess.CanOrderFor(CurrentUser, order.OrganizationId);

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
                return Redirect($"/finansiering/{Text(Year)}/prisliste");
            }
            MoveErrors("unitPriceOre", "unitPrice");
            MoveErrors("year", "");
        }
        EditItemId = itemId;
        return await AfterErrorAsync(ct);
    }

    /// <summary>A new order (no <c>orderId</c>) or a change to one (with its <c>version</c>).</summary>
    public async Task<IActionResult> OnPostOrderAsync([FromServices] SaveServiceOrder save, CancellationToken ct)
    {
        if (!CanOrder) return CurrentUser is null ? Challenge() : Forbid();
        ModelState.Clear();
        PostedForm = "order";
        var orderId = FormInt("orderId");
        // An initiative owner orders for their organisation whatever the form says; the use case refuses another one.
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
            var input = new ServiceOrderInput(FormId("priceListItemId"), organizationId, quantity, Form("orderedOn"), Form("note"), Year);
            if (await TryOrderAsync(() => save.HandleAsync(orderId, input, FormInt("version"), CurrentUser, ct)))
            {
                Flash = orderId is null ? "Bestillingen er registrert." : "Bestillingen er endret.";
                return Redirect($"/finansiering/{Text(Year)}/prisliste#bestillinger");
            }
        }
        EditOrderId = orderId;
        return await AfterErrorAsync(ct);
    }

    public async Task<IActionResult> OnPostCancelOrderAsync([FromServices] CancelServiceOrder cancel, CancellationToken ct)
    {
        if (!CanOrder) return CurrentUser is null ? Challenge() : Forbid();
        ModelState.Clear();
        var orderId = FormInt("orderId") ?? 0;
        if (await TryOrderAsync(() => cancel.HandleAsync(orderId, FormInt("version"), CurrentUser, ct)))
        {
            Flash = "Bestillingen er avbestilt.";
            return Redirect($"/finansiering/{Text(Year)}/prisliste#bestillinger");
        }
        EditOrderId = orderId;
        return await AfterErrorAsync(ct);
    }

    /// <summary>As <see cref="SamstyringPage.TryAsync"/>; an order someone else has cancelled is a conflict, not an error page.</summary>
    private async Task<bool> TryOrderAsync(Func<Task> action)
    {
        try
        {
            return await TryAsync(action);
        }
        catch (NotFoundException) when (FormInt("orderId") is not null)
        {
            ConflictMessage = GoneMessage;
            return false;
        }
    }

    private async Task<IActionResult> AfterErrorAsync(CancellationToken ct)
    {
        if (ConflictMessage is not null)
        {
            // The form shows what is stored now, with its version, instead of what was typed.
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
}
