using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Accounts;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Accounts;

public sealed class LoginModel(CheckPassword check, StartSession startSession, SignInProviderList providers, LoginOptions login) : SamstyringPage
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    /// <summary>The provider a failed sign-in came back from (<c>?feil=helseid</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "feil")] public string? FailedProvider { get; set; }
    /// <summary>Shows the password form when local accounts are off (<c>?lokal=1</c>), for the break-glass administrators.</summary>
    [BindProperty(SupportsGet = true, Name = "lokal")] public string? Local { get; set; }

    public IReadOnlyList<SignInProvider> Providers => providers.All;
    public bool ShowPasswordForm => login.LocalAccounts || Local == "1" || Providers.Count == 0;
    public bool OffersBreakGlass => !ShowPasswordForm && login.BreakGlassUsers.Length > 0;
    public string? ProviderError => providers.Find(FailedProvider) is { } p
        ? $"Innloggingen med {p.DisplayName} ble ikke fullført. Prøv igjen, eller kontakt porteføljekontoret hvis det gjentar seg."
        : null;

    public void OnGet() { }

    /// <summary>Off to the chosen identity provider; it sends the browser back to where it came from.</summary>
    public IActionResult OnPostProvider(string? provider)
    {
        if (providers.Find(provider) is not { } chosen)
        {
            ModelState.AddModelError("provider", "Velg en av innloggingsmåtene på siden.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return Challenge(new AuthenticationProperties { RedirectUri = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/" }, chosen.Scheme);
    }

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
