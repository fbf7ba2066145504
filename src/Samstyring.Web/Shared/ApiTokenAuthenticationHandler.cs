using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Samstyring.Core.Accounts;

namespace Samstyring.Web.Shared;

/// <summary>
/// API tokens (<c>Authorization: Bearer sst_…</c>) for API clients, next to HTTP Basic: no password is hashed per request.
/// Accepted on <c>/api</c> only: pages go by the login cookie, and a token sent to a page is refused (401) rather than
/// ignored. The principal is built by <see cref="CurrentUserReader.ToPrincipal"/>, as for the cookie and Basic.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AuthenticateApiToken check)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    /// <summary>HttpContext item with the Norwegian reason a token was refused, for <see cref="PresentCredentialsGuard"/>.</summary>
    public const string ProblemKey = "samstyring:token-problem";

    /// <summary>Whether an Authorization header names this scheme («Bearer», in any case), token or not.</summary>
    public static bool IsBearer(string header) =>
        header.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase) || header.Equals(SchemeName, StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, SchemeName, StringComparison.OrdinalIgnoreCase))
        {
            if (!IsBearer(Request.Headers.Authorization.ToString())) return AuthenticateResult.NoResult();
            return Refuse(AuthenticateApiToken.Malformed);
        }
        if (!Request.Path.StartsWithSegments("/api"))
            return Refuse("API-tokener gjelder bare for API-et (/api/…), ikke for sidene. Sidene bruker innlogging i nettleseren.");
        var result = await check.HandleAsync(header.Parameter?.Trim(), Context.RequestAborted);
        return result.User is { } user
            ? AuthenticateResult.Success(new AuthenticationTicket(CurrentUserReader.ToPrincipal(user, SchemeName), SchemeName))
            : Refuse(result.Problem ?? AuthenticateApiToken.Unknown);
    }

    private AuthenticateResult Refuse(string problem)
    {
        Context.Items[ProblemKey] = problem;
        return AuthenticateResult.Fail(problem);
    }

    /// <summary>RFC 6750: a token that was sent and refused is <c>invalid_token</c>; without one, only the realm.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = Context.Items.ContainsKey(ProblemKey)
            ? "Bearer realm=\"Samstyring\", error=\"invalid_token\""
            : "Bearer realm=\"Samstyring\"";
        return Task.CompletedTask;
    }
}
