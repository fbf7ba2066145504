namespace Samstyring.TestIdp;

/// <summary>
/// Runs the test identity provider standalone for local development:
/// <c>dotnet run --project tests/Samstyring.TestIdp -- --client-jwk client.public.jwk.json
/// --redirect-uri http://localhost:5000/signin-oidc --post-logout-redirect-uri http://localhost:5000/</c>
/// </summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        var options = new TestIdentityProviderOptions { Port = 5055, Users = DemoUsers() };
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--port": options.Port = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "--client-id": options.ClientId = value; break;
                case "--client-jwk": options.ClientPublicJwk = await File.ReadAllTextAsync(value); break;
                case "--redirect-uri": options.RedirectUris.Add(value); break;
                case "--post-logout-redirect-uri": options.PostLogoutRedirectUris.Add(value); break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
            i++;
        }
        if (options.ClientPublicJwk.Length == 0)
        {
            throw new ArgumentException("--client-jwk <path to the client's public JWK JSON file> is required.");
        }

        await using var provider = await TestIdentityProvider.StartAsync(options);
        Console.WriteLine($"Test identity provider: {provider.Issuer}");
        Console.WriteLine($"Discovery: {new Uri(provider.Issuer, ".well-known/openid-configuration")}");
        Console.WriteLine($"Users (login_hint): {string.Join(", ", options.Users.Select(u => u.Subject))}. Ctrl+C stops.");

        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
        await stop.Task;
    }

    // One of each kind of user Samstyring meets: a HelseID doctor, an ID-porten citizen, an Entra employee.
    private static List<TestIdpUser> DemoUsers() =>
    [
        new("helse-lege-1", "Lege Testesen", new Dictionary<string, string>
        {
            ["helseid://claims/hpr/hpr_number"] = "123456789",
            ["helseid://claims/identity/pid"] = "01017012345",
            ["helseid://claims/client/claims/orgnr_parent"] = "983658725",
        }),
        new("idporten-innbygger-1", "Innbygger Testesen", new Dictionary<string, string>
        {
            ["helseid://claims/identity/pid"] = "02029012345",
        }),
        new("entra-ansatt-1", "Ansatt Testesen", new Dictionary<string, string>
        {
            ["email"] = "ansatt.testesen@example.org",
        }),
    ];
}
