using Microsoft.AspNetCore.Antiforgery;

namespace Samstyring.Web.Shared;

/// <summary>
/// A change made through the API with the login cookie must carry the antiforgery token (header X-CSRF-TOKEN or the form
/// field), as a page form does: otherwise another site could make a signed-in browser post to it. Clients that send
/// their own credentials in the Authorization header (an API token or HTTP Basic) cannot be driven by another site, since
/// a browser never adds that header by itself, and need no token.
/// </summary>
public sealed class CookieApiAntiforgery(RequestDelegate next, IAntiforgery antiforgery)
{
    public async Task InvokeAsync(HttpContext ctx)
    {
        if (IsCookieApiWrite(ctx) && !await antiforgery.IsRequestValidAsync(ctx))
        {
            await TypedResults.Problem(
                "Endringer gjennom API-et med innloggingskapsel krever antiforgery-token (headeren X-CSRF-TOKEN). "
                + "Skript og integrasjoner bruker et API-token (Bearer) eller HTTP Basic i stedet.",
                statusCode: StatusCodes.Status400BadRequest, title: "Mangler antiforgery-token").ExecuteAsync(ctx);
            return;
        }
        await next(ctx);
    }

    private static bool IsCookieApiWrite(HttpContext ctx) =>
        ctx.Request.Path.StartsWithSegments("/api")
        && !(HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method) || HttpMethods.IsOptions(ctx.Request.Method)
             || HttpMethods.IsTrace(ctx.Request.Method))
        && ctx.User.Identity?.IsAuthenticated == true
        && ctx.Request.Headers.Authorization.Count == 0;
}
