using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Samstyring.Web.Accounts;

/// <summary>
/// The signed assertion a client authenticates with under <c>private_key_jwt</c> (RFC 7523), as HelseID asks for it:
/// issued by and about the client, for the provider's issuer, valid for 60 seconds, with a new <c>jti</c> each time (the
/// provider accepts each one once) and the header type <c>client-authentication+jwt</c>.
/// </summary>
public static class ClientAssertion
{
    public const string Type = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    public const string HeaderType = "client-authentication+jwt";
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    public static string Create(string clientId, string audience, JsonWebKey key, TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var algorithm = key.Alg ?? (key.Kty == JsonWebAlgorithmsKeyTypes.EllipticCurve ? SecurityAlgorithms.EcdsaSha256 : SecurityAlgorithms.RsaSha256);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = HeaderType,
            Issuer = clientId,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, clientId), new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N"))]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }
}
