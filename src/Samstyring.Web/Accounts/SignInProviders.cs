using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Samstyring.Core.Accounts;
using Samstyring.Core.Common;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Accounts;

/// <summary>What kind of identity provider: it decides the defaults for claims and pushed authorisation requests.</summary>
public enum ProviderKind { Generic, HelseId, IdPorten, EntraId }

/// <summary>The claim types an identity is read from; each provider kind has its own defaults.</summary>
public sealed class ProviderClaims
{
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? HprNumber { get; set; }
    public string? PersonalId { get; set; }
    public string? OrgNumber { get; set; }
}

/// <summary>One identity provider under <c>Samstyring:SignIn:Providers:{name}</c>.</summary>
public sealed class SignInProviderOptions
{
    public string? DisplayName { get; set; }
    public ProviderKind Kind { get; set; } = ProviderKind.Generic;
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    /// <summary>The client's private key as a JWK (JSON), for <c>private_key_jwt</c>; or <see cref="SigningKeyFile"/>.</summary>
    public string? SigningKey { get; set; }
    public string? SigningKeyFile { get; set; }
    /// <summary>Only where the provider allows it (Entra ID, generic); HelseID and ID-porten take a signed assertion.</summary>
    public string? ClientSecret { get; set; }
    public string[]? Scopes { get; set; }
    /// <summary>Extra authorisation parameters, such as ID-porten's <c>acr_values</c>.</summary>
    public Dictionary<string, string> Parameters { get; set; } = [];
    /// <summary>Require (HelseID, ID-porten), UseIfAvailable (Entra ID) or Disable.</summary>
    public PushedAuthorizationBehavior? PushedAuthorization { get; set; }
    public ProviderClaims Claims { get; set; } = new();
}

public sealed class SignInOptions
{
    public const string Section = "Samstyring:SignIn";
    public Dictionary<string, SignInProviderOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>A provider the login page offers: its scheme (the configuration name) and what the button says.</summary>
public sealed record SignInProvider(string Scheme, string DisplayName);

/// <summary>The configured providers, in configuration order.</summary>
public sealed record SignInProviderList(IReadOnlyList<SignInProvider> All)
{
    public SignInProvider? Find(string? scheme) => All.FirstOrDefault(p => string.Equals(p.Scheme, scheme, StringComparison.Ordinal));

    /// <summary>What the login page calls the provider; a provider no longer configured by its scheme.</summary>
    public string NameOf(string scheme) => Find(scheme)?.DisplayName ?? scheme;
}

/// <summary>
/// Sign-in through OpenID Connect identity providers (HelseID, ID-porten, Entra ID, any other): the authorisation code
/// flow with PKCE, a pushed authorisation request where the provider takes one, and the client authenticated with a
/// signed assertion (<c>private_key_jwt</c>) made fresh for every request. Each provider is an authentication scheme named
/// as in the configuration; the identity it signs in is linked to a Samstyring user (<see cref="SignInExternal"/>) and
/// the browser gets the same session cookie as a password sign-in.
/// </summary>
public static class SignInProviders
{
    public const string ProviderClaim = "samstyring:provider";
    private const string IdTokenHintKey = "samstyring:id_token_hint";

    /// <summary>Registers every configured provider, and the list the login page offers.</summary>
    public static IServiceCollection AddSamstyringSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        var formTargets = new FormTargets();
        var providers = Register(services.AddAuthentication(), configuration, formTargets);
        services.AddSingleton(new SignInProviderList(providers));
        services.AddSingleton(formTargets);
        if (providers.Count > 0) services.AddHostedService<ProviderDiscovery>();
        return services;
    }

    private static IReadOnlyList<SignInProvider> Register(AuthenticationBuilder auth, IConfiguration configuration, FormTargets formTargets)
    {
        var options = configuration.GetSection(SignInOptions.Section).Get<SignInOptions>() ?? new SignInOptions();
        var providers = new List<SignInProvider>();
        foreach (var (name, provider) in options.Providers)
        {
            var scheme = Check(name, provider);
            var key = SigningKey(name, provider);
            providers.Add(new SignInProvider(scheme, provider.DisplayName ?? DefaultName(provider.Kind, scheme)));
            formTargets.Add(provider.Authority);
            auth.AddOpenIdConnect(scheme, provider.DisplayName ?? scheme, o => Configure(o, scheme, provider, key, formTargets));
        }
        return providers;
    }

