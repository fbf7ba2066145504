using System.Net;

namespace Samstyring.Web.Tests.Shared;

/// <summary>
/// HEAD (RFC 9110 §9.3.2) is a GET without the body: feed readers, link checkers and caches use it. Every GET route
/// (pages, API, feeds, documents, static files) answers HEAD with the GET's status and headers and no body, and HEAD
/// gets no more than GET would: the same 401/403/404/405 for the same reader.
/// </summary>
public abstract class HeadRequestTests(SamstyringFactory factory) : WebTest(factory)
{
    private const string Board = "nasjonalt-e-helserad";

    /// <summary>A sample of GET routes of every kind; {meeting} and {case} are meeting 6/2021 and its case 37/21.</summary>
    public static TheoryData<As, string> Routes() => new()
    {
        { As.Anonymous, "/" },
        { As.Anonymous, "/organer" },
        { As.Anonymous, $"/organer/{Board}" },
        { As.Anonymous, "/moter/{meeting}" },
        { As.Anonymous, "/saker/{case}" },
        { As.Anonymous, "/api/v1/initiatives" },
        { As.Anonymous, "/api/v1/bodies" },
        { As.Anonymous, "/api/v1/meetings/{meeting}" },
        { As.Anonymous, "/api/v1/cases/{case}" },
        { As.Anonymous, "/api/v1/roadmap/versions" },
        { As.Anonymous, $"/bodies/{Board}/decisions.atom" },
        { As.Anonymous, $"/bodies/{Board}/meetings.ics" },
        { As.Anonymous, "/api/v1/meetings/{meeting}/notice.pdf" },
        { As.Anonymous, "/api/v1/cases/{case}/paper.docx" },
        { As.Anonymous, "/api/v1/portfolio/reports/2021-T3.csv" },
        { As.Anonymous, "/css/site.css" },
        { As.Anonymous, "/openapi/v1.json" },
        { As.Anonymous, "/livez" },
        { As.Anonymous, "/healthz" },
        // Not found, not logged in, not allowed, and a route that has no GET: HEAD learns what GET learns, no more.
        { As.Anonymous, "/api/v1/cases/999999" },
        { As.Anonymous, "/finnes-ikke-her" },
        { As.Anonymous, "/api/v1/audit" },
        { As.Anonymous, "/kontor/revisjonslogg" },
        { As.Member, "/api/v1/audit" },
        { As.Member, "/kontor/revisjonslogg" },
        { As.Anonymous, "/api/v1/meetings/{meeting}/notice" },
        // Logged in: the reader's own view.
        { As.Member, "/api/v1/cases/{case}" },
        { As.Office, "/sekretariat" },
        { As.Office, "/api/v1/audit" },
    };

    private async Task<string> ResolveAsync(string route)
    {
        if (!route.Contains('{')) return route;
        var meetings = await Anonymous.GetArrayAsync($"/api/v1/meetings?body={Board}&year=2021");
        var meeting = meetings.Single(m => m.Str("number") == "6/2021").Int("id");
        var detail = await Anonymous.GetJsonAsync($"/api/v1/meetings/{meeting}");
        var @case = detail["cases"]!.AsArray().Single(c => c.Str("number") == "37/21").Int("id");
        return route.Replace("{meeting}", meeting.ToString()).Replace("{case}", @case.ToString());
    }

    private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private static readonly string[] ComparedHeaders = ["Content-Type", "Content-Length", "ETag", "Last-Modified", "Cache-Control", "Location", "Allow", "Content-Disposition"];

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Head_answers_like_get_without_a_body(As user, string route)
    {
        if (!Factory.Ready()) return;
        var path = await ResolveAsync(route);
        using var get = await Client(user).GetAsync(path);
        using var head = await Client(user).SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.True(get.StatusCode == head.StatusCode, $"{user} {path}: GET {(int)get.StatusCode}, HEAD {(int)head.StatusCode}");
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        foreach (var name in ComparedHeaders)
        {
            var g = Values(get, name);
            var h = Values(head, name);
            // A page rendered twice gets a fresh antiforgery token, and a Word file made twice its own time stamps: for
            // those the length may differ by a byte or two between the two requests, so only its presence compares.
            if (name == "Content-Length" && get.Content.Headers.ContentType?.MediaType is "text/html" or Docx)
            {
                Assert.Equal(g.Length > 0, h.Length > 0);
                continue;
            }
            Assert.True(g == h, $"{user} {path}: {name} is «{g}» on GET and «{h}» on HEAD");
        }
        Assert.Equal(Values(get, "Content-Security-Policy"), Values(head, "Content-Security-Policy"));
    }

    [Fact]
    public async Task Head_on_a_feed_revalidates_with_its_etag()
    {
        if (!Factory.Ready()) return;
        var path = $"/bodies/{Board}/decisions.atom";
        using var head = await Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        await head.AssertStatusAsync(HttpStatusCode.OK);
        Assert.NotNull(head.Headers.ETag);
        var again = new HttpRequestMessage(HttpMethod.Head, path);
        again.Headers.IfNoneMatch.Add(head.Headers.ETag!);
        using var notModified = await Anonymous.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task Head_changes_nothing_and_gives_no_way_around_a_write_check()
    {
        if (!Factory.Ready()) return;
        var before = await CountInitiativesAsync();
        // A write route without GET: HEAD is not a way to reach it (405, as for GET), for anyone.
        foreach (var user in new[] { As.Anonymous, As.Office })
        {
            using var head = await Client(user).SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/initiatives/import"));
            using var get = await Client(user).GetAsync("/api/v1/initiatives/import");
            Assert.Equal(get.StatusCode, head.StatusCode);
            Assert.NotEqual(HttpStatusCode.OK, head.StatusCode);
        }
        Assert.Equal(before, await CountInitiativesAsync());
    }

    private static string Values(HttpResponseMessage r, string name) =>
        r.Headers.TryGetValues(name, out var a) ? string.Join(",", a)
        : r.Content.Headers.TryGetValues(name, out var b) ? string.Join(",", b) : "";
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteHeadRequestTests(SqliteFactory factory) : HeadRequestTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PostgresHeadRequestTests(PostgresFactory factory) : HeadRequestTests(factory);
