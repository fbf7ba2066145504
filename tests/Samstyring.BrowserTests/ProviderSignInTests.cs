using Microsoft.Playwright;
using Samstyring.TestIdp;

namespace Samstyring.BrowserTests;

/// <summary>
/// Sign-in through an identity provider in a real browser, against the test provider (PAR, PKCE, private_key_jwt): the
/// browser holds a form's redirects to the page's CSP <c>form-action</c>, which a server-side test never sees. Someone
/// unknown signs in and waits, the office gives access, the person signs in and is let in, and signs out at the provider.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProviderSignInTests(BrowserFixture fx)
{
    [Fact]
    public async Task Someone_unknown_waits_gets_access_from_the_office_and_signs_in_and_out_through_the_provider()
    {
        var key = ClientKey.New();
        var port = AppServer.FreePort();
        var app = $"http://127.0.0.1:{port}";
        await using var idp = await TestIdentityProvider.StartAsync(new TestIdentityProviderOptions
        {
            ClientPublicJwk = key.PublicJwk,
            RedirectUris = [$"{app}/signin-helseid"],
            PostLogoutRedirectUris = [$"{app}/signout-callback-helseid"],
            Users = Samstyring.TestIdp.Program.DemoUsers(),
        });
        idp.SignedInSubject = "fremmed-1";
        var keyFile = Path.Combine(Path.GetTempPath(), $"samstyring-browser-{Guid.NewGuid():N}.jwk.json");
        await File.WriteAllTextAsync(keyFile, key.PrivateJwk);
        const string provider = "Samstyring:SignIn:Providers:helseid:";
        try
        {
            await using var server = await AppServer.StartAsync(settings:
            [
                provider + "DisplayName=HelseID (test)", provider + "Kind=HelseId", provider + $"Authority={idp.Issuer}",
                provider + "ClientId=samstyring", provider + $"SigningKeyFile={keyFile}", provider + "Claims:Email=email",
            ], port: port);

            // Someone no user matches signs in and is told to wait.
            var person = await (await fx.NewContextAsync(app)).NewPageAsync();
            await person.GotoAsync("/logg-inn");
            await Axe.AssertNoViolationsAsync(person, "/logg-inn med identitetsleverandør");
            await person.GetByRole(AriaRole.Button, new() { Name = "HelseID (test)" }).ClickAsync();
            await person.WaitForURLAsync("**/logg-inn/venter");
            await Assertions.Expect(person.Locator("h1")).ToHaveTextAsync("Venter på tilgang");
            await fx.ScreenshotAsync(person, "logg-inn-venter-leverandor");

            // The office sees the request and gives access as an initiative owner for Helse Sør-Øst.
            var office = await (await fx.NewContextAsync(app)).NewPageAsync();
            await BrowserFixture.LogInAsync(office, "kontor");
            await office.GotoAsync("/kontor/brukere");
            await office.GetByRole(AriaRole.Link, new() { Name = "Fremmed Person" }).ClickAsync();
            await office.WaitForURLAsync("**/kontor/brukere/venter/*");
            await Assertions.Expect(office.Locator("main")).ToContainTextAsync("HelseID (test)");
            await fx.ScreenshotAsync(office, "kontor-gi-tilgang");
            await Axe.AssertNoViolationsAsync(office, "/kontor/brukere/venter/{id}");
            await office.GetByLabel("Rolle").SelectOptionAsync(new SelectOptionValue { Label = "Tiltakseier" });
            await office.GetByLabel("Organisasjon").SelectOptionAsync(new SelectOptionValue { Label = "Helse Sør-Øst RHF" });
            await office.GetByRole(AriaRole.Button, new() { Name = "Gi tilgang" }).ClickAsync();
            await office.WaitForURLAsync("**/kontor/brukere");
            await Assertions.Expect(office.Locator("main")).ToContainTextAsync("Ingen venter på tilgang");

            // The person signs in again and is let in; signing out reaches the provider.
            await person.GotoAsync("/logg-inn");
            await person.GetByRole(AriaRole.Button, new() { Name = "HelseID (test)" }).ClickAsync();
            await person.WaitForURLAsync(u => !new Uri(u).AbsolutePath.StartsWith("/logg-inn", StringComparison.Ordinal)
                                              && !new Uri(u).AbsolutePath.StartsWith("/signin", StringComparison.Ordinal));
            await Assertions.Expect(person.Locator("header")).ToContainTextAsync("Fremmed Person");
            await person.Locator("header").GetByRole(AriaRole.Button, new() { Name = "Logg ut" }).ClickAsync();
            await person.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/" && new Uri(u).Port == port);
            await Assertions.Expect(person.Locator("header")).ToContainTextAsync("Logg inn");
            Assert.Single(idp.Logouts);
        }
        finally
        {
            File.Delete(keyFile);
        }
    }
}
