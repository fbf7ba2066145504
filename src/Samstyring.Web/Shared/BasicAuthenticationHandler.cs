using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Samstyring.Core.Accounts;

namespace Samstyring.Web.Shared;

/// <summary>
/// HTTP Basic over the same accounts, for API clients and scripts. Pages use the login cookie. A password that worked is
/// not hashed again for a while (<see cref="AuthenticatePassword"/>); a wrong one always goes through the throttle.
/// </summary>
public sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AuthenticatePassword check)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Basic";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header) || header.Scheme != SchemeName || header.Parameter is null)
            return AuthenticateResult.NoResult();
        string decoded;
        try { decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(header.Parameter)); }
        catch (Exception e) when (e is FormatException or ArgumentException) { return AuthenticateResult.Fail("Ugyldig Authorization-header."); }
        var colon = decoded.IndexOf(':');
        if (colon < 0) return AuthenticateResult.Fail("Ugyldig Authorization-header.");
        var result = await check.HandleAsync(decoded[..colon], decoded[(colon + 1)..], Context.Connection.RemoteIpAddress?.ToString(), Context.RequestAborted);
        if (result.RetryAfter is { } wait)
        {
            // PresentCredentialsGuard answers 429 with Retry-After: the same throttle as the login form.
            Context.Items[LoginThrottling.RetryAfterKey] = wait;
            return AuthenticateResult.Fail("For mange mislykkede innlogginger.");
        }
        return result.User is not { } user
            ? AuthenticateResult.Fail("Feil brukernavn eller passord.")
            : AuthenticateResult.Success(new AuthenticationTicket(CurrentUserReader.ToPrincipal(user, SchemeName), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"Samstyring\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }
}
