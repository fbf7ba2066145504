using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Npgsql;

namespace Samstyring.BrowserTests;

/// <summary>
/// The issue's flow end to end in a real browser: an owner proposes, the portfolio office assesses and includes,
/// the owner reports red status, and an anonymous visitor sees it in the public portfolio.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SubmissionFlowTests(BrowserFixture fx)
{
    public const string PostgresVariable = "SAMSTYRING_TEST_POSTGRES";

    [Fact]
    public async Task Owner_proposes_office_includes_owner_reports_red_and_public_sees_it()
    {
        await RunFlowAsync(fx, fx.BaseUrl, "eier-hso", municipal: false, screenshots: true);
    }

    [Fact]
    public async Task Municipal_proposal_goes_through_KS_before_the_office_includes_it()
    {
        await RunFlowAsync(fx, fx.BaseUrl, "eier-oslo", municipal: true, screenshots: false);
    }

    [Fact]
    public async Task The_same_flow_works_on_PostgreSQL()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                Assert.Fail($"CI=true but {PostgresVariable} is not set: the PostgreSQL browser flow cannot run. " +
                            "Run the tests through scripts/test.sh, or set it to a connection string for a CREATEDB user with Database=postgres.");
            return;
        }

        var name = "samstyring_browser_" + Guid.NewGuid().ToString("N")[..16];
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        try
        {
            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
            await using var server = await AppServer.StartAsync(cs);
            await RunFlowAsync(fx, server.BaseAddress.ToString().TrimEnd('/'), "eier-hso", municipal: false, screenshots: false);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(admin);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }

    private static async Task RunFlowAsync(BrowserFixture fx, string baseUrl, string owner, bool municipal, bool screenshots)
    {
        var initiativeName = $"Nettlesertest {owner} {Guid.NewGuid().ToString("N")[..6]}";
        await using var context = await fx.NewContextAsync(baseUrl);
        var page = await context.NewPageAsync();
        async Task Shot(string file)
        {
            if (screenshots) await fx.ScreenshotAsync(page, file);
        }

        // 1. The owner proposes the initiative.
        await BrowserFixture.LogInAsync(page, owner);
        await page.GotoAsync("/tiltak/foresla");
        await page.GetByLabel("Navn", new() { Exact = true }).FillAsync(initiativeName);
        await page.GetByLabel("Beskrivelse").FillAsync("Deling av prøvesvar mellom kommuner og sykehus, laget av nettlesertesten.");
        await page.GetByLabel("Type tiltak").SelectOptionAsync(new SelectOptionValue { Label = "Prosjekt" });
        await page.GetByLabel("Fase").SelectOptionAsync(new SelectOptionValue { Label = "Planlegging" });
        await page.GetByLabel("Planlagt start").FillAsync("2026-01-01");
        await page.GetByLabel("Planlagt slutt").FillAsync("2027-06-30");
        await page.GetByLabel("Kontaktperson").FillAsync("Test Testesen, test@example.org");
        await Shot("flyt-1-foresla");
        await page.GetByRole(AriaRole.Button, new() { Name = "Foreslå tiltaket" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/tiltak/\d+$"), new() { Timeout = 60_000 });
        var id = int.Parse(IdPattern().Match(page.Url).Groups[1].Value);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = initiativeName, Level = 1 }));
        await Shot("flyt-2-foreslatt");
        await BrowserFixture.LogOutAsync(page);

        // 1b. A municipal proposal is endorsed by the KS coordinator first.
        if (municipal)
        {
            await BrowserFixture.LogInAsync(page, "ks");
            await page.GotoAsync("/ks");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = initiativeName }));
            await EndorseAsKsAsync(page, id, initiativeName);
            await BrowserFixture.LogOutAsync(page);
        }

        // 2. The office finds it on its page, assesses it against the criteria and includes it.
        await BrowserFixture.LogInAsync(page, "kontor");
        await page.GotoAsync("/kontor");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = initiativeName }).First);
        await page.GotoAsync($"/tiltak/{id}/vurder");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Kriterium 1 er oppfylt" }).CheckAsync();
        var criterion2 = page.GetByRole(AriaRole.Group, new() { NameRegex = new Regex("^Kriterium 2:") });
        await criterion2.GetByRole(AriaRole.Checkbox).First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre vurderingen" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        await ExpectText(page.Locator("main"), "Kan tas inn");
        await page.GetByRole(AriaRole.Group, new() { Name = "Segment" }).GetByRole(AriaRole.Radio, new() { Name = "Samstyring" }).CheckAsync();
        await Shot("flyt-3-vurder");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ta inn i porteføljen" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($@"/tiltak/{id}$"), new() { Timeout = 60_000 });
        await ExpectText(page.Locator("main"), "Aktiv");
        await BrowserFixture.LogOutAsync(page);

        // 3. The owner reports red status with everything the Samstyring segment requires.
        await BrowserFixture.LogInAsync(page, owner);
        await page.GotoAsync($"/tiltak/{id}/rapporter");
        await page.GetByRole(AriaRole.Group, new() { Name = "Status", Exact = true }).GetByRole(AriaRole.Radio, new() { Name = "Rød" }).CheckAsync();
        await page.GetByLabel("Begrunnelse for status").FillAsync("Leverandøren er forsinket med integrasjonen.");
        await page.GetByRole(AriaRole.Group, new() { Name = "Risiko", Exact = true }).GetByRole(AriaRole.Radio, new() { Name = "Gul" }).CheckAsync();
        await page.GetByLabel("Begrunnelse for risiko").FillAsync("Usikker finansiering for 2027.");
        await page.GetByLabel("Fremdrift").FillAsync("Kravspesifikasjon ferdig; test starter neste periode.");
        await page.GetByLabel("Kostnader").FillAsync("1,2 mill. kr påløpt, i tråd med budsjett.");
        await Shot("flyt-4-rapporter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre rapporten" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($@"/tiltak/{id}$"), new() { Timeout = 60_000 });
        await BrowserFixture.LogOutAsync(page);

        // 4. An anonymous visitor sees the initiative with red status in the public portfolio.
        await page.GotoAsync("/?status=red");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = initiativeName });
        await Expect(row);
        await ExpectText(row, "Rød");
        await Shot("flyt-5-offentlig-rod");
    }

    private static async Task EndorseAsKsAsync(IPage page, int id, string initiativeName)
    {
        // The KS page lists municipal submissions; endorse this one (the button is scoped to its row or section).
        var item = page.Locator("tr, li, section, article, form").Filter(new() { HasText = initiativeName })
            .Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Anbefal") }) }).Last;
        if (await item.CountAsync() == 0)
        {
            await page.GotoAsync($"/ks/{id}");
            item = page.Locator("main");
        }
        await item.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Anbefal") }).First.ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    private static async Task Expect(ILocator locator)
    {
        try
        {
            await locator.WaitForAsync(new() { Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            var main = await locator.Page.Locator("main").InnerTextAsync();
            Assert.Fail($"Fant ikke {locator} på {locator.Page.Url}. Siden viser:\n{main}");
        }
    }

    private static async Task ExpectText(ILocator locator, string text)
    {
        var actual = await locator.InnerTextAsync();
        Assert.True(actual.Contains(text, StringComparison.Ordinal), $"Forventet «{text}» på {locator.Page.Url}, fikk:\n{actual}");
    }

    [GeneratedRegex(@"/tiltak/(\d+)$")]
    private static partial Regex IdPattern();
}
