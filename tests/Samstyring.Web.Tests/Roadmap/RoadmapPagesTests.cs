using System.Net;

namespace Samstyring.Web.Tests.Roadmap;

/// <summary>
/// The roadmap pages as each role meets them: drafts (21.1 in the demo data is only recommended by NUIT) are not found
/// for anyone who sees published versions only, the office pages are the office's, and the pages keep the strict CSP.
/// </summary>
public abstract class RoadmapPagesTests(SamstyringFactory factory) : RoadmapWebTest(factory)
{

    public static TheoryData<string, As, bool> DraftPaths()
    {
        var data = new TheoryData<string, As, bool>();
        string[] paths = ["/veikart/21.1", "/veikart/21.1?aktorgruppe=Legevakt", "/veikart/endringer?fra=1.0&til=21.1", "/veikart/endringer?til=21.1",
            "/veikart/endringer?fra=21.1&til=1.0"];
        foreach (var p in paths)
        {
            data.Add(p, As.Anonymous, false);
            data.Add(p, As.OwnerHso, false);
            data.Add(p, As.Ks, false);
            data.Add(p, As.Member, true);
            data.Add(p, As.Office, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(DraftPaths))]
    public async Task A_draft_is_not_found_for_those_who_see_published_versions_only(string path, As user, bool visible)
    {
        if (!Factory.Ready()) return;
        using var response = await Client(user).GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        if (visible)
        {
            await response.AssertStatusAsync(HttpStatusCode.OK, $"GET {path} as {user}");
            Assert.Contains("21.1", html);
            return;
        }
        // Not found in place: no redirect that would tell a reader more than a 404.
        await response.AssertStatusAsync(HttpStatusCode.NotFound, $"GET {path} as {user}");
        Assert.DoesNotContain("Helse Vest RHF", html);
        Assert.DoesNotContain("Q4 2021", html);
    }

    [Theory]
    [InlineData(As.Anonymous)]
    [InlineData(As.OwnerHso)]
    public async Task The_public_page_shows_the_latest_published_version_with_chart_table_and_milestones(As user)
    {
        if (!Factory.Ready()) return;
        using var response = await Client(user).GetAsync("/veikart");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("versjon 1.0", html);
        Assert.Contains("<svg", html);
        Assert.Contains("role=\"img\"", html);
        Assert.Contains("Helse Vest RHF", html); // the table alternative and the chart
        Assert.Contains("M1", html);
        Assert.Contains("Bekreftet så langt", html);
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain(" style=\"", html);
    }

    [Theory]
    [InlineData("/veikart/1.0")]
    [InlineData("/api/v1/roadmap/versions/1.0")]
    [InlineData("/api/v1/roadmap/versions/1.0/chart.svg")]
    [InlineData("/api/v1/roadmap/versions/1.0/plans.csv")]
    public async Task What_the_public_reads_of_1_0_does_not_reveal_the_unpublished_21_1(string path)
    {
        if (!Factory.Ready()) return;
        using var response = await Anonymous.GetAsync(path);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        var text = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        // The page and the JSON carry the summary, which says how the roadmap is renewed instead of naming the draft.
        if (!path.EndsWith(".svg", StringComparison.Ordinal) && !path.EndsWith(".csv", StringComparison.Ordinal))
            Assert.Contains("Veikartet oppdateres årlig", text);
        // Neither the number nor the case that recommended it (NUIT 39/21 came after 1.0 was published).
        Assert.DoesNotMatch(@"(?<![\d.])21\.1(?!\d)", text);
        Assert.DoesNotContain("39/21", text);
    }

    [Theory]
    [InlineData("/veikart/endringer?from=21.1&to=22.1", "Versjonene 21.1 og 22.1 er ikke publisert, eller de finnes ikke.")]
    [InlineData("/veikart/endringer?fra=21.1&til=1.0", "Versjon 21.1 er ikke publisert, eller den finnes ikke.")]
    [InlineData("/veikart/endringer?fra=1.0&til=9.9", "Versjon 9.9 er ikke publisert, eller den finnes ikke.")]
    public async Task Comparing_with_a_version_the_public_cannot_see_says_so_instead_of_showing_another_pair(string path, string message)
    {
        if (!Factory.Ready()) return;
        using var response = await Anonymous.GetAsync(path);
        await response.AssertStatusAsync(HttpStatusCode.NotFound);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(message + " Velg blant de publiserte versjonene i listen.", html);
        Assert.DoesNotContain("Endringer per tjeneste", html);
    }

    [Fact]
    public async Task The_changes_page_also_takes_the_API_s_from_and_to()
    {
        if (!Factory.Ready()) return;
        var html = WebUtility.HtmlDecode(await Office.GetStringAsync("/veikart/endringer?from=1.0&to=21.1"));
        Assert.Contains("Endringer fra versjon 1.0 til versjon 21.1", html);
        using var unknown = await Office.GetAsync("/veikart/endringer?from=1.0&to=9.9");
        await unknown.AssertStatusAsync(HttpStatusCode.NotFound);
        Assert.Contains("Fant ikke veikartversjon 9.9.", WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync()));
    }

