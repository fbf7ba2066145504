using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Accounts;

namespace Samstyring.Web.Accounts;

/// <summary>A signed-in user's own API tokens: make one (shown once), see when each was last used, revoke one.</summary>
[Authorize]
public sealed class ApiTokensModel(AccountQueries accounts, CreateApiToken create, RevokeApiToken revoke) : ApiTokenPage(accounts, create, revoke)
{
    protected override bool ListsAll => false;

    public Task<IActionResult> OnPostCreateAsync(CancellationToken ct) => CreateAsync(new CreateApiTokenInput(Name, ExpiresOn), ct);
}
