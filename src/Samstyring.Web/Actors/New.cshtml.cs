using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Actors;

namespace Samstyring.Web.Actors;

/// <summary>The office registers an actor that is not in the registry yet, with the same facts as Edit and an optional key.</summary>
[Authorize(Policy = "office")]
public sealed class NewModel(OrganizationQueries organizations, CreateOrganization create) : OrganizationFormPage
{
    [BindProperty] public string? Key { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Owners = BlankRows().ToList();
        OwnerOptions = await organizations.OptionsAsync(ct: ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (input, rowOf) = ReadForm();
        Organization? created = null;
        var ok = ModelState.IsValid && await TryAsync(async () => created = await create.HandleAsync(Key, input, CurrentUser, ct));
        if (ok)
        {
            Flash = $"Aktøren «{created!.Name}» er registrert med nøkkelen «{created.Key}».";
            return Redirect($"/aktorer/{created.Id}");
        }
        ShowOwnerErrorsOnDisplayedRows(rowOf);
        OwnerOptions = await organizations.OptionsAsync(ct: ct);
        return Page();
    }
}
