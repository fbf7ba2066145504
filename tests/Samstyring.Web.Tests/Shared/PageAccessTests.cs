using System.Net;

namespace Samstyring.Web.Tests.Shared;

/// <summary>
/// Who may open which page. Pages accept the same Basic credentials as the API (the policy scheme forwards on the
/// header), so no login round trip is needed: anonymous visitors are sent to the login page, a wrong role or another
/// organisation's initiative gets 403 in place (the error page for a browser).
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class PageAccessTests(SqliteFactory factory) : WebTest(factory)
{
    private const string Login = "/logg-inn";

    public static TheoryData<string, As, int, string?> Pages() => new()
    {
        // Public pages.
        { "/", As.Anonymous, 200, null },
        { "/aktorer", As.Anonymous, 200, null },
        { "/rapport", As.Anonymous, 200, null },
        { "/tiltak/{other}", As.Anonymous, 200, null },
        { "/logg-inn", As.Anonymous, 200, null },
        // Proposing: any owner or the office.
        { "/tiltak/foresla", As.Anonymous, 302, Login },
        { "/tiltak/foresla", As.OwnerOslo, 200, null },
        { "/tiltak/foresla", As.Office, 200, null },
        // Editing and reporting: the owning organisation and the office only.
        { "/tiltak/{hso}/endre", As.Anonymous, 302, Login },
        { "/tiltak/{hso}/endre", As.OwnerHso, 200, null },
        { "/tiltak/{hso}/endre", As.Office, 200, null },
        { "/tiltak/{other}/endre", As.OwnerHso, 403, null },
        { "/tiltak/{hso}/rapporter", As.Anonymous, 302, Login },
        { "/tiltak/{hso}/rapporter", As.OwnerHso, 200, null },
        { "/tiltak/{other}/rapporter", As.OwnerHso, 403, null },
        { "/tiltak/{hso}/rapporter", As.Member, 403, null },
        // Role pages.
        { "/kontor", As.Anonymous, 302, Login },
        { "/kontor", As.Office, 200, null },
        { "/kontor", As.OwnerHso, 403, null },
        { "/kontor", As.Member, 403, null },
        { "/ks", As.Ks, 200, null },
        { "/ks", As.Office, 403, null },
        { "/mine", As.OwnerHso, 200, null },
        { "/mine", As.Ks, 403, null },
        { "/kontor/import", As.Office, 200, null },
        { "/kontor/import", As.OwnerHso, 403, null },
        { "/kontor/revisjonslogg", As.Office, 200, null },
        { "/kontor/revisjonslogg", As.Ks, 403, null },
        { "/kontor/revisjonslogg", As.Anonymous, 302, Login },
        { "/kontor/e-post", As.Office, 200, null },
        { "/kontor/e-post", As.Member, 403, null },
        { "/kontor/e-post", As.Anonymous, 302, Login },
        { "/kontor/einnsyn", As.Office, 200, null },
        { "/kontor/einnsyn", As.Member, 403, null },
        { "/kontor/einnsyn", As.Anonymous, 302, Login },
        // Subscribing by e-mail is open to all; the confirm and unsubscribe pages need a valid token.
        { "/abonnement", As.Anonymous, 200, null },
        { "/abonnement", As.Member, 200, null },
        { "/abonnement/bekreft", As.Anonymous, 404, null },
        { "/abonnement/avslutt", As.Anonymous, 404, null },
        // The actor registry: everyone reads it, the office registers actors.
        { "/aktorer/ny", As.Anonymous, 302, Login },
        { "/aktorer/ny", As.Office, 200, null },
        { "/aktorer/ny", As.OwnerHso, 403, null },
        { "/aktorer/ny", As.Member, 403, null },
        // Users and access: the office only. Someone waiting for access is told so without signing in.
        { "/kontor/brukere", As.Anonymous, 302, Login },
        { "/kontor/brukere", As.Office, 200, null },
        { "/kontor/brukere", As.OwnerHso, 403, null },
        { "/kontor/brukere", As.Ks, 403, null },
        { "/kontor/brukere/ny", As.Anonymous, 302, Login },
        { "/kontor/brukere/ny", As.Office, 200, null },
        { "/kontor/brukere/ny", As.Member, 403, null },
        { "/kontor/brukere/{user}", As.Anonymous, 302, Login },
        { "/kontor/brukere/{user}", As.Office, 200, null },
        { "/kontor/brukere/{user}", As.OwnerOslo, 403, null },
        { "/kontor/brukere/venter/999999", As.Anonymous, 302, Login },
        { "/kontor/brukere/venter/999999", As.OwnerHso, 403, null },
        { "/kontor/brukere/venter/999999", As.Office, 404, null },
        { "/logg-inn/venter", As.Anonymous, 200, null },
        // API tokens: everyone signed in has their own page; the office's list of all tokens is the office's.
        { "/konto/tokener", As.Anonymous, 302, Login },
        { "/konto/tokener", As.Member, 200, null },
        { "/konto/tokener", As.Tbu, 200, null },
        { "/konto/tokener", As.Office, 200, null },
        { "/kontor/tokener", As.Anonymous, 302, Login },
        { "/kontor/tokener", As.Office, 200, null },
        { "/kontor/tokener", As.OwnerHso, 403, null },
        { "/kontor/tokener", As.Member, 403, null },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_answers_each_role_as_expected(string path, As user, int expected, string? location)
    {
        path = path
            .Replace("{hso}", (await InitiativeIdAsync("Statistisk logganalyse")).ToString())
            .Replace("{other}", (await InitiativeIdAsync("Helseplattformen")).ToString());
        if (path.Contains("{user}", StringComparison.Ordinal))
            path = path.Replace("{user}", (await Office.GetArrayAsync("/api/v1/users"))[0]!.Int("id").ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var response = await Client(user).GetAsync(path);

        await response.AssertStatusAsync((HttpStatusCode)expected, $"GET {path} as {user}");
        if (location is not null)
        {
            // The login redirect is absolute (http://localhost/logg-inn?ReturnUrl=…), the others relative.
            var target = new Uri(new Uri("http://localhost"), response.Headers.Location!);
            Assert.Equal(location, target.AbsolutePath);
            if (location == Login) Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(path), target.Query, StringComparison.OrdinalIgnoreCase);
        }
        if (expected == 200)
        {
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("<html lang=\"nb\"", html);
            Assert.DoesNotContain("<script>", html); // no inline scripts: the CSP would block them
        }
    }
}
