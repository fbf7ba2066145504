using System.Globalization;

namespace Samstyring.TestIdp;

/// <summary>
/// Runs the test identity provider standalone for local development, in front of Samstyring at http://localhost:5080:
/// <c>dotnet run --project tests/Samstyring.TestIdp</c>. Without <c>--client-jwk</c> it makes a client key pair, writes the
/// private half to <c>testidp-client.private.jwk.json</c> and prints the settings Samstyring needs. There is no login page:
/// <c>--user</c> picks who is "at the browser" (default the HelseID doctor).
/// </summary>
public static class Program
{
    private const string Usage = """
        Usage: dotnet run --project tests/Samstyring.TestIdp -- [options]
          --port N                          port on 127.0.0.1 (default 5055)
          --client-id ID                    the client Samstyring signs in as (default samstyring)
          --client-jwk FILE                 the client's public JWK; left out, a key pair is made and the private half written
          --key-out FILE                    where the made private key goes (default testidp-client.private.jwk.json)
          --provider NAME                   the provider name in Samstyring's settings (default helseid)
          --app URL                         Samstyring's address (default http://localhost:5080)
          --redirect-uri URI                extra redirect URI (default {app}/signin-{provider})
          --post-logout-redirect-uri URI    extra post-logout URI (default {app}/signout-callback-{provider})
          --user SUBJECT                    the demo user signed in when no login_hint is sent (default the first)
        """;

    public static async Task<int> Main(string[] args)
    {
        var options = new TestIdentityProviderOptions { Port = 5055, Users = DemoUsers() };
        string? keyOut = null, user = null;
        var provider = "helseid";
        var app = "http://localhost:5080";
        try
        {
            for (var i = 0; i < args.Length; i += 2)
            {
                if (args[i] is "-h" or "--help") { Console.WriteLine(Usage); return 0; }
                var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
                switch (args[i])
                {
                    case "--port": options.Port = int.Parse(value, CultureInfo.InvariantCulture); break;
                    case "--client-id": options.ClientId = value; break;
                    case "--client-jwk": options.ClientPublicJwk = await File.ReadAllTextAsync(value); break;
                    case "--key-out": keyOut = value; break;
                    case "--provider": provider = value; break;
                    case "--app": app = value.TrimEnd('/'); break;
                    case "--redirect-uri": options.RedirectUris.Add(value); break;
                    case "--post-logout-redirect-uri": options.PostLogoutRedirectUris.Add(value); break;
                    case "--user": user = value; break;
                    default: throw new ArgumentException($"Unknown option {args[i]}.");
                }
            }
            if (user is not null && options.Users.All(u => u.Subject != user))
                throw new ArgumentException($"No demo user {user}: {string.Join(", ", options.Users.Select(u => u.Subject))}.");
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException)
        {
            await Console.Error.WriteLineAsync(e.Message + Environment.NewLine + Usage);
            return 2;
        }

        options.RedirectUris.Add($"{app}/signin-{provider}");
        options.PostLogoutRedirectUris.Add($"{app}/signout-callback-{provider}");
        string? privateKeyFile = null;
        if (options.ClientPublicJwk.Length == 0)
        {
            privateKeyFile = Path.GetFullPath(keyOut ?? "testidp-client.private.jwk.json");
            var key = ClientKey.New();
            await File.WriteAllTextAsync(privateKeyFile, key.PrivateJwk);
            options.ClientPublicJwk = key.PublicJwk;
        }

        await using var idp = await TestIdentityProvider.StartAsync(options);
        idp.SignedInSubject = user;
        Console.WriteLine($"Test identity provider: {idp.Issuer}");
        Console.WriteLine($"Discovery: {new Uri(idp.Issuer, ".well-known/openid-configuration")}");
        Console.WriteLine($"Redirect URIs: {string.Join(", ", options.RedirectUris)}");
        Console.WriteLine($"Users: {string.Join(", ", options.Users.Select(u => u.Subject))}; signed in: {user ?? options.Users[0].Subject}.");
        if (privateKeyFile is not null)
        {
            Console.WriteLine();
            Console.WriteLine("Start Samstyring with this provider (a new client key is made at every start):");
            Console.WriteLine($"  dotnet run --project src/Samstyring.Web -- \\");
            Console.WriteLine($"    --Samstyring:SignIn:Providers:{provider}:DisplayName=\"HelseID (test)\" \\");
            Console.WriteLine($"    --Samstyring:SignIn:Providers:{provider}:Kind=HelseId \\");
            Console.WriteLine($"    --Samstyring:SignIn:Providers:{provider}:Authority={idp.Issuer} \\");
            Console.WriteLine($"    --Samstyring:SignIn:Providers:{provider}:ClientId={options.ClientId} \\");
            Console.WriteLine($"    --Samstyring:SignIn:Providers:{provider}:SigningKeyFile={privateKeyFile} \\");
            Console.WriteLine($"    --Samstyring:SignIn:Providers:{provider}:Claims:Email=email");
        }
        Console.WriteLine("Ctrl+C stops.");

        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
        await stop.Task;
        return 0;
    }

    // One of each kind of user Samstyring meets: a HelseID doctor, an ID-porten citizen, an Entra employee, and someone
    // no user matches (who waits for access; the office sees the actor with organisation number 983658725 pre-selected
    // once an actor has that number).
    public static List<TestIdpUser> DemoUsers() =>
    [
        new("helse-lege-1", "Lege Testesen", new Dictionary<string, string>
        {
            ["helseid://claims/hpr/hpr_number"] = "123456789",
            ["helseid://claims/identity/pid"] = "15058510170",
            ["helseid://claims/client/claims/orgnr_parent"] = "983658725",
        }),
        new("idporten-innbygger-1", "Innbygger Testesen", new Dictionary<string, string>
        {
            ["pid"] = "01017010170",
        }),
        new("entra-ansatt-1", "Ansatt Testesen", new Dictionary<string, string>
        {
            ["email"] = "ansatt.testesen@example.org",
            ["preferred_username"] = "ansatt.testesen@example.org",
        }),
        new("fremmed-1", "Fremmed Person", new Dictionary<string, string>
        {
            ["email"] = "fremmed@example.org",
            ["helseid://claims/client/claims/orgnr_parent"] = "983658725",
        }),
    ];
}
