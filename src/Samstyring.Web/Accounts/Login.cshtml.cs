using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Accounts;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Accounts;

public sealed class LoginModel(AccountQueries accounts, StartSession startSession) : SamstyringPage
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
        var user = await accounts.VerifyPasswordAsync(UserName!, Password!, ct);
        if (user is null)
        {
            ModelState.AddModelError("password", "Feil brukernavn eller passord.");
            return Page();
        }
        await SessionCookie.SignInAsync(HttpContext, await startSession.HandleAsync(user, ct));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
