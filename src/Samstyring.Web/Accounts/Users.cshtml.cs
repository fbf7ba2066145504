using Microsoft.AspNetCore.Authorization;
using Samstyring.Core.Accounts;
using Samstyring.Core.Common;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Accounts;

/// <summary>
/// The office's list of users, and of those waiting for access after signing in through an identity provider.
/// </summary>
[Authorize(Roles = nameof(Role.PortfolioOffice))]
public sealed class UsersModel(AccountQueries accounts) : SamstyringPage
{
    public IReadOnlyList<UserRow> Users { get; private set; } = [];
    public IReadOnlyList<AccessRequestRow> Waiting { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Users = await accounts.UsersAsync(CurrentUser, ct);
        Waiting = await accounts.AccessRequestsAsync(CurrentUser, ct);
    }

    /// <summary>How the user signs in: «passord» and the providers linked, by the names the login page gives them.</summary>
    public static string Methods(UserRow u, SignInProviderList providers) =>
        string.Join(", ", (u.HasPassword ? ["passord"] : Array.Empty<string>()).Concat(u.Providers.Select(providers.NameOf)));
}
