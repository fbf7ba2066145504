using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Samstyring.Core.Accounts;

namespace Samstyring.Web.Shared;

/// <summary>
/// The login cookie names a server-side session and the user's security stamp. Each request checks both, so a cookie
/// stops working the moment its session is signed out, or the user's password, role or organisation changes, on every
/// node at once.
/// </summary>
public static class SessionCookie
{
    public const string SessionClaim = "samstyring:sid";
    public const string StampClaim = "samstyring:stamp";

    /// <summary>Signs the browser in under a new session.</summary>
    public static Task SignInAsync(HttpContext http, SessionTicket session) =>
        http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            CurrentUserReader.ToPrincipal(session.User, CookieAuthenticationDefaults.AuthenticationScheme, session));

    /// <summary>Ends this browser's session (so a copy of the cookie is worthless) and removes the cookie.</summary>
    public static async Task SignOutAsync(HttpContext http, EndSession endSession, CancellationToken ct)
    {
        if (http.User.FindFirst(SessionClaim)?.Value is { } sid) await endSession.HandleAsync(sid, ct);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    public static async Task ValidateAsync(CookieValidatePrincipalContext ctx)
    {
        var principal = ctx.Principal;
        var name = principal?.Identity?.Name;
        var sid = principal?.FindFirst(SessionClaim)?.Value;
        var stamp = principal?.FindFirst(StampClaim)?.Value;
        var active = name is not null && sid is not null && stamp is not null
                     && await ctx.HttpContext.RequestServices.GetRequiredService<AccountQueries>()
                         .IsSessionActiveAsync(name, sid, stamp, ctx.HttpContext.RequestAborted);
        if (active) return;
        ctx.RejectPrincipal();
        await ctx.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
