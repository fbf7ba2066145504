using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Accounts;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Accounts;

/// <summary>A signed-in user changes their password; every other session ends and this browser gets a new one.</summary>
[Authorize]
public sealed class ChangePasswordModel(ChangePassword changePassword, StartSession startSession) : SamstyringPage
{
    [BindProperty] public string? CurrentPassword { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    [BindProperty] public string? RepeatPassword { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await TryAsync(() => changePassword.HandleAsync(new ChangePasswordInput(CurrentPassword, NewPassword, RepeatPassword), CurrentUser, ct)))
            return Page();
        await SessionCookie.SignInAsync(HttpContext, await startSession.HandleAsync(CurrentUser!, ct));
        Flash = "Passordet er byttet. Andre steder du var logget inn, er du nå logget ut.";
        return RedirectToPage();
    }
}
