using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Accounts;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Accounts;

public sealed class LogoutModel(EndSession endSession) : SamstyringPage
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await SessionCookie.SignOutAsync(HttpContext, endSession, ct);
        return LocalRedirect("/");
    }
}
