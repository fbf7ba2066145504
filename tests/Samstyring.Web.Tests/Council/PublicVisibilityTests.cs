using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Common;
using Samstyring.Core.Council;

namespace Samstyring.Web.Tests.Council;

/// <summary>
/// What the public sees of the council besides content unntatt offentlighet (README, "Who sees what"): a planned meeting
/// is public with its date and place, marked as planned (foreløpig; TENTATIVE in the calendar) and without its agenda
/// until the notice is sent; members' input on a case is internal working material for members and the secretariat.
/// </summary>
public abstract class PublicVisibilityTests(SamstyringFactory factory) : WebTest(factory)
{
    private static readonly CurrentUser OfficeUser = new("kontor", "Porteføljekontoret", Role.PortfolioOffice, null);
    private static readonly ConcurrentDictionary<SamstyringFactory, Task<Scenario>> Scenarios = new();

    private sealed record Scenario(string Marker, string Slug, int PlannedId, int HeldId, int CaseId);

    private Task<Scenario> SetUpAsync() => Scenarios.GetOrAdd(Factory, f => CreateAsync(f));

    private static async Task<Scenario> CreateAsync(SamstyringFactory factory)
    {
        var hex = Guid.NewGuid().ToString("N")[..10];
        var marker = "INNSPILL-" + hex;
        var slug = "synlig-" + hex;
        using var scope = factory.Services.CreateScope();
        var sp = scope.ServiceProvider;
        await sp.GetRequiredService<CreateBody>().HandleAsync(new BodyInput(slug, $"Synlighetsorgan {hex}", $"SO{hex[..4]}", "2020-01-01", "other",
            "Laget av synlighetstestene.", "none", null, null, "Mandat."), OfficeUser);

        // A held meeting with a public case that was sent out for input, and input received on it.
        var held = await sp.GetRequiredService<PlanMeeting>().HandleAsync(new MeetingInput(slug, "2021-10-20", "10:00", "12:00", "Oslo", false, "ordinary"), OfficeUser);
        var open = await sp.GetRequiredService<AddCase>().HandleAsync(held.Id, new CaseInput("Offentlig sak på innspill", "drofting", null, null, "Formål.", "Bakgrunn.",
            "Organet drøfter saken.", false, null, "2021-10-11", "Innspill til forslaget."), OfficeUser);
        await sp.GetRequiredService<AddComment>().HandleAsync(open.Id, new CommentInput($"{marker} avsender", null, "2021-10-05", $"{marker} innspillstekst"), OfficeUser);
        await sp.GetRequiredService<SendNotice>().HandleAsync(held.Id, held.Version, OfficeUser);
        await sp.GetRequiredService<RecordDecision>().HandleAsync(open.Id, "Organet drøftet saken.", open.Version, OfficeUser);

        // A planned meeting whose notice is not sent, with a case on it.
        var planned = await sp.GetRequiredService<PlanMeeting>().HandleAsync(new MeetingInput(slug, "2031-03-01", "09:00", "11:00", "Teams", true, "ordinary"), OfficeUser);
        await sp.GetRequiredService<AddCase>().HandleAsync(planned.Id, new CaseInput($"{marker} planlagt sak", "orientering", null, null, null, null, null, false, null, null, null), OfficeUser);
        return new Scenario(marker, slug, planned.Id, held.Id, open.Id);
    }

    public static TheoryData<As> Outsiders() => new() { As.Anonymous, As.OwnerHso, As.Ks };

    public static TheoryData<As> Insiders() => new() { As.Member, As.Office };

