using System.Collections.Concurrent;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Council;
using Samstyring.Core.Data;
using Samstyring.Core.Roadmap;
using Samstyring.Core.Search;

namespace Samstyring.Web.Tests.Search;

/// <summary>
/// GET /api/v1/search and the page /sok: Norwegian matching on the demo data, a planted word in content outsiders may not
/// see (a confidential case's background, an exempt attachment's text, a draft roadmap service, a planned meeting's case)
/// found by members and the office and by nobody else, counts included; and hostile input answered 400, never 500.
/// </summary>
public abstract class SearchTests(SamstyringFactory factory) : WebTest(factory)
{
    private static readonly ConcurrentDictionary<SamstyringFactory, Task<string>> Planted = new();

    private Task<string> PlantAsync() => Planted.GetOrAdd(Factory, CreateAsync);

    private static async Task<string> CreateAsync(SamstyringFactory factory)
    {
        // Ends in «k», which no Norwegian suffix rule removes, so marker + «ene» is its plural and shares its stem.
        var marker = "skjult" + new string(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + c % 26)).ToArray()) + "k";
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SamstyringDb>();
        var held = await db.Meetings.AsNoTracking().OrderBy(m => m.Id).FirstAsync(m => m.Status == MeetingStatus.Held || m.Status == MeetingStatus.MinutesApproved);
        var number = await db.Cases.Where(c => c.BodyId == held.BodyId && c.Year == 2032).Select(c => (int?)c.Number).MaxAsync() ?? 0;
        CouncilCase Case(string title, int meetingId, bool confidential, string? background) => new()
        {
            BodyId = held.BodyId, Year = 2032, Number = ++number, MeetingId = meetingId, Title = title, Type = CaseType.Orientering,
            Background = background, Confidential = confidential, LegalBasis = confidential ? "Offl. § 14" : null, CreatedAt = db.UtcNow, UpdatedAt = db.UtcNow,
        };
        db.Cases.Add(Case("Fortrolig sak", held.Id, true, $"Bakgrunnen nevner {marker}."));
        var open = Case("Åpen sak med unntatt vedlegg", held.Id, false, null);
        db.Cases.Add(open);
        var planned = new Meeting
        {
            BodyId = held.BodyId, Year = 2032, Number = 77, Date = new DateOnly(2032, 5, 5), StartTime = new TimeOnly(9, 0), EndTime = new TimeOnly(11, 0),
            Status = MeetingStatus.Planned, CreatedAt = db.UtcNow, UpdatedAt = db.UtcNow,
        };
        db.Meetings.Add(planned);
        var version = new RoadmapVersion { Number = "98." + marker[^3..], Status = RoadmapStatus.Draft };
        version.Services.Add(new RoadmapService { Key = "utkast", Area = "Utkast", Goal = $"Utkast om {marker}" });
        db.RoadmapVersions.Add(version);
        await db.SaveChangesAsync();
        db.Cases.Add(Case($"Planlagt sak om {marker}", planned.Id, false, null));
        var attachment = new Attachment { CaseId = open.Id, Label = "1", Title = "Unntatt notat", Confidential = true, LegalBasis = "Offl. § 13", UploadedAt = db.UtcNow };
        db.Attachments.Add(attachment);
        await db.SaveChangesAsync();
        db.AttachmentTexts.Add(new AttachmentText { AttachmentId = attachment.Id, Text = $"Notatet handler om {marker}.", Status = AttachmentTextStatus.Ok, ExtractedAt = db.UtcNow });
        await db.SaveChangesAsync();
        return marker;
    }

    [Fact]
    public async Task The_api_finds_demo_cases_by_a_word_inside_a_compound_with_a_marked_snippet_and_a_link()
    {
        if (!Factory.Ready()) return;
        var result = await Anonymous.GetJsonAsync("/api/v1/search?q=journal&type=case");
        Assert.True(result.Int("total") > 0);
        Assert.True(result["countsByType"]!["solution"]!.GetValue<int>() > 0);
        var hit = result["items"]![0]!;
        Assert.Equal("case", hit.Str("type"));
        Assert.StartsWith("/saker/", hit.Str("url"));
        Assert.Contains("<mark>", hit.Str("snippet"));
        using var page = await Anonymous.GetAsync(hit.Str("url"));
        await page.AssertStatusAsync(HttpStatusCode.OK, "the hit's page");
    }

    [Theory]
    [InlineData(As.Anonymous, 0)]
    [InlineData(As.OwnerHso, 0)]
    [InlineData(As.Ks, 0)]
    [InlineData(As.Member, 4)]
    [InlineData(As.Office, 4)]
    public async Task A_planted_word_in_what_outsiders_may_not_see_is_found_only_by_members_and_the_office(As user, int expected)
    {
        if (!Factory.Ready()) return;
        var marker = await PlantAsync();
        foreach (var q in new[] { marker, marker[..^3], marker + "ene" })
        {
            var result = await Client(user).GetJsonAsync($"/api/v1/search?q={Uri.EscapeDataString(q)}");
            Assert.Equal(expected, result.Int("total"));
            Assert.Equal(expected, result["countsByType"]!.AsObject().Sum(c => c.Value!.GetValue<int>()));
            Assert.Equal(expected, result["items"]!.AsArray().Count);
        }
        using var page = await Client(user).GetAsync($"/sok?q={marker}");
        await page.AssertStatusAsync(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($"{expected} treff", html);
        Assert.Equal(expected > 0, html.Contains($"<mark>{marker}</mark>", StringComparison.Ordinal));
        // A broad search shows no planted title or snippet to outsiders either.
        var broad = await Client(user).GetJsonAsync("/api/v1/search?q=sak&pageSize=50");
        if (expected == 0) Assert.DoesNotContain(marker, broad.ToJsonString());
    }

    [Fact]
    public async Task The_page_works_without_javascript_for_anonymous_and_signed_in_users()
    {
        if (!Factory.Ready()) return;
        foreach (var user in new[] { As.Anonymous, As.Member })
        {
            using var empty = await Client(user).GetAsync("/sok");
            await empty.AssertStatusAsync(HttpStatusCode.OK);
            var form = await empty.Content.ReadAsStringAsync();
            Assert.Contains("role=\"search\"", form);
            Assert.Contains("action=\"/sok\"", form);
            Assert.DoesNotContain("Treff", form);

            using var found = await Client(user).GetAsync("/sok?q=kjernejournalen&type=case");
            var html = await found.Content.ReadAsStringAsync();
            Assert.Contains("<mark>", html);
            Assert.Contains("href=\"/saker/", html);
            Assert.Contains("<time datetime=", html);

            using var bad = await Client(user).GetAsync("/sok?q=&from=2021-02-30&type=hemmelig");
            await bad.AssertStatusAsync(HttpStatusCode.OK);
            var errors = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
            Assert.Contains("Skriv inn det du vil søke etter.", errors);
            Assert.Contains("Fra-dato må være en gyldig dato", errors);
        }
    }

    public static TheoryData<string, string?> BadInput() => new()
    {
        { "q=", "q" },
        { "q=" + new string('x', 5000), "q" },
        { "q=sak%00", "q" },
        { "q=sak%E2%80%AEkas", "q" },
        { "q=%22*", "q" },
        { "q=og+i+p%C3%A5", "q" },
        { "q=sak&type=hemmelig", "type" },
        { "q=sak&body=..%2F..%2Fetc", "body" },
        { "q=sak&body=finnes-ikke", "body" },
        { "q=sak&from=2021-02-30", "from" },
        { "q=sak&from=2022-01-01&to=2021-01-01", "to" },
        { "q=sak&page=0", "page" },
        { "q=sak&page=9999", "page" },
        { "q=sak&pageSize=100000", "pageSize" },
        { "q=sak&page=abc", null },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_a_Norwegian_400(string query, string? field)
    {
        if (!Factory.Ready()) return;
        using var response = await Anonymous.GetAsync("/api/v1/search?" + query);
        if (field is null) await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        else await response.AssertValidationProblemAsync(field);
    }

    [Theory]
    [InlineData("%22sak")]
    [InlineData("sak*")]
    [InlineData("NEAR(sak+journal)")]
    [InlineData("sak+AND+journal")]
    [InlineData("100%25")]
    [InlineData("a_b+sak")]
    [InlineData("sak%5C")]
    [InlineData("sak+%F0%9F%99%82")]
    [InlineData("%D8%B3%D9%84%D8%A7%D9%85")]
    [InlineData("sak%E2%80%8B")]
    [InlineData("%27%3B+drop+table+search_documents%3B--")]
    public async Task Query_syntax_is_only_text(string q)
    {
        if (!Factory.Ready()) return;
        using var response = await Anonymous.GetAsync("/api/v1/search?q=" + q);
        await response.AssertStatusAsync(HttpStatusCode.OK, q);
        Assert.True((await response.ReadJsonAsync()).Int("total") >= 0);
    }
}

public sealed class SearchSqliteTests(SqliteFactory factory) : SearchTests(factory), IClassFixture<SqliteFactory>;

public sealed class SearchPostgresTests(PostgresFactory factory) : SearchTests(factory), IClassFixture<PostgresFactory>;
