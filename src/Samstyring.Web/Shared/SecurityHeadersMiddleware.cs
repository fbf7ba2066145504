namespace Samstyring.Web.Shared;

/// <summary>
/// A strict Content-Security-Policy and the usual hardening headers on every response. Forms may post to this site only,
/// and be redirected on to the configured identity providers (<see cref="FormTargets"/>).
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, FormTargets formTargets)
{
    private const string Csp =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    public Task InvokeAsync(HttpContext ctx)
    {
        ctx.Response.OnStarting(() =>
        {
            var h = ctx.Response.Headers;
            h.ContentSecurityPolicy = formTargets.Sources is { Length: > 0 } sources ? Csp + " " + sources : Csp;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "strict-origin-when-cross-origin";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(ctx);
    }
}