    private static string Check(string name, SignInProviderOptions p)
    {
        var scheme = name.Trim().ToLowerInvariant();
        string? problem = null;
        if (scheme.Length is 0 or > ExternalIdentity.ProviderMax || !scheme.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            problem = "navnet kan bare ha små bokstaver a–z, tall og bindestrek (høyst 40 tegn)";
        else if (!Uri.TryCreate(p.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
            problem = "Authority må være adressen til identitetsleverandøren (https://…)";
        else if (authority.Scheme == "http" && !authority.IsLoopback)
            problem = "Authority må bruke https (http tillates bare på denne maskinen, for testleverandøren)";
        else if (string.IsNullOrWhiteSpace(p.ClientId))
            problem = "ClientId mangler";
        else if (p.SigningKey is null && p.SigningKeyFile is null && p.ClientSecret is null)
            problem = "SigningKey eller SigningKeyFile (privat nøkkel som JWK) mangler";
        else if (p.ClientSecret is not null && p.Kind is ProviderKind.HelseId or ProviderKind.IdPorten)
            problem = "HelseID og ID-porten godtar ikke klienthemmeligheter; bruk SigningKey (private_key_jwt)";
        if (problem is not null)
            throw new SetupFailedException($"Innloggingsleverandøren «{name}» ({SignInOptions.Section}:Providers:{name}) er feil satt opp: {problem}.");
        return scheme;
    }

    private static JsonWebKey? SigningKey(string name, SignInProviderOptions p)
    {
        if (p.SigningKey is null && p.SigningKeyFile is null) return null;
        try
        {
            var json = p.SigningKey ?? File.ReadAllText(p.SigningKeyFile!);
            var key = new JsonWebKey(json);
            if (!key.HasPrivateKey) throw new InvalidOperationException("nøkkelen er ikke privat");
            return key;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or System.Text.Json.JsonException)
        {
            throw new SetupFailedException($"Innloggingsleverandøren «{name}»: signeringsnøkkelen kan ikke leses ({e.Message}). " +
                                           "Den skal være en privat nøkkel som JWK (JSON), slik HelseID-selvbetjeningen gir den.", e);
        }
    }

    private static string DefaultName(ProviderKind kind, string scheme) => kind switch
    {
        ProviderKind.HelseId => "HelseID",
        ProviderKind.IdPorten => "ID-porten",
        ProviderKind.EntraId => "Entra ID",
        _ => scheme,
    };

    private static void Configure(OpenIdConnectOptions o, string scheme, SignInProviderOptions p, JsonWebKey? key, FormTargets formTargets)
    {
        o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        o.SignOutScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        o.Authority = p.Authority;
        o.RequireHttpsMetadata = !new Uri(p.Authority!).IsLoopback;
        o.ClientId = p.ClientId;
        o.ClientSecret = key is null ? p.ClientSecret : null;
        o.ResponseType = OpenIdConnectResponseType.Code;
        // The code comes back in the query string: a top-level GET carries the SameSite=Lax cookies the flow needs.
        o.ResponseMode = OpenIdConnectResponseMode.Query;
        o.UsePkce = true;
        o.PushedAuthorizationBehavior = p.PushedAuthorization
                                        ?? (p.Kind == ProviderKind.EntraId ? PushedAuthorizationBehavior.UseIfAvailable : PushedAuthorizationBehavior.Require);
        o.Scope.Clear();
        foreach (var s in p.Scopes is { Length: > 0 } scopes ? scopes : DefaultScopes(p.Kind)) o.Scope.Add(s);
        o.CallbackPath = $"/signin-{scheme}";
        o.SignedOutCallbackPath = $"/signout-callback-{scheme}";
        o.RemoteSignOutPath = $"/signout-{scheme}";
        o.SignedOutRedirectUri = "/";
        o.SaveTokens = true;
        o.MapInboundClaims = false;
        o.GetClaimsFromUserInfoEndpoint = false;
        o.TokenValidationParameters.NameClaimType = "name";
        o.TokenValidationParameters.ClockSkew = TimeSpan.FromMinutes(1);
        o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.NonceCookie.SameSite = SameSiteMode.Lax;
        var claims = ClaimsFor(p);

        o.Events.OnRedirectToIdentityProvider = ctx =>
        {
            foreach (var (name, value) in p.Parameters) ctx.ProtocolMessage.SetParameter(name, value);
            formTargets.Add(ctx.ProtocolMessage.IssuerAddress);
            return Task.CompletedTask;
        };
        o.Events.OnPushAuthorization = async ctx =>
        {
            if (key is null) return;
            var assertion = await AssertionAsync(ctx.Options, key, ctx.HttpContext.RequestAborted);
            ctx.ProtocolMessage.ClientAssertionType = ClientAssertion.Type;
            ctx.ProtocolMessage.ClientAssertion = assertion;
            ctx.HandleClientAuthentication();
        };
        o.Events.OnAuthorizationCodeReceived = async ctx =>
        {
            if (key is null) return;
            ctx.TokenEndpointRequest!.ClientSecret = null;
            ctx.TokenEndpointRequest.ClientAssertionType = ClientAssertion.Type;
            ctx.TokenEndpointRequest.ClientAssertion = await AssertionAsync(ctx.Options, key, ctx.HttpContext.RequestAborted);
        };
        o.Events.OnTokenValidated = ctx => SignInAsync(ctx, scheme, claims);
        o.Events.OnRemoteFailure = ctx => FailAsync(ctx.HttpContext, scheme, ctx.Failure?.Message ?? "ukjent feil", ctx);
        o.Events.OnAccessDenied = ctx => FailAsync(ctx.HttpContext, scheme, "avbrutt hos identitetsleverandøren", ctx);
        o.Events.OnRedirectToIdentityProviderForSignOut = ctx =>
        {
            if (ctx.ProtocolMessage.IdTokenHint is null && ctx.Properties.Items.TryGetValue(IdTokenHintKey, out var hint)) ctx.ProtocolMessage.IdTokenHint = hint;
            formTargets.Add(ctx.ProtocolMessage.IssuerAddress);
            return Task.CompletedTask;
        };
    }

    private static string[] DefaultScopes(ProviderKind kind) => kind switch
    {
        ProviderKind.HelseId => ["openid", "profile", "helseid://scopes/identity/pid", "helseid://scopes/identity/security_level", "helseid://scopes/hpr/hpr_number"],
        ProviderKind.EntraId => ["openid", "profile", "email"],
        _ => ["openid", "profile"],
    };

    private static ProviderClaims ClaimsFor(SignInProviderOptions p)
    {
        var c = p.Claims;
        return p.Kind switch
        {
            ProviderKind.HelseId => new ProviderClaims
            {
                Name = c.Name ?? "name", HprNumber = c.HprNumber ?? "helseid://claims/hpr/hpr_number", PersonalId = c.PersonalId ?? "helseid://claims/identity/pid",
                OrgNumber = c.OrgNumber ?? "helseid://claims/client/claims/orgnr_parent", Email = c.Email,
            },
            ProviderKind.IdPorten => new ProviderClaims { Name = c.Name ?? "name", PersonalId = c.PersonalId ?? "pid", Email = c.Email, OrgNumber = c.OrgNumber, HprNumber = c.HprNumber },
            ProviderKind.EntraId => new ProviderClaims { Name = c.Name ?? "name", Email = c.Email ?? "preferred_username", OrgNumber = c.OrgNumber, HprNumber = c.HprNumber, PersonalId = c.PersonalId },
            _ => c,
        };
    }

    private static async Task<string> AssertionAsync(OpenIdConnectOptions options, JsonWebKey key, CancellationToken ct)
    {
        var configuration = await options.ConfigurationManager!.GetConfigurationAsync(ct);
        return ClientAssertion.Create(options.ClientId!, configuration.Issuer, key, options.TimeProvider ?? TimeProvider.System);
    }

    private static async Task SignInAsync(TokenValidatedContext ctx, string scheme, ProviderClaims claims)
    {
        var principal = ctx.Principal!;
        string? Claim(string? type) => type is null ? null : principal.FindFirst(type)?.Value;
        var identity = new ExternalIdentity(scheme, Claim("sub") ?? "", Claim(claims.Name), Claim(claims.Email), Claim(claims.HprNumber),
            Claim(claims.PersonalId), Claim(claims.OrgNumber));
        var services = ctx.HttpContext.RequestServices;
        var ct = ctx.HttpContext.RequestAborted;
        var result = await services.GetRequiredService<SignInExternal>().HandleAsync(identity, ct);
        if (result.User is not { } user)
        {
            // Waiting for the office: no session, and the provider's tokens are not kept.
            ctx.HandleResponse();
            ctx.Response.Redirect("/logg-inn/venter");
            return;
        }
        var session = await services.GetRequiredService<StartSession>().HandleAsync(user, ct, scheme);
        var signedIn = CurrentUserReader.ToPrincipal(user, CookieAuthenticationDefaults.AuthenticationScheme, session);
        ((ClaimsIdentity)signedIn.Identity!).AddClaim(new Claim(ProviderClaim, scheme));
        ctx.Principal = signedIn;
    }

    private static async Task FailAsync(HttpContext http, string scheme, string reason, HandleRequestContext<RemoteAuthenticationOptions> ctx)
    {
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInProviders))
            .LogWarning("Innlogging med {Provider} feilet: {Reason}", scheme, reason);
        await http.RequestServices.GetRequiredService<RecordSignInFailure>().HandleAsync(scheme, reason, http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted);
        ctx.HandleResponse();
        http.Response.Redirect($"/logg-inn?feil={Uri.EscapeDataString(scheme)}");
    }

    /// <summary>
    /// Sign-out for a browser signed in through a provider: Samstyring's session ends, then the provider's (RP-initiated
    /// logout with the id token as hint), which sends the browser back to the front page.
    /// </summary>
    public static async Task<(string Scheme, AuthenticationProperties Properties)?> ProviderSignOutAsync(HttpContext http, SignInProviderList providers)
    {
        var scheme = http.User.FindFirst(ProviderClaim)?.Value;
        if (providers.Find(scheme) is null) return null;
        var properties = new AuthenticationProperties { RedirectUri = "/" };
        if (await http.GetTokenAsync(CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectParameterNames.IdToken) is { } idToken)
            properties.Items[IdTokenHintKey] = idToken;
        return (scheme!, properties);
    }
}
