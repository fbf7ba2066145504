using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Samstyring.TestIdp;

namespace Samstyring.Web.Tests.Accounts;

/// <summary>
/// The test identity provider must be as strict as HelseID, or tests of the login against it prove nothing:
/// pushed authorization requests, PKCE, private_key_jwt only, and a client assertion used once. Talks to it over real
/// loopback HTTP.
/// </summary>
public sealed class TestIdentityProviderTests : IAsyncLifetime
{
    private const string ClientId = "samstyring";
    private const string RedirectUri = "http://127.0.0.1:5000/signin-oidc";
    private const string PostLogoutRedirectUri = "http://127.0.0.1:5000/utlogget";

    private readonly RsaSecurityKey _clientKey = new(RSA.Create(2048)) { KeyId = "client-key-1" };
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false });
    private TestIdentityProvider _idp = null!;

    public async Task InitializeAsync()
    {
        var parameters = _clientKey.Rsa.ExportParameters(includePrivateParameters: false);
        var publicJwk = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["kid"] = _clientKey.KeyId,
            ["use"] = "sig",
            ["alg"] = SecurityAlgorithms.RsaSha256,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        });
        _idp = await TestIdentityProvider.StartAsync(new TestIdentityProviderOptions
        {
            ClientId = ClientId,
            ClientPublicJwk = publicJwk,
            RedirectUris = [RedirectUri],
            PostLogoutRedirectUris = [PostLogoutRedirectUri],
            Users =
            [
                new("helse-lege-1", "Lege Testesen", new Dictionary<string, string>
                {
                    ["helseid://claims/hpr/hpr_number"] = "123456789",
                    ["helseid://claims/identity/pid"] = "01017012345",
                }),
                new("entra-ansatt-1", "Ansatt Testesen", new Dictionary<string, string> { ["email"] = "ansatt@example.org" }),
            ],
        });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _idp.DisposeAsync();
    }

    [Fact]
    public async Task Discovery_requires_pushed_authorization_requests_pkce_and_private_key_jwt()
    {
        using var discovery = await DiscoveryAsync();
        var root = discovery.RootElement;

        Assert.Equal(_idp.Issuer.AbsoluteUri, root.GetProperty("issuer").GetString());
        Assert.Equal(new Uri(_idp.Issuer, "connect/par").AbsoluteUri, root.GetProperty("pushed_authorization_request_endpoint").GetString());
        Assert.True(root.GetProperty("require_pushed_authorization_requests").GetBoolean());
        Assert.Equal(["private_key_jwt"], Strings(root.GetProperty("token_endpoint_auth_methods_supported")));
        Assert.Equal(["S256"], Strings(root.GetProperty("code_challenge_methods_supported")));
        Assert.Equal(["code"], Strings(root.GetProperty("response_types_supported")));
        Assert.True(root.TryGetProperty("end_session_endpoint", out _));

        using var jwks = JsonDocument.Parse(await _http.GetStringAsync(root.GetProperty("jwks_uri").GetString()));
        Assert.NotEmpty(jwks.RootElement.GetProperty("keys").EnumerateArray());
    }

    [Fact]
    public async Task A_pushed_request_with_a_valid_assertion_gets_a_request_uri()
    {
        using var response = await PushAsync(Assertion());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("urn:ietf:params:oauth:request_uri:", body.RootElement.GetProperty("request_uri").GetString());
        Assert.Equal(0, _idp.RejectedReplays);
    }

    [Fact]
    public async Task A_replayed_assertion_is_refused()
    {
        var assertion = Assertion();
        using (var first = await PushAsync(assertion))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using var replay = await PushAsync(assertion);

        await AssertErrorAsync(replay, "invalid_client");
        Assert.Equal(1, _idp.RejectedReplays);
        // A fresh assertion still works: the client is not locked out.
        using var fresh = await PushAsync(Assertion());
        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
    }

    [Fact]
    public async Task An_assertion_for_another_audience_without_jti_or_with_another_key_is_refused()
    {
        using (var wrongAudience = await PushAsync(Assertion(audience: "https://helseid-sts.nhn.no")))
        {
            await AssertErrorAsync(wrongAudience, "invalid_client");
        }
        using (var noJti = await PushAsync(Assertion(jti: null)))
        {
            await AssertErrorAsync(noJti, "invalid_client");
        }
        using (var wrongType = await PushAsync(Assertion(type: "JWT")))
        {
            await AssertErrorAsync(wrongType, "invalid_client");
        }
        var strangerKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = _clientKey.KeyId };
        using (var wrongKey = await PushAsync(Assertion(key: strangerKey)))
        {
            await AssertErrorAsync(wrongKey, "invalid_client");
        }
        // Refusals for other reasons are not counted as replays.
        Assert.Equal(0, _idp.RejectedReplays);
    }

    [Fact]
    public async Task A_pushed_request_without_code_challenge_is_refused()
    {
        using var response = await PushAsync(Assertion(), withCodeChallenge: false);

        await AssertErrorAsync(response, "invalid_request");
    }

    [Fact]
    public async Task The_authorization_endpoint_refuses_a_request_that_was_not_pushed()
    {
        var query = $"?client_id={ClientId}&response_type=code&scope=openid&redirect_uri={Uri.EscapeDataString(RedirectUri)}"
            + $"&code_challenge={Challenge(Verifier)}&code_challenge_method=S256&state=s&nonce=n";
        using var response = await _http.GetAsync(new Uri(_idp.Issuer, "connect/authorize" + query));

        Assert.NotEqual(HttpStatusCode.Found, response.StatusCode);
        Assert.Contains("invalid_request", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_code_flow_signs_in_the_hinted_user_and_the_id_token_carries_their_claims()
    {
        var idToken = await SignInAsync("helse-lege-1", nonce: "nonce-1");

        var token = await ValidateAsync(idToken);
        Assert.Equal("helse-lege-1", token.Subject);
        Assert.Equal("Lege Testesen", token.GetClaim("name").Value);
        Assert.Equal("123456789", token.GetClaim("helseid://claims/hpr/hpr_number").Value);
        Assert.Equal("01017012345", token.GetClaim("helseid://claims/identity/pid").Value);
        Assert.Equal("nonce-1", token.GetClaim("nonce").Value);
        Assert.Equal([ClientId], token.Audiences);

        var entra = await ValidateAsync(await SignInAsync("entra-ansatt-1", nonce: "nonce-2"));
        Assert.Equal("ansatt@example.org", entra.GetClaim("email").Value);
    }

    [Fact]
    public async Task A_tampered_id_token_keeps_the_signing_key_but_carries_the_changed_claims()
    {
        _idp.TamperIdToken = claims =>
        {
            claims["aud"] = "someone-else";
            claims["exp"] = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds();
            return claims;
        };

        var idToken = await SignInAsync("helse-lege-1", nonce: "n");

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, await ValidationParametersAsync(validate: false));
        Assert.True(result.IsValid, result.Exception?.Message);
        var token = (JsonWebToken)result.SecurityToken;
        Assert.Equal(["someone-else"], token.Audiences);
        Assert.True(token.ValidTo < DateTime.UtcNow);
        Assert.Equal("helse-lege-1", token.Subject);
        Assert.False((await new JsonWebTokenHandler().ValidateTokenAsync(idToken, await ValidationParametersAsync(validate: true))).IsValid);
    }

    [Fact]
    public async Task End_session_redirects_to_the_registered_uri_and_records_the_subject()
    {
        var idToken = await SignInAsync("helse-lege-1", nonce: "n");

        var query = $"?id_token_hint={idToken}&post_logout_redirect_uri={Uri.EscapeDataString(PostLogoutRedirectUri)}&state=bye";
        using var response = await _http.GetAsync(new Uri(_idp.Issuer, "connect/endsession" + query));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(PostLogoutRedirectUri + "?state=bye", response.Headers.Location!.AbsoluteUri);
        Assert.Equal(["helse-lege-1"], _idp.Logouts);
    }

    private const string Verifier = "a-code-verifier-that-is-long-enough-for-pkce-0123456789";

    // The whole HelseID dance: PAR, authorize with the request_uri, then the code at the token endpoint.
    private async Task<string> SignInAsync(string loginHint, string nonce)
    {
        using var pushed = await PushAsync(Assertion(), loginHint: loginHint, nonce: nonce);
        Assert.Equal(HttpStatusCode.Created, pushed.StatusCode);
        using var par = JsonDocument.Parse(await pushed.Content.ReadAsStringAsync());
        var requestUri = par.RootElement.GetProperty("request_uri").GetString()!;

        using var authorize = await _http.GetAsync(new Uri(_idp.Issuer,
            $"connect/authorize?client_id={ClientId}&request_uri={Uri.EscapeDataString(requestUri)}"));
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var location = authorize.Headers.Location!;
        Assert.StartsWith(RedirectUri, location.AbsoluteUri);
        var code = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query)["code"].ToString();
        Assert.NotEmpty(code);

        using var tokenResponse = await _http.PostAsync(new Uri(_idp.Issuer, "connect/token"), new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = RedirectUri,
                ["code_verifier"] = Verifier,
                ["client_id"] = ClientId,
                ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                ["client_assertion"] = Assertion(),
            }));
        var body = await tokenResponse.Content.ReadAsStringAsync();
        Assert.True(tokenResponse.StatusCode == HttpStatusCode.OK, body);
        using var tokens = JsonDocument.Parse(body);
        return tokens.RootElement.GetProperty("id_token").GetString()!;
    }

    private async Task<JsonWebToken> ValidateAsync(string idToken)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, await ValidationParametersAsync(validate: true));
        Assert.True(result.IsValid, result.Exception?.Message);
        return (JsonWebToken)result.SecurityToken;
    }

    private async Task<TokenValidationParameters> ValidationParametersAsync(bool validate)
    {
        using var discovery = await DiscoveryAsync();
        var jwks = new JsonWebKeySet(await _http.GetStringAsync(discovery.RootElement.GetProperty("jwks_uri").GetString()));
        return new TokenValidationParameters
        {
            ValidIssuer = _idp.Issuer.AbsoluteUri,
            ValidAudience = ClientId,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidateAudience = validate,
            ValidateLifetime = validate,
            ClockSkew = TimeSpan.Zero,
        };
    }

    private async Task<JsonDocument> DiscoveryAsync() =>
        JsonDocument.Parse(await _http.GetStringAsync(new Uri(_idp.Issuer, ".well-known/openid-configuration")));

    private Task<HttpResponseMessage> PushAsync(string assertion, bool withCodeChallenge = true, string? loginHint = null, string nonce = "n")
    {
        var form = new Dictionary<string, string>
        {
            ["client_id"] = ClientId,
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
            ["response_type"] = "code",
            ["scope"] = "openid profile helseid://scopes/identity/pid",
            ["redirect_uri"] = RedirectUri,
            ["state"] = "state-1",
            ["nonce"] = nonce,
        };
        if (withCodeChallenge)
        {
            form["code_challenge"] = Challenge(Verifier);
            form["code_challenge_method"] = "S256";
        }
        if (loginHint is not null)
        {
            form["login_hint"] = loginHint;
        }
        return _http.PostAsync(new Uri(_idp.Issuer, "connect/par"), new FormUrlEncodedContent(form));
    }

    // A HelseID client assertion: typ client-authentication+jwt, iss = sub = client_id, aud = the issuer, short-lived.
    private string Assertion(string? audience = null, string? jti = "fresh", string type = "client-authentication+jwt", RsaSecurityKey? key = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = ClientId };
        if (jti is not null)
        {
            claims["jti"] = Guid.NewGuid().ToString("N");
        }
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = ClientId,
            Audience = audience ?? _idp.Issuer.AbsoluteUri,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddSeconds(60),
            TokenType = type,
            SigningCredentials = new SigningCredentials(key ?? _clientKey, SecurityAlgorithms.RsaSha256),
        });
    }

    private static string Challenge(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    private static async Task AssertErrorAsync(HttpResponseMessage response, string error)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, $"{response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        Assert.Equal(error, json.RootElement.GetProperty("error").GetString());
    }
}
