namespace Samstyring.TestIdp;

/// <summary>A test user the authorize endpoint signs in without any login page.</summary>
/// <param name="Claims">Extra claims put in the id_token, e.g. <c>helseid://claims/hpr/hpr_number</c>.</param>
public sealed record TestIdpUser(string Subject, string Name, IReadOnlyDictionary<string, string> Claims);

public sealed class TestIdentityProviderOptions
{
    public string ClientId { get; set; } = "samstyring";

    /// <summary>JSON of the client's public JWK (RSA or EC); the client authenticates only with private_key_jwt.</summary>
    public string ClientPublicJwk { get; set; } = "";

    public List<string> RedirectUris { get; set; } = [];

    public List<string> PostLogoutRedirectUris { get; set; } = [];

    /// <summary>Chosen by the <c>login_hint</c> parameter (the subject); without a hint the first one.</summary>
    public List<TestIdpUser> Users { get; set; } = [];

    /// <summary>0 picks any free loopback port.</summary>
    public int Port { get; set; }
}
