using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;

namespace Samstyring.Web.Actors;

/// <summary>The office corrects an actor: name, type, group, region, owners with their shares, population.</summary>
[Authorize(Policy = "office")]
public sealed class EditModel(OrganizationQueries organizations, UpdateOrganization update) : OrganizationFormPage
{
    [BindProperty] public int Version { get; set; }

    public OrganizationDetails Details { get; private set; } = null!;
    public Organization Organization => Details.Organization;

    public async Task OnGetAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        CopyFrom(Organization);
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var (input, rowOf) = ReadForm();
        var ok = ModelState.IsValid && await TryAsync(() => update.HandleAsync(id, input, Version, CurrentUser, ct));
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
            return Page();
        }
        ShowOwnerErrorsOnDisplayedRows(rowOf);
        return Page();
    }

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        Details = await organizations.GetAsync(id, ct);
        OwnerOptions = await organizations.OptionsAsync(except: id, ct);
    }

    private void CopyFrom(Organization o)
    {
        Name = o.Name;
        ShortName = o.ShortName;
        OrgNumber = o.OrgNumber;
        Type = o.Type.Code();
        ActorGroup = o.ActorGroup.Code();
        Region = o.Region?.Code();
        Owners = Details.Owners.Select(x => new OwnerRow { Id = x.Id, Share = x.Share?.ToString("0.##", Norwegian.Culture) }).Concat(BlankRows()).ToList();
        Population = o.Population?.ToString(CultureInfo.InvariantCulture);
        Version = o.Version;
    }
}
