using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Accounts;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Accounts;

public sealed class LogoutModel(EndSession endSession, SignInProviderList providers) : SamstyringPage
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Read before the cookie goes: which provider signed this browser in, and the id token to name the session there.
        var atProvider = await SignInProviders.ProviderSignOutAsync(HttpContext, providers);
        await SessionCookie.SignOutAsync(HttpContext, endSession, ct);
        if (atProvider is { } p) return SignOut(p.Properties, p.Scheme);
        return LocalRedirect("/");
    }
}
