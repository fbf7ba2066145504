using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Samstyring.Core.Roadmap;
using static Samstyring.BrowserTests.CouncilFlowTests;

namespace Samstyring.BrowserTests;

/// <summary>
/// The roadmap (issue 4) end to end through the pages only: the office drafts version 22.1 from 21.1, delays a plan, puts
/// the version on the agendas of NUIT and the board (after NUIT 39/21, which recommended 21.1), sends it through both and
/// publishes it; the public then sees the new chart and what changed, while the unpublished 21.1 stays hidden.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RoadmapFlowTests(BrowserFixture fx)
{
    private const string Draft = "22.1";
    private const string ActorGroup = "Helse Vest RHF";
    private const string Service = "oppdatert og autoritativ";
    private const string Committee = "vnuit";

    [Fact]
    public async Task Office_drafts_delays_a_plan_treats_and_publishes_and_the_public_sees_chart_and_changes()
    {
        await using var context = await fx.NewContextAsync();
        var page = await context.NewPageAsync();
        Task Shot(string name) => fx.ScreenshotAsync(page, "roadmap-flyt-" + name);
        await BrowserFixture.LogInAsync(page, "kontor");

        // 1. A new draft copied from 21.1.
        await GotoAsync(page, "/veikart/kontor");
        await page.GetByLabel("Versjonsnummer").FillAsync(Draft);
        await page.GetByLabel("Bygger på").SelectOptionAsync("21.1");
        await Shot("01-kontor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lag utkast" }).ClickAsync();
        await WaitForUrlAsync(page, $@"/veikart/{Regex.Escape(Draft)}/rediger$", "redigeringssiden for utkastet");
        await ExpectTextAsync(page.Locator("main"), $"Utkastet til versjon {Draft} er laget som en kopi av versjon 21.1", "bekreftelsen på nytt utkast");
        await ExpectTextAsync(page.Locator("main"), "Utkast", "status Utkast");
        await Shot("02-utkast");

        // 2. The Helse Vest trial of critical information moves a year later.
        await page.Locator("section[aria-labelledby=tjenester] tr").Filter(new() { HasText = Service })
            .GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Endre") }).ClickAsync();
        await WaitForUrlAsync(page, $@"/veikart/{Regex.Escape(Draft)}/tjenester/\d+$", "siden for tjenesten");
        var plan = PlanForm(page, $"{ActorGroup} – utprøving");
        await ExpectVisibleAsync(plan, $"skjemaet for planen {ActorGroup}");
        Assert.Equal("Q4 2021", await plan.GetByLabel("Planlagt").InputValueAsync());
        await plan.GetByLabel("Planlagt").FillAsync("Q4 2022");
        await plan.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Lagre planen") }).ClickAsync();
        await page.WaitForLoadStateAsync();
        await ExpectTextAsync(page.Locator("main"), "Planen er lagret.", "bekreftelsen på lagret plan");
        Assert.Equal("Q4 2022", await PlanForm(page, $"{ActorGroup} – utprøving").GetByLabel("Planlagt").InputValueAsync());
        await ExpectTextAsync(PlanForm(page, $"{ActorGroup} – utprøving"), "oktober–desember", "perioden planen er tolket som (oktober–desember 2022)");
        await Shot("03-plan-flyttet");

        // The office sees the change against 21.1 before anything is published: one plan moved about a year.
        await GotoAsync(page, $"/veikart/endringer?fra=21.1&til={Draft}");
        var officeRow = page.Locator("table tr").Filter(new() { HasText = ActorGroup });
        await ExpectTextAsync(officeRow, "Flyttet", "endringen «Flyttet»");
        await ExpectTextAsync(officeRow, "Q4 2021", "datoen før");
        await ExpectTextAsync(officeRow, "Q4 2022", "datoen nå");
        await ExpectTextAsync(officeRow, "ca. 1 år", "forsinkelsen");
        Assert.Equal(1, await page.Locator("table tbody tr:has(td)").CountAsync());
        await Shot("04-endringer-kontor");

        // 3. NUIT 39/21 recommended 21.1, which the draft builds on, so the draft is treated in later meetings. The secretariat
        //    puts it on the agendas of a prioritisation committee of the test's own in NUIT's role (a meeting left open in the
        //    demo NUIT would hold up the approval of NUIT's minutes in the council flow) and of the board.
        await GotoAsync(page, "/sekretariat/organer/ny");
        await page.GetByLabel("Navn", new() { Exact = true }).FillAsync("Prioriteringsutvalget i veikarttesten");
        await page.GetByLabel("Kortnavn").FillAsync(Committee.ToUpperInvariant());
        await page.GetByLabel("Adresse").FillAsync(Committee);
        await page.GetByLabel("Navnet gjelder fra").FillAsync("2017-01-01");
        await page.GetByLabel("Type organ").SelectOptionAsync("prioritisation-committee");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Ingen krav" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Opprett organet" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        var caseTitle = $"Veikart for nasjonale e-helseløsninger versjon {Draft}";
        foreach (var (body, date) in new[] { (Committee, "2022-11-17"), ("nasjonalt-e-helserad", "2022-12-08") })
        {
            await GotoAsync(page, $"/sekretariat/moter/ny?organ={body}");
            var meeting = await PlanMeetingAsync(page, body, date, "Oslo");
            await AddCaseAsync(page, meeting, caseTitle, "Anbefaling", $"Organet anbefaler versjon {Draft} av veikartet.", "10:15", confidential: false);
        }

        // 4. Recommending it in NUIT 39/21 is refused with the reason; in the new NUIT case it goes through. The board endorses, the office publishes.
        await GotoAsync(page, $"/veikart/{Draft}/rediger");
        await SelectCaseAsync(page, "Sak i NUIT", "39/21");
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrer anbefalingen" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        await ExpectTextAsync(page.Locator("main"), "ikke etter at versjon 21.1, som versjon 22.1 bygger på, ble anbefalt av NUIT", "feilmeldingen om for tidlig sak");
        await Shot("05-for-tidlig-sak");

        await SelectCaseAsync(page, "Sak i NUIT", caseTitle);
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrer anbefalingen" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        await ExpectTextAsync(page.Locator("main"), "har fått status «Anbefalt av NUIT»", "bekreftelsen på anbefalingen");
        await ExpectTextAsync(page.Locator("section[aria-labelledby=behandling]"), "17. november 2022", "datoen for NUIT-møtet");
        await Shot("06-anbefalt");

        await SelectCaseAsync(page, "Sak i Nasjonalt e-helseråd", caseTitle);
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrer tilslutningen" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        await ExpectTextAsync(page.Locator("main"), "har fått status «Tilsluttet av Nasjonalt e-helseråd»", "bekreftelsen på tilslutningen");
        await ExpectTextAsync(page.Locator("main"), "kan ikke endres", "merknaden om at versjonen er låst");
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Legg til tjenesten" }).CountAsync());
        await Shot("07-tilsluttet");

        await page.GetByRole(AriaRole.Button, new() { Name = "Publiser versjonen" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        await ExpectTextAsync(page.Locator("main"), $"Versjon {Draft} er publisert", "bekreftelsen på publiseringen");
        await Shot("08-publisert");

        // 5. The public: the newest published version with its chart, and what changed since the last published version.
        await using var anonymous = await fx.NewContextAsync();
        var anon = await anonymous.NewPageAsync();
        await GotoAsync(anon, "/veikart");
        await ExpectTextAsync(anon.Locator("h1"), $"versjon {Draft}", "versjonsnummeret i overskriften");
        var svg = anon.Locator(".roadmap-chart-scroll svg");
        await ExpectVisibleAsync(svg, "tidslinjen (SVG)");
        Assert.Contains(ActorGroup, await svg.InnerHTMLAsync(), StringComparison.Ordinal);
        await ExpectTextAsync(anon.Locator("section[aria-labelledby=behandling]"), "17. november 2022", "NUIT-saken i behandlingen");
        await fx.ScreenshotAsync(anon, "roadmap-flyt-09-offentlig");

        // 21.1 was never published, so the public compares with 1.0: Q4 2020 → Q4 2022.
        await anon.GetByRole(AriaRole.Link, new() { Name = "Hva er endret fra versjon 1.0" }).ClickAsync();
        await WaitForUrlAsync(anon, @"/veikart/endringer\?fra=1\.0&til=22\.1$", "endringssiden");
        var publicRow = anon.Locator("table tr").Filter(new() { HasText = ActorGroup });
        await ExpectTextAsync(publicRow, "Q4 2020", "datoen i 1.0");
        await ExpectTextAsync(publicRow, "Q4 2022", "datoen i 22.1");
        await ExpectTextAsync(publicRow, PlannedDate.DescribeDelay(24), "forsinkelsen");
        await fx.ScreenshotAsync(anon, "roadmap-flyt-10-endringer-offentlig");

        // The unpublished 21.1 is not found for the public, as a page and in a comparison.
        var hidden = await anon.GotoAsync("/veikart/21.1");
        Assert.Equal(404, hidden!.Status);
        var hiddenDiff = await anon.GotoAsync($"/veikart/endringer?fra=21.1&til={Draft}");
        Assert.Equal(404, hiddenDiff!.Status);
        await AssertNotShownAsync(anon, "Q4 2021", "planen fra den upubliserte versjonen 21.1");
    }

    internal static ILocator PlanForm(IPage page, string heading) =>
        page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = false }) });

    /// <summary>Chooses the case whose number or title contains <paramref name="text"/>.</summary>
    private static async Task SelectCaseAsync(IPage page, string label, string text)
    {
        var select = page.GetByLabel(label);
        var option = select.Locator("option").Filter(new() { HasText = text });
        Assert.True(await option.CountAsync() >= 1, $"Fant ikke sak «{text}» i «{label}»: {string.Join(" | ", await select.Locator("option").AllInnerTextsAsync())}");
        await select.SelectOptionAsync(await option.First.GetAttributeAsync("value") ?? "");
    }
}
