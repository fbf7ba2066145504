using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Accounts;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Accounts;

/// <summary>
/// One person waiting for access: the office grants it (a new user with role and organisation, or an existing user the
/// identity is linked to) or refuses it.
/// </summary>
[Authorize(Roles = nameof(Core.Common.Role.PortfolioOffice))]
public sealed class AccessRequestModel(AccountQueries accounts, OrganizationQueries organizations, GrantAccess grant, RefuseAccess refuse) : SamstyringPage
{
    public AccessRequestRow Waiting { get; private set; } = null!;
    public List<(string Value, string Text)> OrganizationOptions { get; private set; } = [];

    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Role { get; set; }
    [BindProperty] public string? Organization { get; set; }
    [BindProperty] public string? ExistingUserName { get; set; }

    public async Task OnGetAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        Version = Waiting.Version;
        UserName = SuggestedUserName(Waiting);
        Organization = Waiting.OrganizationKey;
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        User? granted = null;
        var input = new GrantAccessInput(Version, UserName, Role, Organization, ExistingUserName);
        if (await TryAsync(async () => granted = await grant.HandleAsync(id, input, CurrentUser, ct)))
        {
            Flash = $"{granted!.DisplayName} har fått tilgang som «{granted.UserName}».";
            return Redirect("/kontor/brukere");
        }
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRefuseAsync(int id, CancellationToken ct)
    {
        if (await TryAsync(() => refuse.HandleAsync(id, Version, CurrentUser, ct)))
        {
            Flash = "Forespørselen om tilgang er avvist.";
            return Redirect("/kontor/brukere");
        }
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        Waiting = await accounts.AccessRequestAsync(id, CurrentUser, ct);
        OrganizationOptions = await organizations.KeyOptionsAsync(ct);
    }

    /// <summary>A user name to start from: the part of the e-mail address before @, else the name, in the allowed letters.</summary>
    public static string SuggestedUserName(AccessRequestRow r)
    {
        var source = r.Email?.Split('@')[0] ?? r.DisplayName;
        var folded = source.ToLowerInvariant().Replace("æ", "ae").Replace("ø", "o").Replace("å", "a").Replace(' ', '.');
        var name = new string(folded.Where(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-' or '_').ToArray()).Trim('.', '-', '_');
        return name.Length == 0 ? $"bruker{r.Id}" : name.Length > 80 ? name[..80] : name;
    }
}
