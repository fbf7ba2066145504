using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Samstyring.BrowserTests;

/// <summary>
/// The council (issue 3) end to end in a real browser, through the pages only: the secretariat plans a NUIT meeting,
/// adds cases, edits the agenda, sends the notice, records attendance and decisions, and gets the minutes approved in
/// the next meeting. Plus the confidentiality rule seen from the browser: members see a case unntatt offentlighet,
/// anonymous visitors and other roles see only the legal basis.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class CouncilFlowTests(BrowserFixture fx)
{
    private const string Body = "nuit";

    [Fact]
    public async Task Council_secretariat_plans_holds_and_approves_minutes_through_the_pages()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await using var context = await fx.NewContextAsync();
        var page = await context.NewPageAsync();
        Task Shot(string name) => fx.ScreenshotAsync(page, "rad-flyt-" + name);

        await BrowserFixture.LogInAsync(page, "kontor");

        // 0. NUIT has no members in the demo data: add two whose terms cover 2030, so the meeting can be quorate.
        string[] members = [$"Kari Prøve {tag}", $"Ola Prøve {tag}"];
        foreach (var name in members)
        {
            await GotoAsync(page, $"/sekretariat/organer/{Body}/medlemmer");
            await page.GetByLabel("Navn", new() { Exact = true }).FillAsync(name);
            await page.GetByLabel("Representerer").SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await page.GetByRole(AriaRole.Radio, new() { Name = "Medlem", Exact = true }).CheckAsync();
            await page.GetByLabel("Periodens start").FillAsync("2030-01-01");
            await page.GetByRole(AriaRole.Button, new() { Name = "Legg til", Exact = true }).ClickAsync();
            await page.WaitForLoadStateAsync();
            await ExpectTextAsync(page.Locator("main"), $"{name} er lagt til", "melding om nytt medlem");
        }
        await Shot("00-medlemmer");

        // 1. The dashboard links to "plan meeting" for NUIT.
        await GotoAsync(page, "/sekretariat");
        await Shot("01-sekretariatet");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(@"^Planlegg møte i .*\(NUIT\)$") }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/sekretariat/moter/ny\?organ=nuit$"));
        var meeting1 = await PlanMeetingAsync(page, Body, "2030-03-14", "Oslo", () => Shot("02-planlegg"));

        // 2. The meeting page shows the number and the standing first case.
        var main = page.Locator("main");
        await ExpectVisibleAsync(page.GetByRole(AriaRole.Heading, new() { Level = 1 }).Filter(new() { HasText = "Møte 1/2030 i" }), "overskriften «Møte 1/2030»");
        await ExpectTextAsync(main, "1/30", "den faste saken 1/30");
        await ExpectTextAsync(main, "Godkjenning av innkalling og dagsorden", "den faste saken om innkalling og dagsorden");
        await ExpectTextAsync(main, "Planlagt", "status Planlagt");
        await Shot("03-motesiden-planlagt");

        // 3. Two cases: one with a placeholder in the proposed decision, one unntatt offentlighet.
        var placeholderTitle = $"Anbefaling av portefølje 2031 {tag}";
        var proposed = "NUIT anbefaler {{antall}} tiltak i den nasjonale porteføljen for 2031.";
        var caseA = await AddCaseAsync(page, meeting1, placeholderTitle, "Anbefaling", proposed, "10:15", confidential: false);
        await ExpectTextAsync(page.Locator("main"), "Markert tekst fylles ut i møtet", "merknaden om plassholdere");
        await Shot("04-sak-med-plassholder");
        var secretTitle = $"Forhandlinger om innkjøp {tag}";
        var caseB = await AddCaseAsync(page, meeting1, secretTitle, "Orientering", "NUIT tar saken til orientering.", "13:00", confidential: true,
            background: $"Forhandlingsposisjoner {tag} som ikke skal ut.");
        await ExpectTextAsync(page.Locator("main"), "Offl. § 14", "hjemmelen på saken");

        // 4. The agenda gets a break.
        await GotoAsync(page, $"/sekretariat/moter/{meeting1}/dagsorden");
        await page.GetByLabel("Tid for ny pause").FillAsync("12:00");
        await page.GetByLabel("Navn på ny pause").FillAsync("Pause");
        await Shot("05-dagsorden");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre dagsordenen" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        await ExpectTextAsync(page.Locator("main"), "Dagsordenen er lagret", "bekreftelsen på lagret dagsorden");
        Assert.Equal("Pause", await page.GetByLabel("Navn på pausen «Pause»").InputValueAsync());

        // 5. Send the notice.
        await GotoAsync(page, $"/sekretariat/moter/{meeting1}/rediger");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send innkalling" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        await ExpectTextAsync(page.Locator("main"), "Innkalling sendt", "status Innkalling sendt");
        await Shot("06-innkalling-sendt");

        // The public meeting page now shows the agenda with the break, and the confidential case only by its legal basis.
        await using (var anonymous = await fx.NewContextAsync())
        {
            var anon = await anonymous.NewPageAsync();
            await GotoAsync(anon, $"/moter/{meeting1}");
            var agenda = anon.Locator("section[aria-labelledby=dagsorden]");
            await ExpectTextAsync(agenda, placeholderTitle, "saken med plassholder på den offentlige dagsordenen");
            await ExpectTextAsync(agenda, "Pause", "pausen på den offentlige dagsordenen");
            await ExpectTextAsync(agenda, "Unntatt offentlighet", "den skjermede saken på dagsordenen");
            await ExpectTextAsync(agenda, "Offl. § 14", "hjemmelen på dagsordenen");
            await AssertNotShownAsync(anon, secretTitle, "tittelen på saken som er unntatt offentlighet");
            await AssertNotShownAsync(anon, $"Forhandlingsposisjoner {tag}", "bakgrunnen i saken som er unntatt offentlighet");
            await fx.ScreenshotAsync(anon, "rad-flyt-07-offentlig-motesiden");
            await GotoAsync(anon, $"/saker/{caseB}");
            await ExpectTextAsync(anon.Locator("main"), "Offl. § 14", "hjemmelen på saken");
            await AssertNotShownAsync(anon, secretTitle, "tittelen på saken som er unntatt offentlighet");
        }

        // 6. Attendance: both members present, so the meeting is quorate.
        await RecordAttendanceAsync(page, meeting1, "08-oppmote");

        // 7. The decision: the placeholder left unchanged is refused with a Norwegian message, then completed.
        await GotoAsync(page, $"/sekretariat/saker/{caseA}/vedtak");
        var decision = page.GetByLabel("Vedtak", new() { Exact = true });
        Assert.Equal(proposed, await decision.InputValueAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrer vedtaket" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        await ExpectVisibleAsync(page.Locator(".ds-error-summary"), "feiloppsummeringen");
        await ExpectTextAsync(page.Locator(".ds-error-summary"), "skal fylles ut i møtet", "feilmeldingen om plassholderen");
        await ExpectTextAsync(page.Locator(".ds-error-summary"), "antall", "navnet på plassholderen i feilmeldingen");
        Assert.Equal("true", await decision.GetAttributeAsync("aria-invalid"));
        await Shot("09-vedtak-plassholder-feil");
        var adopted = "NUIT anbefaler 12 tiltak i den nasjonale porteføljen for 2031.";
        await decision.FillAsync(adopted);
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrer vedtaket" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($@"/saker/{caseA}$"));
        await ExpectTextAsync(page.Locator("section[aria-labelledby=vedtaket]"), adopted, "vedtaket på saken");
        await Shot("10-vedtak-registrert");

        // The first decision marks the meeting as held.
        await GotoAsync(page, $"/moter/{meeting1}");
        await ExpectTextAsync(page.Locator("main"), "Avholdt", "status Avholdt");

        // 8. The next meeting gets the standing case approving the minutes of the first.
        await GotoAsync(page, $"/sekretariat/moter/ny?organ={Body}");
        var meeting2 = await PlanMeetingAsync(page, Body, "2030-06-12", "Bergen", () => Shot("11-planlegg-neste"));
        await ExpectVisibleAsync(page.GetByRole(AriaRole.Heading, new() { Level = 1 }).Filter(new() { HasText = "Møte 2/2030 i" }), "overskriften «Møte 2/2030»");
        await ExpectTextAsync(page.Locator("main"), "Godkjenning av referatet fra", "den faste saken om godkjenning av referatet");
        await ExpectTextAsync(page.Locator("section[aria-labelledby=referat]"), "1/2030", "lenken til møtet som får referatet godkjent");
        await Shot("12-neste-mote");

        await AddCaseAsync(page, meeting2, $"Status i porteføljen {tag}", "Orientering", "NUIT tar saken til orientering.", "11:00", confidential: false);
        await GotoAsync(page, $"/sekretariat/moter/{meeting2}/rediger");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send innkalling" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        await ExpectTextAsync(page.Locator("main"), "Innkalling sendt", "status Innkalling sendt for møte 2/2030");
        await RecordAttendanceAsync(page, meeting2, null);

        // 9. The decision in the minutes-approval case approves the minutes of meeting 1/2030.
        await GotoAsync(page, $"/sekretariat/moter/{meeting2}/rediger");
        var row = page.Locator("main table tbody tr").Filter(new() { HasText = "Godkjenning av referatet" });
        await row.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Vedtak") }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/sekretariat/saker/\d+/vedtak$"));
        await ExpectTextAsync(page.Locator("main"), "1/2030", "møtet som får referatet godkjent");
        await Shot("13-vedtak-referat");
        var minutesDecisionUrl = page.Url;
        // Approved minutes close meeting 1/2030 for good, so every case in it needs its decision first.
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrer vedtaket" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        await ExpectTextAsync(page.Locator(".ds-error-summary"), "har saker uten vedtak", "feilmeldingen om saker uten vedtak i møte 1/2030");
        foreach (var id in await UndecidedCasesAsync(page, meeting1))
        {
            await GotoAsync(page, $"/sekretariat/saker/{id}/vedtak");
            await page.GetByRole(AriaRole.Button, new() { Name = "Registrer vedtaket" }).ClickAsync();
            await page.WaitForURLAsync(new Regex($@"/saker/{id}$"));
        }
        await page.GotoAsync(minutesDecisionUrl);
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrer vedtaket" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/saker/\d+$"));
        await ExpectTextAsync(page.Locator("main"), "er godkjent", "meldingen om godkjent referat");

        // 10. The first meeting's minutes are approved.
        await GotoAsync(page, $"/moter/{meeting1}");
        await ExpectTextAsync(page.Locator("main"), "Referat godkjent", "status Referat godkjent på møte 1/2030");
        await ExpectTextAsync(page.Locator("section[aria-labelledby=referat]"), "er godkjent", "lenken til møtet der referatet er godkjent");
        await Shot("14-referat-godkjent");
    }

    [Fact]
    public async Task Confidential_case_is_shown_to_members_and_redacted_for_everyone_else()
    {
        // The demo data's NUIT 40/21 (meeting 5/2021) is unntatt offentlighet etter Offl. § 23 første ledd.
        var (meetingId, caseId) = await DemoCaseAsync(fx, "nuit", 2021, "5/2021", "40/21");
        const string title = "Forhandlinger om avtale for felles journalløsning";
        const string content = "Direktoratet for e-helse orienterer NUIT om status i forhandlingene";
        const string basis = "Offl. § 23 første ledd";

        var member = await fx.PageAsAsync("medlem");
        try
        {
            await GotoAsync(member, $"/saker/{caseId}");
            await ExpectVisibleAsync(member.GetByRole(AriaRole.Heading, new() { Level = 1 }).Filter(new() { HasText = title }), "tittelen for medlemmet");
            await ExpectTextAsync(member.Locator("main"), content, "innholdet i saken for medlemmet");
            await ExpectTextAsync(member.Locator("main"), "Unntatt offentlighet", "merket «Unntatt offentlighet» for medlemmet");
            await fx.ScreenshotAsync(member, "rad-skjermet-medlem-sak");
            await GotoAsync(member, $"/moter/{meetingId}");
            await ExpectTextAsync(member.Locator("section[aria-labelledby=dagsorden]"), title, "tittelen på dagsordenen for medlemmet");
        }
        finally
        {
            await member.CloseAsync();
        }

        // Anonymous (a new context without cookies) and another role: only "Unntatt offentlighet" and the legal basis.
        foreach (var who in new string?[] { null, "eier-hso" })
        {
            await using var context = await fx.NewContextAsync();
            var page = await context.NewPageAsync();
            if (who is not null) await BrowserFixture.LogInAsync(page, who);
            var label = who ?? "anonym";

            await GotoAsync(page, $"/saker/{caseId}");
            await ExpectVisibleAsync(page.GetByRole(AriaRole.Heading, new() { Level = 1 }).Filter(new() { HasText = "Unntatt offentlighet" }),
                $"overskriften «Unntatt offentlighet» ({label})");
            await ExpectTextAsync(page.Locator("main"), basis, $"hjemmelen ({label})");
            await AssertNotShownAsync(page, title, $"tittelen ({label})");
            await AssertNotShownAsync(page, content, $"innholdet ({label})");
            await AssertNotShownAsync(page, "forhandlingsposisjoner", $"bakgrunnen ({label})");
            if (who is null) await fx.ScreenshotAsync(page, "rad-skjermet-anonym-sak");

            await GotoAsync(page, $"/moter/{meetingId}");
            var row = page.Locator("section[aria-labelledby=dagsorden] tbody tr").Filter(new() { HasText = "40/21" });
            await ExpectTextAsync(row, "Unntatt offentlighet", $"dagsordenraden for 40/21 ({label})");
            await ExpectTextAsync(row, basis, $"hjemmelen på dagsordenen ({label})");
            await AssertNotShownAsync(page, title, $"tittelen på møtesiden ({label})");
            await AssertNotShownAsync(page, content, $"innholdet på møtesiden ({label})");
            if (who is null) await fx.ScreenshotAsync(page, "rad-skjermet-anonym-mote");
        }
    }

    // ------------------------------------------------------------------ steps

    /// <summary>The meeting's cases still without a decision (Eventuelt needs none), read through the API as the logged-in user.</summary>
    private static async Task<List<int>> UndecidedCasesAsync(IPage page, int meetingId)
    {
        var response = await page.Context.APIRequest.GetAsync($"/api/v1/meetings/{meetingId}");
        Assert.True(response.Ok, $"GET /api/v1/meetings/{meetingId} svarte {response.Status}");
        using var doc = JsonDocument.Parse(await response.TextAsync());
        return doc.RootElement.GetProperty("cases").EnumerateArray()
            .Where(c => c.GetProperty("decision").ValueKind == JsonValueKind.Null && c.GetProperty("type").GetString() != "eventuelt")
            .Select(c => c.GetProperty("id").GetInt32()).ToList();
    }

    /// <summary>Fills the plan-meeting form of <paramref name="body"/> (already open) and returns the new meeting's id.</summary>
    internal static async Task<int> PlanMeetingAsync(IPage page, string body, string date, string place, Func<Task>? beforeSubmit = null)
    {
        Assert.Equal(body, await page.GetByLabel("Organ").InputValueAsync());
        await page.GetByLabel("Dato").FillAsync(date);
        await page.GetByLabel("Starttid").FillAsync("10:00");
        await page.GetByLabel("Sluttid").FillAsync("15:00");
        await page.GetByLabel("Sted").FillAsync(place);
        await page.GetByRole(AriaRole.Radio, new() { Name = "Ordinært møte" }).CheckAsync();
        if (beforeSubmit is not null) await beforeSubmit();
        await page.GetByRole(AriaRole.Button, new() { Name = "Planlegg møtet" }).ClickAsync();
        await WaitForUrlAsync(page, @"/moter/(\d+)$", "møtesiden etter planlegging");
        return int.Parse(MeetingUrl().Match(page.Url).Groups[1].Value);
    }

    internal static async Task<int> AddCaseAsync(IPage page, int meetingId, string title, string type, string proposed, string startsAt, bool confidential,
        string? background = null)
    {
        await GotoAsync(page, $"/sekretariat/moter/{meetingId}/ny-sak");
        await page.GetByLabel("Tittel", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("Sakstype").SelectOptionAsync(new SelectOptionValue { Label = type });
        await page.GetByLabel("Fra", new() { Exact = false }).First.FillAsync("Direktoratet for e-helse");
        await page.GetByLabel("Hensikt").FillAsync($"NUIT blir bedt om å behandle {title.ToLowerInvariant()}.");
        if (background is not null) await page.GetByLabel("Bakgrunn").FillAsync(background);
        await page.GetByLabel("Forslag til vedtak").FillAsync(proposed);
        if (confidential)
        {
            await page.GetByRole(AriaRole.Checkbox, new() { Name = "Unntatt offentlighet" }).CheckAsync();
            await page.GetByLabel("Hjemmel").FillAsync("Offl. § 14");
        }
        await page.GetByLabel("Tidspunkt").FillAsync(startsAt);
        await page.GetByLabel("Innleder").FillAsync("Direktoratet for e-helse");
        await page.GetByRole(AriaRole.Button, new() { Name = "Legg til saken" }).ClickAsync();
        await WaitForUrlAsync(page, @"/saker/(\d+)$", $"saksiden etter «{title}»");
        await ExpectVisibleAsync(page.GetByRole(AriaRole.Heading, new() { Level = 1 }).Filter(new() { HasText = title }), $"overskriften «{title}»");
        return int.Parse(CaseUrl().Match(page.Url).Groups[1].Value);
    }

    private async Task RecordAttendanceAsync(IPage page, int meetingId, string? shot)
    {
        await GotoAsync(page, $"/sekretariat/moter/{meetingId}/oppmote");
        var people = page.Locator("fieldset.attendance-person");
        var count = await people.CountAsync();
        Assert.True(count >= 2, $"Forventet minst to medlemmer på oppmøtesiden, fant {count}:\n{await page.Locator("main").InnerTextAsync()}");
        for (var i = 0; i < count; i++)
            await people.Nth(i).GetByRole(AriaRole.Radio, new() { Name = "Til stede", Exact = true }).CheckAsync();
        await page.GetByLabel("Andre til stede").FillAsync("Sekretariatet, Direktoratet for e-helse");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre oppmøtet" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        await ExpectTextAsync(page.Locator("main"), "Oppmøtet er lagret", "bekreftelsen på lagret oppmøte");
        await ExpectTextAsync(page.Locator("main"), $"Vedtaksført: {count} av {count} medlemmer til stede", "vedtaksførheten");
        if (shot is not null) await fx.ScreenshotAsync(page, "rad-flyt-" + shot);
    }

    // ------------------------------------------------------------------ shared helpers (also used by CouncilAccessibilityTests)

    /// <summary>The ids of a demo meeting and one of its cases, through the public API.</summary>
    internal static async Task<(int MeetingId, int CaseId)> DemoCaseAsync(BrowserFixture fx, string body, int year, string meetingNumber, string caseNumber)
    {
        var meetings = await fx.GetJsonAsync($"/api/v1/meetings?body={body}&year={year}");
        var meeting = meetings.EnumerateArray().FirstOrDefault(m => m.GetProperty("number").GetString() == meetingNumber);
        if (meeting.ValueKind != JsonValueKind.Object)
            throw new InvalidOperationException($"Fant ikke møte {meetingNumber} i /api/v1/meetings?body={body}&year={year}: {meetings}");
        var meetingId = meeting.GetProperty("id").GetInt32();
        var details = await fx.GetJsonAsync($"/api/v1/meetings/{meetingId}");
        foreach (var c in details.GetProperty("cases").EnumerateArray())
            if (c.GetProperty("number").GetString() == caseNumber) return (meetingId, c.GetProperty("id").GetInt32());
        throw new InvalidOperationException($"Fant ikke sak {caseNumber} i /api/v1/meetings/{meetingId}.");
    }

    internal static async Task GotoAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path);
        Assert.NotNull(response);
        if (response.Status >= 400 || new Uri(page.Url).AbsolutePath is "/logg-inn")
            Assert.Fail($"{path} svarte {response.Status} ({page.Url}):\n{await page.Locator("body").InnerTextAsync()}");
    }

    internal static async Task WaitForUrlAsync(IPage page, string pattern, string what)
    {
        try
        {
            await page.WaitForURLAsync(new Regex(pattern), new() { Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Kom ikke til {what} (står på {page.Url}). Siden viser:\n{await page.Locator("main").InnerTextAsync()}");
        }
    }

    internal static async Task ExpectVisibleAsync(ILocator locator, string what)
    {
        try
        {
            await locator.First.WaitForAsync(new() { Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Fant ikke {what} på {locator.Page.Url}. Siden viser:\n{await locator.Page.Locator("body").InnerTextAsync()}");
        }
    }

    internal static async Task ExpectTextAsync(ILocator locator, string text, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        string shown;
        do
        {
            shown = await locator.CountAsync() == 0 ? "" : string.Join("\n", await locator.AllInnerTextsAsync());
            if (shown.Contains(text, StringComparison.Ordinal)) return;
            await Task.Delay(100);
        } while (DateTime.UtcNow < deadline);
        Assert.Fail($"Fant ikke {what} («{text}») på {locator.Page.Url}. Området viser:\n{(shown.Length > 0 ? shown : await locator.Page.Locator("body").InnerTextAsync())}");
    }

    /// <summary>The text is nowhere in the page: not in the visible text, the title or the markup (hidden or attribute text).</summary>
    internal static async Task AssertNotShownAsync(IPage page, string text, string what)
    {
        var html = await page.ContentAsync();
        Assert.False(html.Contains(text, StringComparison.OrdinalIgnoreCase) || System.Net.WebUtility.HtmlDecode(html).Contains(text, StringComparison.OrdinalIgnoreCase),
            $"{what} skal ikke vises på {page.Url}, men «{text}» står i siden.");
    }

    [GeneratedRegex(@"/moter/(\d+)$")]
    private static partial Regex MeetingUrl();

    [GeneratedRegex(@"/saker/(\d+)$")]
    private static partial Regex CaseUrl();
}
