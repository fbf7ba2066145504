using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Samstyring.TestIdp;

/// <summary>
/// A small, real OpenID Connect provider that behaves like HelseID: authorization code flow with PKCE (S256),
/// pushed authorization requests required, client authentication only with private_key_jwt, and a replayed
/// client assertion refused. The authorize endpoint signs in a configured test user without a login page.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    private const string AuthorizePath = "connect/authorize";
    private const string EndSessionPath = "connect/endsession";

    private readonly TestIdentityProviderOptions _options;
    private readonly string _storeDirectory;
    private readonly RsaSecurityKey _signingKey;
    private readonly ConcurrentDictionary<string, byte> _usedAssertions = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _logouts = new();
    private int _rejectedReplays;
    private WebApplication? _app;

    private TestIdentityProvider(TestIdentityProviderOptions options, int port)
    {
        _options = options;
        Issuer = new Uri($"http://127.0.0.1:{port}/");
        _storeDirectory = Path.Combine(Path.GetTempPath(), "samstyring-testidp-" + Guid.NewGuid().ToString("N"));
        // Ephemeral: a new key each start, with an explicit kid so a re-minted (tampered) token can carry the same one.
        _signingKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = Guid.NewGuid().ToString("N") };
    }

    /// <summary>The issuer, e.g. <c>http://127.0.0.1:54321/</c>; discovery is below it.</summary>
    public Uri Issuer { get; }

    /// <summary>
    /// When set, the token endpoint's id_token is replaced by one re-minted from the original's claims passed through
    /// this function, signed with the same key and kid. Tests use it for a wrong aud, a wrong iss or an expired exp.
    /// </summary>
    public Func<Dictionary<string, object>, Dictionary<string, object>>? TamperIdToken { get; set; }

    /// <summary>
    /// The person "at the browser": the user signed in when a request has no login_hint (tests switch it between flows);
    /// null means the first user.
    /// </summary>
    public string? SignedInSubject { get; set; }

    /// <summary>Subjects (from id_token_hint, or "" without one) of completed end-session requests, in order.</summary>
    public IReadOnlyList<string> Logouts => _logouts.ToArray();

    /// <summary>How many replayed client assertions were refused.</summary>
    public int RejectedReplays => Volatile.Read(ref _rejectedReplays);

    public static async Task<TestIdentityProvider> StartAsync(TestIdentityProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ClientPublicJwk))
        {
            throw new ArgumentException("ClientPublicJwk is required (the client's public JWK as JSON).", nameof(options));
        }
        if (options.Users.Count == 0)
        {
            throw new ArgumentException("At least one test user is required.", nameof(options));
        }

        var provider = new TestIdentityProvider(options, options.Port == 0 ? FreeLoopbackPort() : options.Port);
        try
        {
            await provider.StartCoreAsync();
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
        return provider;
    }

    private async Task StartCoreAsync()
    {
        var clientKey = new JsonWebKey(_options.ClientPublicJwk);
        if (clientKey.HasPrivateKey)
        {
            throw new ArgumentException("ClientPublicJwk holds a private key; register only the public part.");
        }

        Directory.CreateDirectory(_storeDirectory);
        // No pooling, so nothing holds the file after dispose and other SQLite users in the process are untouched.
        var store = $"Data Source={Path.Combine(_storeDirectory, "idp.db")};Pooling=False";

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(TestIdentityProvider).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Issuer.Port));

        builder.Services.AddDbContext<TestIdpDbContext>(db =>
        {
            db.UseSqlite(store);
            db.UseOpenIddict();
        });

        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<TestIdpDbContext>())
            .AddServer(server =>
            {
                server.SetIssuer(Issuer)
                    .SetAuthorizationEndpointUris(AuthorizePath)
                    .SetPushedAuthorizationEndpointUris("connect/par")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris(EndSessionPath);

                server.AllowAuthorizationCodeFlow()
                    .RequireProofKeyForCodeExchange()
                    .RequirePushedAuthorizationRequests();

                // HelseID scopes are many and client specific; a test provider accepts any requested scope.
                server.DisableScopeValidation()
                    .IgnoreScopePermissions();

                server.AddSigningKey(_signingKey)
                    .AddEphemeralEncryptionKey()
                    .DisableAccessTokenEncryption();

                server.AddEventHandler<ProcessAuthenticationContext>(handler => handler
                    .UseInlineHandler(RejectReplayedAssertion)
                    .SetOrder(OpenIddictServerHandlers.ValidateClientAssertionIssuer.Descriptor.Order + 1)
                    .SetType(OpenIddictServerHandlerType.Custom));

                // RFC 7523 (and HelseID) answer any failed client assertion with invalid_client.
                server.AddEventHandler<ApplyPushedAuthorizationResponseContext>(handler => handler
                    .UseInlineHandler(context => ReportAssertionFailureAsInvalidClient(context.Request, context.Response))
                    .SetOrder(int.MinValue + 100_000)
                    .SetType(OpenIddictServerHandlerType.Custom));
                server.AddEventHandler<ApplyTokenResponseContext>(handler => handler
                    .UseInlineHandler(context => ReportAssertionFailureAsInvalidClient(context.Request, context.Response))
                    .SetOrder(int.MinValue + 100_000)
                    .SetType(OpenIddictServerHandlerType.Custom));

                server.AddEventHandler<ApplyTokenResponseContext>(handler => handler
                    .UseInlineHandler(ApplyIdTokenTampering)
                    .SetOrder(int.MinValue + 100_000)
                    .SetType(OpenIddictServerHandlerType.Custom));

                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .DisableTransportSecurityRequirement();

                // After UseAspNetCore, which would otherwise add client_secret_basic back.
                server.Configure(o =>
                {
                    o.ClientAuthenticationMethods.Clear();
                    o.ClientAuthenticationMethods.Add(ClientAuthenticationMethods.PrivateKeyJwt);
                    o.CodeChallengeMethods.Clear();
                    o.CodeChallengeMethods.Add(CodeChallengeMethods.Sha256);
                });
            });

        _app = builder.Build();
        _app.MapMethods(AuthorizePath, [HttpMethods.Get, HttpMethods.Post], (Func<HttpContext, IResult>)Authorize);
        _app.MapMethods(EndSessionPath, [HttpMethods.Get, HttpMethods.Post], (Func<HttpContext, Task<IResult>>)EndSessionAsync);
        _app.MapGet("/", () => "Samstyring test identity provider");

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TestIdpDbContext>().Database.EnsureCreatedAsync();
            await RegisterClientAsync(scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>(), clientKey);
        }

        await _app.StartAsync();
    }

    private async Task RegisterClientAsync(IOpenIddictApplicationManager applications, JsonWebKey clientKey)
    {
        // Confidential without a secret: the client proves itself only with assertions signed by this key.
        var client = new OpenIddictApplicationDescriptor
        {
            ClientId = _options.ClientId,
            ClientType = ClientTypes.Confidential,
            DisplayName = _options.ClientId,
            JsonWebKeySet = new JsonWebKeySet { Keys = { clientKey } },
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.PushedAuthorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
            },
            Requirements =
            {
                Requirements.Features.ProofKeyForCodeExchange,
                Requirements.Features.PushedAuthorizationRequests,
            },
        };
        foreach (var uri in _options.RedirectUris)
        {
            client.RedirectUris.Add(new Uri(uri));
        }
        foreach (var uri in _options.PostLogoutRedirectUris)
        {
            client.PostLogoutRedirectUris.Add(new Uri(uri));
        }
        await applications.CreateAsync(client);
    }

    // No login page: the user is the one named by login_hint (carried by the pushed request), else SignedInSubject, else the first.
    private IResult Authorize(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("Not an OpenID Connect authorization request.");

        var subject = string.IsNullOrEmpty(request.LoginHint) ? SignedInSubject : request.LoginHint;
        var user = subject is null ? _options.Users[0] : _options.Users.FirstOrDefault(u => u.Subject == subject);
        if (user is null)
        {
            return Results.Forbid(
                new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.LoginRequired,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "No test user has that login_hint.",
                }),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Subject);
        identity.SetClaim(Claims.Name, user.Name);
        foreach (var (type, value) in user.Claims)
        {
            identity.AddClaim(new Claim(type, value));
        }
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);

        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private async Task<IResult> EndSessionAsync(HttpContext http)
    {
        // The principal here comes from a valid id_token_hint, if the client sent one.
        var hint = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        _logouts.Enqueue(hint.Principal?.GetClaim(Claims.Subject) ?? "");

        // OpenIddict redirects to the registered post_logout_redirect_uri; without one, to our home page.
        return Results.SignOut(
            new AuthenticationProperties { RedirectUri = "/" },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    // HelseID refuses a client assertion seen before; OpenIddict alone accepts it again until it expires.
    // Runs after the assertion's signature, issuer and audience are validated, so only genuine assertions are recorded.
    private ValueTask RejectReplayedAssertion(ProcessAuthenticationContext context)
    {
        if (context.ClientAssertionPrincipal is not { } assertion)
        {
            return default;
        }

        var jti = assertion.GetClaim(Claims.JwtId);
        if (string.IsNullOrEmpty(jti))
        {
            context.Reject(Errors.InvalidClient, "The client assertion has no jti.");
        }
        else if (!_usedAssertions.TryAdd(assertion.GetClaim(Claims.Issuer) + "\n" + jti, 0))
        {
            Interlocked.Increment(ref _rejectedReplays);
            context.Reject(Errors.InvalidClient, "The client assertion has already been used.");
        }
        return default;
    }

    // OpenIddict reports an assertion that fails token validation (wrong aud, expired, bad signature) as invalid_token,
    // which is not an error these endpoints may return.
    private static ValueTask ReportAssertionFailureAsInvalidClient(OpenIddictRequest? request, OpenIddictResponse response)
    {
        if (response.Error == Errors.InvalidToken && !string.IsNullOrEmpty(request?.ClientAssertion))
        {
            response.Error = Errors.InvalidClient;
        }
        return default;
    }

    private ValueTask ApplyIdTokenTampering(ApplyTokenResponseContext context)
    {
        var tamper = TamperIdToken;
        if (tamper is null || string.IsNullOrEmpty(context.Response.IdToken))
        {
            return default;
        }

        var original = new JsonWebToken(context.Response.IdToken);
        var claims = ReadClaims(original.EncodedPayload);
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        context.Response.IdToken = handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = tamper(claims),
            TokenType = original.Typ,
            SigningCredentials = new SigningCredentials(_signingKey, original.Alg),
        });
        return default;
    }

    private static Dictionary<string, object> ReadClaims(string encodedPayload)
    {
        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(encodedPayload));
        return payload.RootElement.EnumerateObject()
            .Where(p => p.Value.ValueKind != JsonValueKind.Null)
            .ToDictionary(p => p.Name, p => ToClrValue(p.Value));
    }

    private static object ToClrValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.TryGetInt64(out var whole) ? whole : value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => value.EnumerateArray().Select(ToClrValue).ToList(),
        JsonValueKind.Object => value.EnumerateObject().ToDictionary(p => p.Name, p => ToClrValue(p.Value)),
        _ => value.GetRawText(),
    };

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        try
        {
            Directory.Delete(_storeDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory is harmless.
        }
    }
}

/// <summary>The provider's own store (applications, authorizations, tokens); not Samstyring's database.</summary>
public sealed class TestIdpDbContext(DbContextOptions<TestIdpDbContext> options) : DbContext(options);
