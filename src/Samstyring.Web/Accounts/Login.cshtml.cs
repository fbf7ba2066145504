using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Accounts;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Accounts;

public sealed class LoginModel(CheckPassword check, StartSession startSession) : SamstyringPage
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(UserName)) ModelState.AddModelError("userName", "Brukernavn må fylles ut.");
        if (string.IsNullOrEmpty(Password)) ModelState.AddModelError("password", "Passord må fylles ut.");
        if (!ModelState.IsValid) return Page();
        var result = await check.HandleAsync(UserName!, Password!, HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        if (result.RetryAfter is { } wait)
        {
            // The password was not checked; the same answer whether it was right or not, and whether the user exists.
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = LoginThrottling.Seconds(wait).ToString(System.Globalization.CultureInfo.InvariantCulture);
            ModelState.AddModelError("password", LoginThrottling.Message(wait));
            return Page();
        }
        if (result.User is not { } user)
        {
            ModelState.AddModelError("password", "Feil brukernavn eller passord.");
            return Page();
        }
        await SessionCookie.SignInAsync(HttpContext, await startSession.HandleAsync(user, ct));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
