using System.Security.Cryptography;
using System.Text.Json;

using Microsoft.IdentityModel.Tokens;

namespace Samstyring.TestIdp;

/// <summary>A client key pair for <c>private_key_jwt</c>: the public JWK for the provider, the private JWK for Samstyring.</summary>
public sealed record ClientKey(string PublicJwk, string PrivateJwk)
{
    public static ClientKey New(string? keyId = null)
    {
        using var rsa = RSA.Create(2048);
        var p = rsa.ExportParameters(includePrivateParameters: true);
        var publicJwk = new Dictionary<string, string>
        {
            ["kty"] = "RSA", ["kid"] = keyId ?? "testidp-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant(),
            ["use"] = "sig", ["alg"] = "RS256", ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent),
        };
        var privateJwk = new Dictionary<string, string>(publicJwk)
        {
            ["d"] = Base64UrlEncoder.Encode(p.D), ["p"] = Base64UrlEncoder.Encode(p.P), ["q"] = Base64UrlEncoder.Encode(p.Q),
            ["dp"] = Base64UrlEncoder.Encode(p.DP), ["dq"] = Base64UrlEncoder.Encode(p.DQ), ["qi"] = Base64UrlEncoder.Encode(p.InverseQ),
        };
        return new ClientKey(JsonSerializer.Serialize(publicJwk), JsonSerializer.Serialize(privateJwk));
    }
}
