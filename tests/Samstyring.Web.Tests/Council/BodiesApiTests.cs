using System.Net;
using System.Text.Json.Nodes;

namespace Samstyring.Web.Tests.Council;

/// <summary>
/// The secretariat's API for bodies, members and the årshjul: who may write, Norwegian field errors, versions (412),
/// and a rename that keeps the history so old meetings keep their old name.
/// </summary>
public abstract class BodiesApiTests(SamstyringFactory factory) : WebTest(factory)
{
    private const int Unauthorized = 401, Forbidden = 403;
    private const string Oslo = "Oslo kommune";


    private static string UniqueSlug(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private static object NewBody(string slug, string name = "Testorganet", string established = "2017-01-01") => new
    {
        slug, name, establishedOn = established, kind = "professional-committee", description = "Laget av webtestene.",
        quorumRule = "majority", mandate = "Første mandat.",
    };

    private async Task<JsonNode> CreateBodyAsync(string slug, string name = "Testorganet")
    {
        using var response = await Office.PostJsonAsync("/api/v1/bodies", NewBody(slug, name));
        await response.AssertStatusAsync(HttpStatusCode.Created, "create body");
        Assert.Equal($"/api/v1/bodies/{slug}", response.Headers.Location?.OriginalString);
        return await response.ReadJsonAsync();
    }

    private async Task<object> MemberBodyAsync(string name, string role = "member", int? substituteForId = null) => new
    {
        name, title = "Direktør", organizationId = await OrganizationIdAsync(Oslo), role, substituteForId, termStart = "2021-01-01",
    };

    private async Task<JsonNode> AddMemberAsync(string slug, string name)
    {
        using var response = await Office.PostJsonAsync($"/api/v1/bodies/{slug}/members", await MemberBodyAsync(name));
        await response.AssertStatusAsync(HttpStatusCode.Created, "add member");
        return await response.ReadJsonAsync();
    }

    private async Task<JsonNode> AddCycleItemAsync(string slug, int month = 9, string title = "Porteføljestatus")
    {
        using var response = await Office.PostJsonAsync("/api/v1/cycle", new { body = slug, month, title, type = "orientering", proposedDecision = "Tas til orientering." });
        await response.AssertStatusAsync(HttpStatusCode.Created, "add cycle item");
        return await response.ReadJsonAsync();
    }

    /// <summary>Every write is audited, so the newest audit entry tells whether anything at all was saved.</summary>
    private async Task<string> LatestAuditAsync() => (await Office.GetArrayAsync("/api/v1/audit?take=1")).ToJsonString();

    private static readonly string[] Operations =
    [
        "create-body", "update-body", "rename", "mandate", "add-member", "update-member", "end-term", "delete-member",
        "add-cycle", "update-cycle", "delete-cycle", "cycle-meeting",
    ];

    public static TheoryData<string, As> Matrix()
    {
        var data = new TheoryData<string, As>();
        foreach (var op in Operations)
            foreach (var user in Enum.GetValues<As>())
                data.Add(op, user);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Only_the_office_may_write_and_a_refusal_saves_nothing(string operation, As user)
    {
        if (!Factory.Ready()) return;
        var send = await PrepareAsync(operation);
        var before = await LatestAuditAsync();

        using var response = await send(Client(user));

        if (user == As.Office)
        {
            Assert.True(response.IsSuccessStatusCode, $"{operation} as office gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            Assert.NotEqual(before, await LatestAuditAsync());
            return;
        }
        await response.AssertStatusAsync((HttpStatusCode)(user == As.Anonymous ? Unauthorized : Forbidden), $"{operation} as {user}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (user != As.Anonymous) Assert.Contains("sekretariatet", (await response.ReadJsonAsync()).Str("detail"));
        Assert.Equal(before, await LatestAuditAsync());
    }

    private async Task<Func<HttpClient, Task<HttpResponseMessage>>> PrepareAsync(string operation)
    {
        var slug = UniqueSlug("matrise");
        var body = await CreateBodyAsync(slug);
        var version = body.Int("version");
        switch (operation)
        {
            case "create-body":
                return c => c.PostJsonAsync("/api/v1/bodies", NewBody(UniqueSlug("ny")));
            case "update-body":
                return c => c.PutJsonAsync($"/api/v1/bodies/{slug}", new { kind = "board", description = "Endret.", quorumRule = "two-thirds", version });
            case "rename":
                return c => c.PostJsonAsync($"/api/v1/bodies/{slug}/names", new { name = "Nytt navn", validFrom = "2022-01-01" });
            case "mandate":
                return c => c.PostJsonAsync($"/api/v1/bodies/{slug}/mandates", new { text = "Nytt mandat.", validFrom = "2022-01-01" });
            case "add-member":
            {
                var m = await MemberBodyAsync("Ny Person");
                return c => c.PostJsonAsync($"/api/v1/bodies/{slug}/members", m);
            }
            case "update-member" or "end-term" or "delete-member":
            {
                var member = await AddMemberAsync(slug, "Mona Matrise");
                var id = member.Int("id");
                var v = member.Int("version");
                var m = await MemberBodyAsync("Mona Endret");
                return operation switch
                {
                    "update-member" => c => c.PutJsonAsync($"/api/v1/members/{id}", m, ifMatch: $"\"{v}\""),
                    "end-term" => c => c.PostJsonAsync($"/api/v1/members/{id}/end-term", new { termEnd = "2021-12-31", version = v }),
                    _ => c => c.DeleteAsync($"/api/v1/members/{id}"),
                };
            }
            case "add-cycle":
                return c => c.PostJsonAsync("/api/v1/cycle", new { body = slug, month = 3, title = "Ny fast sak", type = "drofting" });
            case "update-cycle" or "delete-cycle":
            {
                var item = await AddCycleItemAsync(slug);
                var id = item.Int("id");
                var v = item.Int("version");
                return operation == "update-cycle"
                    ? c => c.PutJsonAsync($"/api/v1/cycle/{id}", new { body = slug, month = 10, title = "Flyttet", type = "drofting", version = v })
                    : c => c.DeleteAsync($"/api/v1/cycle/{id}");
            }
            case "cycle-meeting":
                await AddCycleItemAsync(slug);
                return c => c.PostJsonAsync("/api/v1/cycle/meetings", new
                {
                    body = slug, month = 9, date = "2031-09-11", startTime = "10:00", endTime = "15:00", location = "Oslo",
                });
            default:
                throw new ArgumentOutOfRangeException(nameof(operation));
        }
    }

    [Fact]
    public async Task Bad_input_is_a_400_problem_with_Norwegian_field_errors_and_saves_nothing()
    {
        if (!Factory.Ready()) return;
        var slug = UniqueSlug("validering");
        await CreateBodyAsync(slug);
        var before = await LatestAuditAsync();

        using (var r = await Office.PostJsonAsync("/api/v1/bodies", NewBody("Store Bokstaver")))
            Assert.True(ApiHelpers.LooksNorwegian(await r.AssertValidationProblemAsync("slug")));
        using (var r = await Office.PostJsonAsync("/api/v1/bodies", NewBody(slug)))
            Assert.Equal($"Et organ med adressen «{slug}» finnes allerede.", await r.AssertValidationProblemAsync("slug"));
        using (var r = await Office.PostJsonAsync("/api/v1/bodies", new { slug = UniqueSlug("kvorum"), name = "Kvorum", kind = "board", quorumRule = "at-least" }))
            Assert.True(ApiHelpers.LooksNorwegian(await r.AssertValidationProblemAsync("quorumCount")));
        using (var r = await Office.PostJsonAsync("/api/v1/bodies", new { slug = UniqueSlug("kvorum"), name = "Kvorum", kind = "board", quorumRule = "at-least", quorumCount = 201 }))
            Assert.Contains("1 til 200", await r.AssertValidationProblemAsync("quorumCount"));
        using (var r = await Office.PostJsonAsync("/api/v1/bodies", new { slug = UniqueSlug("styre"), name = "Produktstyre", kind = "product-board", quorumRule = "none" }))
            Assert.True(ApiHelpers.LooksNorwegian(await r.AssertValidationProblemAsync("nationalSolutionId")));

        using (var r = await Office.PostJsonAsync($"/api/v1/bodies/{slug}/members", new { name = "", organizationId = 99999999, role = "sjef", termStart = "2021-13-01" }))
        {
            await r.AssertValidationProblemAsync("name");
            var errors = (await r.ReadJsonAsync())["errors"]!.AsObject();
            Assert.Equal(["name", "organizationId", "role", "termStart"], errors.Select(e => e.Key).Order());
            Assert.All(errors, e => Assert.True(ApiHelpers.LooksNorwegian(e.Value![0]!.GetValue<string>()), e.Value!.ToJsonString()));
        }
        using (var r = await Office.PostJsonAsync($"/api/v1/bodies/{slug}/members", await MemberBodyAsync("Stedfortreder", "substitute")))
            Assert.True(ApiHelpers.LooksNorwegian(await r.AssertValidationProblemAsync("substituteForId")));
        using (var r = await Office.PostJsonAsync($"/api/v1/bodies/{slug}/members", new
               { name = "Baklengs", organizationId = await OrganizationIdAsync(Oslo), role = "member", termStart = "2021-06-01", termEnd = "2021-01-01" }))
            Assert.Contains("før", await r.AssertValidationProblemAsync("termEnd"));

        using (var r = await Office.PostJsonAsync("/api/v1/cycle", new { body = slug, month = 13, title = "", type = "vedtak" }))
        {
            Assert.Equal("Måned må være et tall fra 1 til 12.", await r.AssertValidationProblemAsync("month"));
            var errors = (await r.ReadJsonAsync())["errors"]!.AsObject();
            Assert.True(errors.ContainsKey("title") && errors.ContainsKey("type"), errors.ToJsonString());
        }
        using (var r = await Office.PostJsonAsync($"/api/v1/bodies/{slug}/names", new { name = "Nytt", validFrom = "1. januar" }))
            Assert.True(ApiHelpers.LooksNorwegian(await r.AssertValidationProblemAsync("validFrom")));
        using (var r = await Office.PostJsonAsync($"/api/v1/bodies/{slug}/mandates", new { text = "Mandat", validFrom = "2022-01-01", adoptedInCase = "99/21" }))
            Assert.Equal("Fant ikke sak 99/21 i dette organet.", await r.AssertValidationProblemAsync("adoptedInCase"));

        Assert.Equal(before, await LatestAuditAsync());
    }

    [Fact]
    public async Task Changes_need_the_version_and_a_stale_one_is_a_412()
    {
        if (!Factory.Ready()) return;
        var slug = UniqueSlug("versjon");
        var body = await CreateBodyAsync(slug);
        var v = body.Int("version");
        var change = new { kind = "board", description = "Første endring.", quorumRule = "at-least", quorumCount = 9 };

        using (var r = await Office.PutJsonAsync($"/api/v1/bodies/{slug}", change))
            Assert.Contains("If-Match", await r.AssertVersionRequiredAsync());
        using (var r = await Office.PutJsonAsync($"/api/v1/bodies/{slug}", change, ifMatch: $"\"{v}\""))
        {
            await r.AssertStatusAsync(HttpStatusCode.OK);
            Assert.Equal($"\"{v + 1}\"", r.Headers.ETag?.Tag);
            var saved = await r.ReadJsonAsync();
            Assert.Equal(("at-least", 9), (saved.Str("quorumRule"), saved.Int("quorumCount")));
        }
        var before = await LatestAuditAsync();
        using (var r = await Office.PutJsonAsync($"/api/v1/bodies/{slug}", new { kind = "other", quorumRule = "none", version = v }))
        {
            await r.AssertStatusAsync(HttpStatusCode.PreconditionFailed);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            Assert.True(ApiHelpers.LooksNorwegian((await r.ReadJsonAsync()).Str("detail")));
        }

        var member = await AddMemberAsync(slug, "Vera Versjon");
        var memberBody = await MemberBodyAsync("Vera Endret");
        using (var r = await Office.PutJsonAsync($"/api/v1/members/{member.Int("id")}", memberBody, ifMatch: $"\"{member.Int("version")}\""))
            await r.AssertStatusAsync(HttpStatusCode.OK);
        before = await LatestAuditAsync();
        using (var r = await Office.PutJsonAsync($"/api/v1/members/{member.Int("id")}", memberBody, ifMatch: $"\"{member.Int("version")}\""))
            await r.AssertStatusAsync(HttpStatusCode.PreconditionFailed);
        using (var r = await Office.PostJsonAsync($"/api/v1/members/{member.Int("id")}/end-term", new { termEnd = "2021-12-31", version = member.Int("version") }))
            await r.AssertStatusAsync(HttpStatusCode.PreconditionFailed);

        var item = await AddCycleItemAsync(slug);
        using (var r = await Office.PutJsonAsync($"/api/v1/cycle/{item.Int("id")}", new { body = slug, month = 10, title = "Endret", type = "drofting" }, ifMatch: $"\"{item.Int("version")}\""))
            await r.AssertStatusAsync(HttpStatusCode.OK);
        before = await LatestAuditAsync();
        using (var r = await Office.PutJsonAsync($"/api/v1/cycle/{item.Int("id")}", new { body = slug, month = 11, title = "Gammel", type = "drofting", version = item.Int("version") }))
            await r.AssertStatusAsync(HttpStatusCode.PreconditionFailed);
        using (var r = await Office.SendJsonAsync(HttpMethod.Delete, $"/api/v1/cycle/{item.Int("id")}", null, ifMatch: $"\"{item.Int("version")}\""))
            await r.AssertStatusAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(before, await LatestAuditAsync());
    }

    [Fact]
    public async Task A_rename_keeps_the_history_and_old_meetings_show_the_old_name()
    {
        if (!Factory.Ready()) return;
        var slug = UniqueSlug("e-helsestyret");
        await CreateBodyAsync(slug, "Nasjonalt e-helsestyre");
        using (var r = await Office.PostJsonAsync("/api/v1/cycle/meetings", new
               { body = slug, month = 12, date = "2021-12-09", startTime = "10:00", endTime = "15:55", location = "", isVideo = true }))
        {
            await r.AssertStatusAsync(HttpStatusCode.Created);
            Assert.Equal("1/2021", (await r.ReadJsonAsync()).Str("number"));
        }

        using (var r = await Office.PostJsonAsync($"/api/v1/bodies/{slug}/names", new { name = "Nasjonalt e-helseråd", validFrom = "2022-01-01" }))
            await r.AssertStatusAsync(HttpStatusCode.Created);

        var y2021 = await Anonymous.GetJsonAsync("/api/v1/cycle?year=2021");
        var december = y2021["months"]!.AsArray().Single(m => m.Int("month") == 12)!;
        Assert.Equal("desember", december.Str("name"));
        var meeting = december["meetings"]!.AsArray().Single(m => m.Str("body") == slug)!;
        Assert.Equal(("Nasjonalt e-helsestyre", "1/2021", "planned"), (meeting.Str("bodyName"), meeting.Str("number"), meeting.Str("status")));
        Assert.Equal("Nasjonalt e-helsestyre", y2021["bodies"]!.AsArray().Single(b => b.Str("slug") == slug).Str("name"));
        var y2022 = await Anonymous.GetJsonAsync("/api/v1/cycle?year=2022");
        Assert.Equal("Nasjonalt e-helseråd", y2022["bodies"]!.AsArray().Single(b => b.Str("slug") == slug).Str("name"));

        // The history is in the body too: both names, each from its date.
        using var put = await Office.PutJsonAsync($"/api/v1/bodies/{slug}", new { kind = "board", quorumRule = "majority", version = 1 });
        await put.AssertStatusAsync(HttpStatusCode.OK);
        var names = (await put.ReadJsonAsync())["names"]!.AsArray();
        Assert.Equal(["Nasjonalt e-helsestyre 2017-01-01", "Nasjonalt e-helseråd 2022-01-01"], names.Select(n => $"{n.Str("name")} {n.Str("validFrom")}"));

        using (var r = await Office.PostJsonAsync($"/api/v1/bodies/{slug}/names", new { name = "Et tredje navn", validFrom = "2022-01-01" }))
            Assert.Contains("allerede", await r.AssertValidationProblemAsync("validFrom"));
    }

    [Fact]
    public async Task Members_are_listed_publicly_with_organisation_role_and_substitute()
    {
        if (!Factory.Ready()) return;
        var slug = UniqueSlug("medlemsliste");
        await CreateBodyAsync(slug);
        var member = await AddMemberAsync(slug, "Kari Medlem");
        using (var r = await Office.PostJsonAsync($"/api/v1/bodies/{slug}/members", await MemberBodyAsync("Ola Stedfortreder", "substitute", member.Int("id"))))
            await r.AssertStatusAsync(HttpStatusCode.Created);

        var list = await Anonymous.GetArrayAsync($"/api/v1/bodies/{slug}/members");
        Assert.Equal(2, list.Count);
        var ola = list.Single(m => m.Str("name") == "Ola Stedfortreder")!;
        Assert.Equal(("substitute", "Kari Medlem", Oslo), (ola.Str("role"), ola["substituteFor"].Str("name"), ola["organization"].Str("name")));

        using var missing = await Anonymous.GetAsync("/api/v1/bodies/finnes-ikke-her/members");
        await missing.AssertStatusAsync(HttpStatusCode.NotFound);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_meeting_from_the_cycle_gets_the_templates_of_its_body_and_month_as_cases()
    {
        if (!Factory.Ready()) return;
        var slug = UniqueSlug("nuit");
        await CreateBodyAsync(slug, "Prioriteringsutvalget");
        await AddCycleItemAsync(slug, 9, "Porteføljestatus");
        await AddCycleItemAsync(slug, 9, "Budsjettinnspill");
        await AddCycleItemAsync(slug, 10, "Ikke denne måneden");

        using (var wrong = await Office.PostJsonAsync("/api/v1/cycle/meetings", new { body = slug, month = 9, date = "2032-10-01", startTime = "10:00", endTime = "12:00", location = "Oslo" }))
            Assert.Contains("september", await wrong.AssertValidationProblemAsync("date"));

        using var r = await Office.PostJsonAsync("/api/v1/cycle/meetings", new { body = slug, month = 9, date = "2032-09-16", startTime = "10:00", endTime = "12:00", location = "Oslo" });
        await r.AssertStatusAsync(HttpStatusCode.Created);
        var created = await r.ReadJsonAsync();
        Assert.Equal("1/2032", created.Str("number"));
        Assert.Equal(["2/32 Budsjettinnspill", "3/32 Porteføljestatus"], created["cases"]!.AsArray().Select(c => $"{c.Str("number")} {c.Str("title")}"));

        var cycle = await Anonymous.GetJsonAsync("/api/v1/cycle?year=2032");
        var september = cycle["months"]!.AsArray().Single(m => m.Int("month") == 9)!;
        Assert.Equal(2, september["items"]!.AsArray().Count(i => i.Str("body") == slug));
        Assert.Single(september["meetings"]!.AsArray(), m => m.Str("body") == slug);
        using var badYear = await Anonymous.GetAsync("/api/v1/cycle?year=1066");
        await badYear.AssertValidationProblemAsync("year");
    }

    [Fact]
    public async Task The_secretariat_pages_work_as_plain_forms_and_are_closed_to_others()
    {
        if (!Factory.Ready()) return;
        // Others: anonymous to the login page, other roles 403; the årshjul itself is public.
        using (var anon = await Anonymous.GetAsync("/sekretariat/organer"))
            Assert.Contains("/logg-inn", anon.Headers.Location?.OriginalString);
        foreach (var path in new[] { "/sekretariat/organer", "/arshjul/ny", "/sekretariat/organer/ny" })
            foreach (var user in new[] { As.Member, As.OwnerHso, As.Ks })
            {
                using var refused = await Client(user).GetAsync(path);
                await refused.AssertStatusAsync(HttpStatusCode.Forbidden, $"GET {path} as {user}");
            }
        using (var publicCycle = await Anonymous.GetAsync("/arshjul?ar=2021"))
        {
            await publicCycle.AssertStatusAsync(HttpStatusCode.OK);
            var html = System.Net.WebUtility.HtmlDecode(await publicCycle.Content.ReadAsStringAsync());
            Assert.Contains("Årshjul 2021", html);
            Assert.DoesNotContain("Lag møte", html);
        }

        using var browser = Factory.BrowserClient();
        var token = await LogInAsync(browser, "kontor");
        async Task<HttpResponseMessage> Post(string url, Dictionary<string, string> form)
        {
            form["__RequestVerificationToken"] = token;
            return await browser.PostAsync(url, new FormUrlEncodedContent(form));
        }
        async Task<string> Page(string url)
        {
            using var r = await browser.GetAsync(url);
            await r.AssertStatusAsync(HttpStatusCode.OK, "GET " + url);
            return System.Net.WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync());
        }

        var slug = UniqueSlug("side");
        var form = new Dictionary<string, string>
        {
            ["name"] = "Sideutvalget", ["slug"] = "Ugyldig Adresse", ["establishedOn"] = "2021-01-01", ["kind"] = "professional-committee",
            ["quorumRule"] = "at-least", ["quorumCount"] = "tre",
        };
        using (var bad = await Post("/sekretariat/organer/ny", new(form)))
        {
            await bad.AssertStatusAsync(HttpStatusCode.OK);
            var html = System.Net.WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
            Assert.Contains("Rett opp dette", html);
            Assert.Contains("Antall medlemmer må være et helt tall", html);
        }
        form["slug"] = slug;
        form["quorumCount"] = "3";
        using (var ok = await Post("/sekretariat/organer/ny", form))
            Assert.Equal($"/sekretariat/organer/{slug}", ok.Headers.Location?.OriginalString);

        Assert.Contains("Sideutvalget", await Page("/sekretariat/organer"));
        Assert.Contains("Minst 3 medlemmer til stede", await Page($"/sekretariat/organer/{slug}"));
        await Page($"/sekretariat/organer/{slug}/endre");
        await Page($"/sekretariat/organer/{slug}/mandat");
        using (var renamed = await Post($"/sekretariat/organer/{slug}/navn", new() { ["name"] = "Sideutvalget for e-helse", ["validFrom"] = "2022-01-01" }))
            Assert.Equal($"/sekretariat/organer/{slug}#navn", renamed.Headers.Location?.OriginalString);
        var details = await Page($"/sekretariat/organer/{slug}");
        Assert.Contains("Sideutvalget for e-helse", details);
        Assert.Contains("1. januar 2021", details);

        var org = (await OrganizationIdAsync(Oslo)).ToString();
        using (var added = await Post($"/sekretariat/organer/{slug}/medlemmer", new()
               { ["name"] = "Siri Side", ["organizationId"] = org, ["role"] = "member", ["termStart"] = "2021-01-01" }))
            Assert.Equal($"/sekretariat/organer/{slug}/medlemmer", added.Headers.Location?.OriginalString);
        var members = await Anonymous.GetArrayAsync($"/api/v1/bodies/{slug}/members");
        var id = members.Single()!.Int("id");
        Assert.Contains("Siri Side", await Page($"/sekretariat/organer/{slug}/medlemmer"));
        Assert.Contains("Avslutt perioden", await Page($"/sekretariat/medlemmer/{id}/endre"));
        using (var ended = await Post($"/sekretariat/medlemmer/{id}/endre?handler=end", new() { ["endOn"] = "2021-12-31", ["version"] = "1" }))
            Assert.Equal($"/sekretariat/organer/{slug}/medlemmer", ended.Headers.Location?.OriginalString);
        Assert.Equal("2021-12-31", (await Anonymous.GetArrayAsync($"/api/v1/bodies/{slug}/members")).Single()!.Str("termEnd"));

        using (var item = await Post("/arshjul/ny", new() { ["body"] = slug, ["month"] = "9", ["title"] = "Fast sideinnslag", ["type"] = "orientering" }))
            Assert.Equal("/arshjul", item.Headers.Location?.OriginalString);
        var cycle = await Page("/arshjul?ar=2033");
        Assert.Contains("Fast sideinnslag", cycle);
        Assert.Contains("Lag møte", cycle);
        Assert.Contains("Fast sideinnslag", await Page($"/arshjul/mote?organ={slug}&ar=2033&maned=9"));
        using (var meeting = await Post($"/arshjul/mote?organ={slug}&ar=2033&maned=9", new()
               { ["date"] = "2033-09-08", ["startTime"] = "10:00", ["endTime"] = "12:00", ["location"] = "Oslo", ["kind"] = "ordinary" }))
        {
            await meeting.AssertStatusAsync(HttpStatusCode.Redirect);
            Assert.StartsWith("/moter/", meeting.Headers.Location?.OriginalString);
        }
    }

    private async Task<string> LogInAsync(HttpClient browser, string user)
    {
        using var form = await browser.GetAsync("/logg-inn");
        var token = Forms.AntiforgeryToken(await form.Content.ReadAsStringAsync());
        using var login = await browser.PostAsync("/logg-inn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = user, ["password"] = SamstyringFactory.DemoPassword, ["returnUrl"] = "", ["__RequestVerificationToken"] = token,
        }));
        await login.AssertStatusAsync(HttpStatusCode.Redirect);
        // The token is bound to the user once logged in: take a fresh one from a form page.
        using var page = await browser.GetAsync("/sekretariat/organer/ny");
        await page.AssertStatusAsync(HttpStatusCode.OK);
        return Forms.AntiforgeryToken(await page.Content.ReadAsStringAsync());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BodiesApiSqliteTests(SqliteFactory factory) : BodiesApiTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class BodiesApiPostgresTests(PostgresFactory factory) : BodiesApiTests(factory);
