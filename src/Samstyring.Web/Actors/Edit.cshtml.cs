using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Actors;

/// <summary>The office corrects an actor: name, type, group, region, owner, population.</summary>
[Authorize(Policy = "office")]
public sealed class EditModel(OrganizationQueries organizations, UpdateOrganization update) : SamstyringPage
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? ShortName { get; set; }
    [BindProperty] public string? OrgNumber { get; set; }
    [BindProperty] public string? Type { get; set; }
    [BindProperty] public string? ActorGroup { get; set; }
    [BindProperty] public string? Region { get; set; }
    [BindProperty] public int? OwnerId { get; set; }
    // Text, so a typo gets a Norwegian message from us rather than the model binder's English one.
    [BindProperty] public string? Population { get; set; }
    [BindProperty] public int Version { get; set; }

    public Organization Organization { get; private set; } = null!;
    public List<(string, string)> Owners { get; private set; } = [];

    public async Task OnGetAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        CopyFrom(Organization);
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        ModelState.Clear(); // Our own validation (the use case's) decides; binder messages are English.
        int? population = null;
        var raw = Population?.Replace(" ", "").Replace("\u00A0", "").Replace("\u202F", "").Trim();
        if (!string.IsNullOrEmpty(raw))
        {
            if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var p)) population = p;
            else ModelState.AddModelError("population", "Folketall må være et helt tall, for eksempel 12 345.");
        }
        var ok = ModelState.IsValid && await TryAsync(() => update.HandleAsync(id,
            new OrganizationInput(Name, ShortName, OrgNumber, Type, ActorGroup, Region, OwnerId, population), Version, CurrentUser, ct));
        await LoadAsync(id, ct);
        if (ok)
        {
            Flash = "Aktøren er oppdatert.";
            return Redirect($"/aktorer/{id}");
        }
        if (ConflictMessage is not null)
        {
            // Someone saved first: show what is there now, so the user redoes their change on top of it.
            ModelState.Clear();
            CopyFrom(Organization);
        }
        return Page();
    }

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        Organization = (await organizations.GetAsync(id, ct)).Organization;
        Owners = await organizations.OptionsAsync(except: id, ct);
    }

    private void CopyFrom(Organization o)
    {
        Name = o.Name;
        ShortName = o.ShortName;
        OrgNumber = o.OrgNumber;
        Type = o.Type.Code();
        ActorGroup = o.ActorGroup.Code();
        Region = o.Region?.Code();
        OwnerId = o.OwnerId;
        Population = o.Population?.ToString(CultureInfo.InvariantCulture);
        Version = o.Version;
    }
}
