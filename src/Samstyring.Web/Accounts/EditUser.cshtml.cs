using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Accounts;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;

namespace Samstyring.Web.Accounts;

/// <summary>
/// The office changes a user: name, role, organisation and the identifiers a first sign-in finds them by. A new role or
/// organisation signs them out everywhere.
/// </summary>
[Authorize(Roles = nameof(Core.Common.Role.PortfolioOffice))]
public sealed class EditUserModel(AccountQueries accounts, OrganizationQueries organizations, UpdateUser update) : UserFormPage
{
    public UserRow Account { get; private set; } = null!;
    [BindProperty] public int Version { get; set; }
    [BindProperty] public bool RemovePersonalId { get; set; }

    public async Task OnGetAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        CopyFrom(Account);
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        // The number is never shown back: left empty it stays as it is; ticked, it is removed.
        var personalId = RemovePersonalId ? "" : string.IsNullOrWhiteSpace(PersonalId) ? null : PersonalId;
        var input = new UpdateUserInput(Version, DisplayName, Role, Organization, Email, HprNumber, personalId);
        if (await TryAsync(() => update.HandleAsync(id, input, CurrentUser, ct)))
        {
            Flash = "Brukeren er oppdatert.";
            return Redirect("/kontor/brukere");
        }
        await LoadAsync(id, ct);
        if (ConflictMessage is not null)
        {
            ModelState.Clear();
            CopyFrom(Account);
        }
        PersonalId = null;
        return Page();
    }

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        Account = await accounts.UserAsync(id, CurrentUser, ct);
        OrganizationOptions = await organizations.KeyOptionsAsync(ct);
    }

    private void CopyFrom(UserRow u)
    {
        DisplayName = u.DisplayName;
        Role = u.Role.Code();
        Organization = u.OrganizationKey;
        Email = u.Email;
        HprNumber = u.HprNumber;
        Version = u.Version;
    }
}
