using Microsoft.AspNetCore.Authentication;

namespace Samstyring.Web.Shared;

/// <summary>
/// Credentials that are present but wrong get 401, never the anonymous view: a script with a mistyped password or an
/// expired token must not silently read the public, redacted version of what it asked for. The Authorization header takes
/// HTTP Basic, or an API token (Bearer) on /api; a refused token is answered with <c>WWW-Authenticate: Bearer</c> and the
/// reason (expired, revoked, unknown, malformed).
/// </summary>
public sealed class PresentCredentialsGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext ctx)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        if (header.Length == 0 || ctx.User.Identity is
                { IsAuthenticated: true, AuthenticationType: BasicAuthenticationHandler.SchemeName or ApiTokenAuthenticationHandler.SchemeName })
        {
            await next(ctx);
            return;
        }
        if (ctx.Items[LoginThrottling.RetryAfterKey] is TimeSpan wait)
        {
            ctx.Response.Headers.RetryAfter = LoginThrottling.Seconds(wait).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await TypedResults.Problem(LoginThrottling.Message(wait), statusCode: StatusCodes.Status429TooManyRequests, title: "For mange forsøk").ExecuteAsync(ctx);
            return;
        }
        if (ApiTokenAuthenticationHandler.IsBearer(header))
        {
            await ctx.ChallengeAsync(ApiTokenAuthenticationHandler.SchemeName);
            await TypedResults.Problem(ctx.Items[ApiTokenAuthenticationHandler.ProblemKey] as string ?? Core.Accounts.AuthenticateApiToken.Malformed,
                statusCode: StatusCodes.Status401Unauthorized, title: "Ikke innlogget").ExecuteAsync(ctx);
            return;
        }
        await ctx.ChallengeAsync(BasicAuthenticationHandler.SchemeName);
        await TypedResults.Problem(
            header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
                ? "Brukernavnet eller passordet er feil."
                : "Authorization-headeren støttes ikke. Bruk et API-token (Bearer) eller HTTP Basic med brukernavn og passord, eller logg inn i nettleseren.",
            statusCode: StatusCodes.Status401Unauthorized, title: "Ikke innlogget").ExecuteAsync(ctx);
    }
}