    public static TheoryData<string, As, int> OfficePages()
    {
        var data = new TheoryData<string, As, int>();
        foreach (var p in new[] { "/veikart/kontor", "/veikart/21.1/rediger" })
        {
            data.Add(p, As.Office, 200);
            data.Add(p, As.Member, 403);
            data.Add(p, As.OwnerHso, 403);
            data.Add(p, As.Ks, 403);
            data.Add(p, As.Anonymous, 302);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(OfficePages))]
    public async Task The_roadmap_work_pages_are_for_the_office_only(string path, As user, int expected)
    {
        if (!Factory.Ready()) return;
        using var response = await Client(user).GetAsync(path);
        await response.AssertStatusAsync((HttpStatusCode)expected, $"GET {path} as {user}");
        if (expected == 302)
            Assert.Equal("/logg-inn", new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task A_filter_in_other_case_is_applied_and_an_unknown_one_is_shown_as_an_error_with_the_whole_roadmap()
    {
        if (!Factory.Ready()) return;
        var html = WebUtility.HtmlDecode(await Anonymous.GetStringAsync("/veikart/1.0?aktorgruppe=legevakt"));
        Assert.Contains("av 4 passer filteret", html);
        Assert.Contains("<option value=\"Legevakt\" selected", html);

        using var response = await Anonymous.GetAsync("/veikart/1.0?aktorgruppe=Tannlege&omrade=Innbyggertjenester");
        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Versjon 1.0 har ingen planer for aktørgruppen «Tannlege».", page);
        Assert.Contains("href=\"#aktorgruppe\"", page);
        Assert.Contains("Filteret passer ikke til versjon 1.0, så hele veikartet vises nedenfor.", page);
        Assert.Contains("4 tjenester.", page);
        Assert.Contains("<svg", page);
    }

    [Theory]
    [InlineData(As.Office, 200)]
    [InlineData(As.Member, 403)]
    [InlineData(As.OwnerHso, 403)]
    [InlineData(As.Ks, 403)]
    [InlineData(As.Anonymous, 302)]
    public async Task A_milestone_s_page_is_for_the_office_only(As user, int expected)
    {
        if (!Factory.Ready()) return;
        var id = (await OfficeVersionAsync("21.1")).View["milestones"]![0].Int("id");
        using var response = await Client(user).GetAsync($"/veikart/21.1/milepaler/{id}");
        await response.AssertStatusAsync((HttpStatusCode)expected, $"milestone page as {user}");
    }

    [Fact]
    public async Task The_office_keeps_a_milestone_through_the_pages_without_script()
    {
        if (!Factory.Ready()) return;
        var number = NewNumber();
        await CreateDraftAsync(number);
        using var browser = OfficeBrowser();
        var edit = $"/veikart/{number}/rediger";
        async Task<string> Page(string url)
        {
            using var r = await browser.GetAsync(url);
            await r.AssertStatusAsync(HttpStatusCode.OK, "GET " + url);
            return WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync());
        }

        // The version's page lists the milestones and has a form for a new one; a refused one shows its errors on the fields.
        Assert.Contains("M2 Nasjonal løsning for kommunal helse- og omsorgstjeneste", await Page(edit));
        using (var bad = await PostFormAsync(browser, edit, $"{edit}?handler=AddMilestone",
                   new() { ["form"] = "ms", ["ms.code"] = "M2", ["ms.title"] = "", ["ms.target"] = "januar 2O30" }))
        {
            await bad.AssertStatusAsync(HttpStatusCode.OK);
            var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
            Assert.Contains("Rett opp dette", html);
            Assert.Contains($"Versjon {number} har allerede milepæl M2.", html);
            Assert.Contains("href=\"#ms_title\"", html);
            Assert.Contains("«2O30» er ikke et gyldig årstall", html);
        }
        string url;
        using (var added = await PostFormAsync(browser, edit, $"{edit}?handler=AddMilestone", new()
               { ["form"] = "ms", ["ms.code"] = "M4", ["ms.title"] = "Nasjonal samhandling", ["ms.reachCriterion"] = "Nådd når alle samhandler.", ["ms.target"] = "innen 2030" }))
        {
            await added.AssertStatusAsync(HttpStatusCode.Redirect);
            url = added.Headers.Location!.OriginalString;
            Assert.Matches($@"^/veikart/{System.Text.RegularExpressions.Regex.Escape(number)}/milepaler/\d+$", url);
        }
        var page = await Page(url);
        Assert.Contains("Milepælen er lagt til.", page);
        Assert.Contains("<label class=\"ds-label\" for=\"newPrerequisite_text\">Forutsetning", page);
        int Version(string html) => int.Parse(System.Text.RegularExpressions.Regex.Match(html, @"name=""version"" value=""(\d+)""").Groups[1].Value);

        using (var pr = await PostFormAsync(browser, url, $"{url}?handler=AddPrerequisite", new()
               { ["form"] = "newPrerequisite", ["newPrerequisite.text"] = "Finansieringen er avklart.", ["newPrerequisite.status"] = "uncertain",
                 ["newPrerequisite.assessment"] = "Ikke besluttet.", ["newPrerequisite.assessedOn"] = "" }))
            await pr.AssertStatusAsync(HttpStatusCode.Redirect);
        using (var ph = await PostFormAsync(browser, url, $"{url}?handler=AddPhase", new()
               { ["form"] = "newPhase", ["newPhase.phase"] = "procurement", ["newPhase.written"] = "2027–medio 2028" }))
            await ph.AssertStatusAsync(HttpStatusCode.Redirect);
        page = await Page(url);
        Assert.Contains("Finansieringen er avklart.", page);
        Assert.Contains("Anskaffelse: 2027–medio 2028", page);

        // A stale form (the version before the phase was added) is a conflict, not a lost edit.
        var milestone = (await OfficeVersionAsync(number)).View["milestones"]!.AsArray().Single(m => m.Str("code") == "M4")!;
        var prId = milestone["prerequisites"]![0].Int("id");
        using (var stale = await PostFormAsync(browser, url, $"{url}?handler=UpdatePrerequisite&prerequisiteId={prId}", new()
               { ["form"] = $"pr{prId}", [$"pr{prId}.version"] = (milestone.Int("version") - 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                 [$"pr{prId}.text"] = "Utdatert.", [$"pr{prId}.status"] = "confirmed-so-far" }))
        {
            await stale.AssertStatusAsync(HttpStatusCode.OK);
            Assert.Contains("Noen andre har lagret endringer i mellomtiden", WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()));
        }
        using (var saved = await PostFormAsync(browser, url, $"{url}?handler=UpdatePrerequisite&prerequisiteId={prId}", new()
               { ["form"] = $"pr{prId}", [$"pr{prId}.version"] = Version(page).ToString(System.Globalization.CultureInfo.InvariantCulture),
                 [$"pr{prId}.text"] = "Finansieringen er vedtatt.", [$"pr{prId}.status"] = "confirmed-so-far", [$"pr{prId}.assessedOn"] = "2029-06-01",
                 [$"pr{prId}.assessment"] = "Vedtatt." }))
            Assert.Equal($"{url}#pr{prId}", saved.Headers.Location?.OriginalString);
        page = await Page(url);
        Assert.Contains("Forutsetningen er lagret.", page);
        Assert.Contains("Finansieringen er vedtatt.", page);

        // Removing the milestone needs the box ticked; then it is gone from the version.
        using (var unconfirmed = await PostFormAsync(browser, url, $"{url}?handler=Remove", new() { ["form"] = "remove", ["version"] = Version(page).ToString(System.Globalization.CultureInfo.InvariantCulture) }))
            Assert.Contains("Kryss av for å bekrefte at milepælen skal fjernes.", WebUtility.HtmlDecode(await unconfirmed.Content.ReadAsStringAsync()));
        using (var removed = await PostFormAsync(browser, url, $"{url}?handler=Remove", new()
               { ["form"] = "remove", ["version"] = Version(page).ToString(System.Globalization.CultureInfo.InvariantCulture), ["confirmRemove"] = "true" }))
            Assert.Equal($"{edit}#milepaler", removed.Headers.Location?.OriginalString);
        Assert.DoesNotContain("Nasjonal samhandling", await Page(edit));

        // Without the antiforgery token the form is refused.
        using var forged = await browser.PostAsync($"{edit}?handler=AddMilestone", new FormUrlEncodedContent(new Dictionary<string, string> { ["ms.code"] = "M7", ["ms.title"] = "x" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task Filtering_on_an_actor_group_keeps_first_and_last_in_use_for_the_whole_service()
    {
        if (!Factory.Ready()) return;
        // In 1.0 Helseforetak is first in use of the Helsenorge service; filtered on Legevakt, the Legevakt plan is not.
        var html = WebUtility.HtmlDecode(await Anonymous.GetStringAsync("/veikart/1.0?aktorgruppe=Legevakt"));
        Assert.Contains("Legevakt", html);
        Assert.DoesNotContain("Legevakt<strong> (først og sist i bruk)", html);
        Assert.Contains("Først: Helseforetak", html);
    }
}

public sealed class RoadmapPagesSqliteTests(SqliteFactory factory) : RoadmapPagesTests(factory), IClassFixture<SqliteFactory>;

public sealed class RoadmapPagesPostgresTests(PostgresFactory factory) : RoadmapPagesTests(factory), IClassFixture<PostgresFactory>;
