using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Accounts;
using Samstyring.Core.Actors;

namespace Samstyring.Web.Accounts;

/// <summary>
/// The office's view of every API token, with revoke, and where it makes integration tokens: a name, the role and
/// organisation the integration acts with, and the last day it works.
/// </summary>
[Authorize(Roles = nameof(Core.Common.Role.PortfolioOffice))]
public sealed class OfficeApiTokensModel(AccountQueries accounts, CreateApiToken create, RevokeApiToken revoke, OrganizationQueries organizations)
    : ApiTokenPage(accounts, create, revoke)
{
    [BindProperty] public string? Role { get; set; }
    [BindProperty] public string? Organization { get; set; }

    public List<(string Value, string Text)> OrganizationOptions { get; private set; } = [];

    protected override bool ListsAll => true;

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var result = await CreateAsync(new CreateApiTokenInput(Name, ExpiresOn, Role, Organization, Integration: true), ct);
        if (ModelState.IsValid) { Role = null; Organization = null; }
        return result;
    }

    protected override async Task LoadAsync(CancellationToken ct)
    {
        await base.LoadAsync(ct);
        OrganizationOptions = await organizations.KeyOptionsAsync(ct);
    }
}