    [Theory]
    [MemberData(nameof(Outsiders))]
    [MemberData(nameof(Insiders))]
    public async Task A_planned_meeting_is_public_with_date_and_place_marked_as_planned(As user)
    {
        if (!Factory.Ready()) return;
        var s = await SetUpAsync();
        var insider = user is As.Member or As.Office;

        var meeting = await Client(user).GetJsonAsync($"/api/v1/meetings/{s.PlannedId}");
        Assert.Equal("planned", meeting.Str("status"));
        Assert.False(meeting["noticeSent"]!.GetValue<bool>());
        Assert.Equal("2031-03-01", meeting.Str("date"));
        Assert.Equal("09:00", meeting.Str("startTime"));
        Assert.Contains("Teams", meeting.Str("place"));
        Assert.False(meeting["agendaPublished"]!.GetValue<bool>() && !insider);
        if (!insider)
        {
            Assert.Empty(meeting["agenda"]!.AsArray());
            Assert.Empty(meeting["cases"]!.AsArray());
        }
        var listed = (await Client(user).GetArrayAsync($"/api/v1/meetings?body={s.Slug}")).Single(m => m.Int("id") == s.PlannedId)!;
        Assert.Equal("planned", listed.Str("status"));
        Assert.False(listed["noticeSent"]!.GetValue<bool>());
        var held = (await Client(user).GetArrayAsync($"/api/v1/meetings?body={s.Slug}")).Single(m => m.Int("id") == s.HeldId)!;
        Assert.True(held["noticeSent"]!.GetValue<bool>());

        var page = WebUtility.HtmlDecode(await Client(user).GetStringAsync($"/moter/{s.PlannedId}"));
        Assert.Contains("1. mars 2031", page);
        Assert.Contains("Teams", page);
        Assert.Contains("Foreløpig", page);
        Assert.Contains("Innkallingen er ikke sendt", page);
        if (!insider) Assert.DoesNotContain(s.Marker, page);

        var body = WebUtility.HtmlDecode(await Client(user).GetStringAsync($"/organer/{s.Slug}"));
        Assert.Contains("1. mars 2031", body);
        Assert.Contains("foreløpig", body);

        // The calendar is a public artefact: the same for everyone.
        var ics = (await Client(user).GetStringAsync($"/bodies/{s.Slug}/meetings.ics")).Replace("\r\n ", "");
        var ev = Regex.Matches(ics, "BEGIN:VEVENT\r\n(.*?)END:VEVENT", RegexOptions.Singleline).Select(m => m.Groups[1].Value)
            .Single(e => e.Contains($"UID:meeting-{s.PlannedId}@", StringComparison.Ordinal));
        Assert.Contains("STATUS:TENTATIVE", ev);
        Assert.Contains("DTSTART:20310301T080000Z", ev);
        Assert.Contains("LOCATION:Videomøte (Teams)", ev);
        Assert.DoesNotContain(s.Marker, ics);
    }

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task Input_on_a_case_is_not_shown_to_outsiders_anywhere(As user)
    {
        if (!Factory.Ready()) return;
        var s = await SetUpAsync();
        // An insider reads first, so a cached insider view would be what the outsider gets if caching were wrong.
        foreach (var path in Paths(s)) using (await Client(As.Member).GetAsync(path)) { }
        foreach (var path in Paths(s))
        {
            using var response = await Client(user).GetAsync(path);
            var text = await TextAsync(response);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{user} GET {path}: {(int)response.StatusCode}");
            Assert.DoesNotContain(s.Marker, text);
        }

        var c = await Client(user).GetJsonAsync($"/api/v1/cases/{s.CaseId}");
        Assert.Null(c["comments"]);
        // That the case was sent out for input, and by when, is part of the public case paper.
        Assert.Equal("2021-10-11", c.Str("commentDeadline"));
        var page = WebUtility.HtmlDecode(await Client(user).GetStringAsync($"/saker/{s.CaseId}"));
        Assert.Contains("Frist for innspill", page);
        Assert.DoesNotContain("Ingen innspill er mottatt", page);
    }

    [Theory]
    [MemberData(nameof(Insiders))]
    public async Task Members_and_the_secretariat_see_the_input(As user)
    {
        if (!Factory.Ready()) return;
        var s = await SetUpAsync();
        foreach (var path in Paths(s)) using (await Anonymous.GetAsync(path)) { }
        var c = await Client(user).GetJsonAsync($"/api/v1/cases/{s.CaseId}");
        var comment = Assert.Single(c["comments"]!.AsArray());
        Assert.Equal($"{s.Marker} innspillstekst", comment.Str("text"));
        Assert.Equal($"{s.Marker} avsender", comment.Str("author"));
        var page = WebUtility.HtmlDecode(await Client(user).GetStringAsync($"/saker/{s.CaseId}"));
        Assert.Contains($"{s.Marker} innspillstekst", page);
        Assert.Contains($"{s.Marker} innspillstekst", WebUtility.HtmlDecode(await Client(user).GetStringAsync($"/api/v1/meetings/{s.HeldId}")));
    }

    private static IEnumerable<string> Paths(Scenario s) =>
    [
        $"/saker/{s.CaseId}", $"/moter/{s.HeldId}", $"/moter/{s.PlannedId}", $"/organer/{s.Slug}",
        $"/api/v1/cases/{s.CaseId}", $"/api/v1/meetings/{s.HeldId}", $"/api/v1/meetings/{s.PlannedId}", $"/api/v1/meetings?body={s.Slug}",
        $"/api/v1/bodies/{s.Slug}", $"/api/v1/bodies/{s.Slug}/decisions", $"/bodies/{s.Slug}/decisions.atom", $"/bodies/{s.Slug}/meetings.ics",
        $"/api/v1/cases/{s.CaseId}/paper.docx", $"/api/v1/meetings/{s.HeldId}/notice.docx", $"/api/v1/meetings/{s.HeldId}/minutes.docx",
    ];

    /// <summary>Text of a response; Word files are read from their XML.</summary>
    private static async Task<string> TextAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (response.Content.Headers.ContentType?.MediaType?.Contains("wordprocessingml") == true)
        {
            using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
            var sb = new StringBuilder();
            foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
            {
                using var r = new StreamReader(entry.Open());
                sb.Append(Regex.Replace(await r.ReadToEndAsync(), "<[^>]+>", ""));
            }
            return sb.ToString();
        }
        return WebUtility.HtmlDecode(Encoding.UTF8.GetString(bytes));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqlitePublicVisibilityTests(SqliteFactory factory) : PublicVisibilityTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PostgresPublicVisibilityTests(PostgresFactory factory) : PublicVisibilityTests(factory);
