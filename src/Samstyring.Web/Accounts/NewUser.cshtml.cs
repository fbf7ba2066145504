using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Accounts;
using Samstyring.Core.Actors;

namespace Samstyring.Web.Accounts;

/// <summary>
/// The office registers a user ahead of their first sign-in (by an identifier), or with a password for a local account.
/// </summary>
[Authorize(Roles = nameof(Core.Common.Role.PortfolioOffice))]
public sealed class NewUserModel(OrganizationQueries organizations, CreateUser create) : UserFormPage
{
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => OrganizationOptions = await organizations.KeyOptionsAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var input = new CreateUserInput(UserName, DisplayName, Role, Organization, Password, Email, HprNumber, PersonalId);
        User? created = null;
        if (await TryAsync(async () => created = await create.HandleAsync(input, CurrentUser, ct)))
        {
            Flash = $"{created!.DisplayName} er registrert som «{created.UserName}».";
            return Redirect("/kontor/brukere");
        }
        OrganizationOptions = await organizations.KeyOptionsAsync(ct);
        Password = null;
        return Page();
    }
}
