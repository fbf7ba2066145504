using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Council;
using Samstyring.Core.Data;

namespace Samstyring.Web.Tests.Council;

/// <summary>
/// The secretariat's pages for meetings and cases: who may open them, antiforgery, planning through the form, Norwegian
/// errors that save nothing, the conflict message on a stale version, and the row editors for agenda and attendance.
/// </summary>
public abstract partial class OfficePagesTests(SamstyringFactory factory) : WebTest(factory)
{
    private const string Login = "/logg-inn";

    public static TheoryData<string, As, int> Pages()
    {
        var data = new TheoryData<string, As, int>();
        string[] paths =
        [
            "/sekretariat", "/sekretariat/moter/ny?organ=nuit", "/sekretariat/moter/{meeting}/rediger", "/sekretariat/moter/{meeting}/dagsorden",
            "/sekretariat/moter/{meeting}/oppmote", "/sekretariat/moter/{meeting}/ny-sak", "/sekretariat/saker/{case}/rediger",
            "/sekretariat/saker/{case}/vedtak", "/sekretariat/saker/{case}/koblinger",
        ];
        foreach (var p in paths)
        {
            data.Add(p, As.Office, 200);
            data.Add(p, As.Member, 403);
            data.Add(p, As.OwnerHso, 403);
            data.Add(p, As.Anonymous, 302);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Office_pages_are_for_the_secretariat_only(string path, As user, int expected)
    {
        if (!Factory.Ready()) return;
        var (meeting, caseId) = await SeededAsync();
        path = path.Replace("{meeting}", meeting.ToString()).Replace("{case}", caseId.ToString());

        using var response = await Client(user).GetAsync(path);

        await response.AssertStatusAsync((HttpStatusCode)expected, $"GET {path} as {user}");
        if (expected == 302)
            Assert.Equal(Login, new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath);
        if (expected == 200)
        {
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("<html lang=\"nb\"", html);
            Assert.DoesNotContain("<script>", html);
            Assert.DoesNotContain(" style=\"", html);
        }
    }

    [Fact]
    public async Task A_form_post_without_an_antiforgery_token_is_rejected_and_saves_nothing()
    {
        if (!Factory.Ready()) return;
        var before = await DbAsync(db => db.Meetings.CountAsync());
        var (meeting, _) = await SeededAsync();
        var status = await DbAsync(db => db.Meetings.Where(m => m.Id == meeting).Select(m => m.Status).SingleAsync());

        using var plan = await Client(As.Office).PostAsync("/sekretariat/moter/ny", Form(PlanFields("nufa", "2030-01-15")));
        using var cancel = await Client(As.Office).PostAsync($"/sekretariat/moter/{meeting}/rediger?handler=Cancel",
            Form(new() { ["version"] = "1", ["confirmCancel"] = "true" }));

        await plan.AssertStatusAsync(HttpStatusCode.BadRequest);
        await cancel.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await DbAsync(db => db.Meetings.CountAsync()));
        Assert.Equal(status, await DbAsync(db => db.Meetings.Where(m => m.Id == meeting).Select(m => m.Status).SingleAsync()));
    }

    [Fact]
    public async Task Planning_a_meeting_numbers_it_next_in_the_year_with_the_standing_cases_first()
    {
        if (!Factory.Ready()) return;
        using var browser = OfficeBrowser();

        // NUIT's meeting 5/2021 is held, its minutes not approved: the first meeting of 2022 gets that as case 2.
        var first = await PlanViaFormAsync(browser, "nuit", "2022-02-10");
        var second = await PlanViaFormAsync(browser, "nuit", "2022-03-10");

        var meetings = await DbAsync(db => db.Meetings.AsNoTracking().Where(m => m.Id == first || m.Id == second).OrderBy(m => m.Number).ToListAsync());
        Assert.Equal(["1/2022", "2/2022"], meetings.Select(m => m.NumberText));
        var cases = await DbAsync(db => db.Cases.AsNoTracking().Where(c => c.MeetingId == first || c.MeetingId == second).OrderBy(c => c.Number).ToListAsync());
        Assert.Equal(["1/22", "2/22", "3/22", "4/22"], cases.Select(c => c.NumberText));
        Assert.Equal("Godkjenning av innkalling og dagsorden", cases[0].Title);
        Assert.StartsWith("Godkjenning av referatet fra møtet 19. november 2021", cases[1].Title);
        Assert.Equal([StandingCase.NoticeApproval, StandingCase.MinutesApproval], cases.Where(c => c.MeetingId == first).Select(c => c.Standing));
        Assert.Equal("Godkjenning av referatet fra møtet 10. februar 2022 i Nasjonalt utvalg for e-helseprioritering (NUIT)", cases[3].Title);
        var agenda = await DbAsync(db => db.AgendaItems.AsNoTracking().Where(a => a.MeetingId == first).OrderBy(a => a.Position).Select(a => a.CaseId).ToListAsync());
        Assert.Equal([cases[0].Id, cases[1].Id], agenda.Cast<int>());
    }

    [Fact]
    public async Task A_form_with_errors_shows_Norwegian_messages_and_saves_nothing()
    {
        if (!Factory.Ready()) return;
        using var browser = OfficeBrowser();
        var before = await DbValueAsync(db => (db.Meetings.Count(), db.Cases.Count()));
        var fields = PlanFields("", "");
        fields["startTime"] = "14:00";
        fields["endTime"] = "10:00";
        fields["location"] = "";

        using var response = await PostFormAsync(browser, "/sekretariat/moter/ny", "/sekretariat/moter/ny", fields);

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Rett opp dette før du går videre", html);
        Assert.Contains("Velg hvilket organ møtet gjelder.", html);
        Assert.Contains("Dato må fylles ut.", html);
        Assert.Contains("Sluttid må være etter starttid.", html);
        Assert.Contains("Sted (eller velg videomøte) må fylles ut.", html);
        Assert.Contains("aria-invalid=\"true\"", html);
        Assert.Equal(before, await DbValueAsync(db => (db.Meetings.Count(), db.Cases.Count())));
    }

    [Fact]
    public async Task Saving_from_a_stale_version_shows_the_conflict_message_and_keeps_the_first_save()
    {
        if (!Factory.Ready()) return;
        using var browser = OfficeBrowser();
        var id = await PlanViaFormAsync(browser, "produktstyre-helsenorge", "2030-05-06");
        var page = $"/sekretariat/moter/{id}/rediger";
        var (token1, html1) = await FormAsync(browser, page);
        var (token2, _) = await FormAsync(browser, page);
        var version = VersionInput().Match(html1).Groups["v"].Value;

        var mine = PlanFields(null, "2030-05-06", location: "Møterom Nord");
        mine["version"] = version;
        using var first = await PostAsync(browser, page, token1, mine);
        await first.AssertStatusAsync(HttpStatusCode.Redirect);
        var theirs = PlanFields(null, "2030-05-07", location: "Møterom Sør");
        theirs["version"] = version;
        using var second = await PostAsync(browser, page, token2, theirs);

        await second.AssertStatusAsync(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await second.Content.ReadAsStringAsync());
        Assert.Contains("Endringene dine ble ikke lagret", html);
        Assert.Contains("Noen andre har lagret endringer i mellomtiden", html);
        Assert.Contains("value=\"Møterom Nord\"", html); // the form now shows what is stored
        var stored = await DbAsync(db => db.Meetings.AsNoTracking().SingleAsync(m => m.Id == id));
        Assert.Equal(("Møterom Nord", new DateOnly(2030, 5, 6)), (stored.Location, stored.Date));
    }

    [Fact]
    public async Task Cases_are_added_and_the_agenda_is_reordered_by_the_numbers_entered()
    {
        if (!Factory.Ready()) return;
        using var browser = OfficeBrowser();
        var id = await PlanViaFormAsync(browser, "nufa", "2031-09-01");
        foreach (var title in new[] { "Strategi", "Budsjett" })
        {
            var fields = new Dictionary<string, string>
            {
                ["title"] = title, ["type"] = "drofting", ["proposedDecision"] = "NUFA drøfter saken.", ["startsAt"] = "", ["presenter"] = "Kari",
            };
            using var created = await PostFormAsync(browser, $"/sekretariat/moter/{id}/ny-sak", $"/sekretariat/moter/{id}/ny-sak", fields);
            await created.AssertStatusAsync(HttpStatusCode.Redirect);
            Assert.StartsWith("/saker/", created.Headers.Location!.OriginalString);
        }

        // Shown: 1 notice approval, 2 Strategi, 3 Budsjett. Budsjett goes before Strategi; lunch at 12.00 goes last by its time.
        var agendaPage = $"/sekretariat/moter/{id}/dagsorden";
        var (token, html) = await FormAsync(browser, agendaPage);
        var form = HiddenRows(html);
        form["version"] = VersionInput().Match(html).Groups["v"].Value;
        form["rows[0].position"] = "1";
        form["rows[0].startsAt"] = "10:00";
        form["rows[1].position"] = "3";
        form["rows[1].startsAt"] = "11:00";
        form["rows[2].position"] = "2";
        form["rows[2].startsAt"] = "10:15";
        form["breakTitle"] = "Lunsj";
        form["breakStartsAt"] = "12:00";
        using var saved = await PostAsync(browser, agendaPage, token, form);
        await saved.AssertStatusAsync(HttpStatusCode.Redirect);

        var agenda = await DbAsync(db => db.AgendaItems.AsNoTracking().Include(a => a.Case).Where(a => a.MeetingId == id).OrderBy(a => a.Position).ToListAsync());
        Assert.Equal(["Godkjenning av innkalling og dagsorden", "Budsjett", "Strategi", "Lunsj"], agenda.Select(a => a.Case?.Title ?? a.Title));
        Assert.Equal([new TimeOnly(10, 0), new TimeOnly(10, 15), new TimeOnly(11, 0), new TimeOnly(12, 0)], agenda.Select(a => a.StartsAt!.Value));
        using var after = await browser.GetAsync(agendaPage);
        Assert.Contains("Dagsordenen er lagret.", await after.Content.ReadAsStringAsync());

        // Times out of order: the error is shown on the row as displayed, and nothing changes.
        (token, html) = await FormAsync(browser, agendaPage);
        form = HiddenRows(html);
        form["version"] = VersionInput().Match(html).Groups["v"].Value;
        for (var i = 0; i < 4; i++) form[$"rows[{i}].position"] = (i + 1).ToString();
        form["rows[0].startsAt"] = "10:00";
        form["rows[1].startsAt"] = "11:30";
        form["rows[2].startsAt"] = "11:00";
        form["rows[3].title"] = "Lunsj";
        using var invalid = await PostAsync(browser, agendaPage, token, form);
        await invalid.AssertStatusAsync(HttpStatusCode.OK);
        var errorHtml = WebUtility.HtmlDecode(await invalid.Content.ReadAsStringAsync());
        Assert.Contains("id=\"rows[2]_startsAt-error\"", errorHtml);
        Assert.Contains("Tidene må komme i rekkefølge", errorHtml);
        Assert.Equal(4, await DbAsync(db => db.AgendaItems.CountAsync(a => a.MeetingId == id && a.StartsAt != null)));
    }

    [Fact]
    public async Task Attendance_shows_the_quorum_and_a_decision_with_a_placeholder_is_refused()
    {
        if (!Factory.Ready()) return;
        using var browser = OfficeBrowser();
        var (meeting, _) = await SeededAsync();
        var page = $"/sekretariat/moter/{meeting}/oppmote";

        await RecordAttendanceAsync(browser, page, present: 8);
        using (var after = await browser.GetAsync(page))
            Assert.Contains("Ikke vedtaksført: 8 av 17 medlemmer til stede (krav: minst 9).", WebUtility.HtmlDecode(await after.Content.ReadAsStringAsync()));

        var caseId = await DbAsync(db => db.Cases.Where(c => c.MeetingId == meeting && c.Number == 38).Select(c => c.Id).SingleAsync());
        var decisionPage = $"/sekretariat/saker/{caseId}/vedtak";
        var (token, html) = await FormAsync(browser, decisionPage);
        var proposed = WebUtility.HtmlDecode(DecisionText().Match(html).Groups["v"].Value);
        Assert.Contains("{{", proposed); // prefilled with the proposed decision, placeholders left in
        var version = VersionInput().Match(html).Groups["v"].Value;
        using (var refused = await PostAsync(browser, decisionPage, token, new() { ["version"] = version, ["decision"] = proposed }))
        {
            await refused.AssertStatusAsync(HttpStatusCode.OK);
            var text = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.Contains("Vedtaket har tekst som skal fylles ut i møtet", text);
        }

        await RecordAttendanceAsync(browser, page, present: 9);
        (token, html) = await FormAsync(browser, decisionPage);
        version = VersionInput().Match(html).Groups["v"].Value;
        var completed = Regex.Replace(proposed, @"\{\{.*?\}\}", "tre");
        using var ok = await PostAsync(browser, decisionPage, token, new() { ["version"] = version, ["decision"] = completed });
        await ok.AssertStatusAsync(HttpStatusCode.Redirect);
        Assert.Equal(completed.Replace("\r\n", "\n").Trim(), await DbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Decision).SingleAsync()));
    }

    private async Task RecordAttendanceAsync(HttpClient browser, string page, int present)
    {
        var (token, html) = await FormAsync(browser, page);
        var form = new Dictionary<string, string> { ["version"] = VersionInput().Match(html).Groups["v"].Value, ["otherAttendees"] = "Sekretariatet" };
        var members = MemberInput().Matches(html).Select(m => (Index: int.Parse(m.Groups["i"].Value), Id: m.Groups["v"].Value)).ToList();
        var voting = await DbAsync(db => db.BodyMembers.Where(m => m.Role == MemberRole.Member).Select(m => m.Id).ToListAsync());
        var count = 0;
        foreach (var (index, id) in members)
        {
            form[$"attendance[{index}].memberId"] = id;
            form[$"attendance[{index}].status"] = voting.Contains(int.Parse(id)) && count++ < present ? "present" : "absent";
        }
        using var response = await PostAsync(browser, page, token, form);
        await response.AssertStatusAsync(HttpStatusCode.Redirect);
    }

    /// <summary>Meeting 6/2021 of the council (notice sent) and its case 37/21.</summary>
    private async Task<(int Meeting, int Case)> SeededAsync() => await DbAsync(async db =>
    {
        var m = await db.Meetings.Where(x => x.Body.Slug == "nasjonalt-e-helserad" && x.Year == 2021 && x.Number == 6).Select(x => x.Id).SingleAsync();
        var c = await db.Cases.Where(x => x.MeetingId == m && x.Number == 37).Select(x => x.Id).SingleAsync();
        return (m, c);
    });

    private async Task<int> PlanViaFormAsync(HttpClient browser, string body, string date)
    {
        using var response = await PostFormAsync(browser, $"/sekretariat/moter/ny?organ={body}", "/sekretariat/moter/ny", PlanFields(body, date));
        await response.AssertStatusAsync(HttpStatusCode.Redirect, $"plan {body} {date}");
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/moter/", location);
        return int.Parse(location["/moter/".Length..]);
    }

    private static Dictionary<string, string> PlanFields(string? body, string date, string location = "Oslo")
    {
        var fields = new Dictionary<string, string>
        {
            ["date"] = date, ["startTime"] = "10:00", ["endTime"] = "15:00", ["location"] = location, ["kind"] = "ordinary",
        };
        if (body is not null) fields["body"] = body;
        return fields;
    }

    /// <summary>The hidden inputs of the agenda rows (kind, case) as the form posts them.</summary>
    private static Dictionary<string, string> HiddenRows(string html) =>
        HiddenInput().Matches(html).Where(m => m.Groups["n"].Value.StartsWith("rows[", StringComparison.Ordinal))
            .ToDictionary(m => m.Groups["n"].Value, m => m.Groups["v"].Value);

    private HttpClient OfficeBrowser()
    {
        var browser = Factory.BrowserClient();
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"kontor:{SamstyringFactory.DemoPassword}")));
        return browser;
    }

    private static async Task<(string Token, string Html)> FormAsync(HttpClient browser, string page)
    {
        using var get = await browser.GetAsync(page);
        await get.AssertStatusAsync(HttpStatusCode.OK, $"GET {page}");
        var html = await get.Content.ReadAsStringAsync();
        return (Forms.AntiforgeryToken(html), html);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient browser, string action, string token, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = token;
        return browser.PostAsync(action, Form(fields));
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string page, string action, Dictionary<string, string> fields)
    {
        var (token, _) = await FormAsync(browser, page);
        return await PostAsync(browser, action, token, fields);
    }

    private static FormUrlEncodedContent Form(Dictionary<string, string> fields) => new(fields);

    private async Task<T> DbAsync<T>(Func<SamstyringDb, Task<T>> query)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SamstyringDb>());
    }

    private Task<T> DbValueAsync<T>(Func<SamstyringDb, T> query) => DbAsync(db => Task.FromResult(query(db)));

    [GeneratedRegex(@"<input type=""hidden"" name=""version"" value=""(?<v>\d+)""")]
    private static partial Regex VersionInput();

    [GeneratedRegex(@"<input type=""hidden"" name=""(?<n>[^""]+)"" value=""(?<v>[^""]*)""")]
    private static partial Regex HiddenInput();

    [GeneratedRegex(@"name=""attendance\[(?<i>\d+)\]\.memberId"" value=""(?<v>\d+)""")]
    private static partial Regex MemberInput();

    [GeneratedRegex(@"<textarea[^>]*name=""decision""[^>]*>(?<v>[^<]*)</textarea>")]
    private static partial Regex DecisionText();
}

public sealed class OfficePagesSqliteTests(SqliteFactory factory) : OfficePagesTests(factory), IClassFixture<SqliteFactory>;

public sealed class OfficePagesPostgresTests(PostgresFactory factory) : OfficePagesTests(factory), IClassFixture<PostgresFactory>;
