using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;

namespace Samstyring.Web.Tests.Shared;

/// <summary>
/// Expected outcomes (not found, no access, bad input, a missing or stale version) are not errors: they are logged at
/// information level at most, without a stack trace. Error level is kept for real errors (see the damaged attachment
/// in AttachmentApiTests, which is logged as an error).
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class LoggingTests(SqliteFactory factory) : WebTest(factory)
{
    public static TheoryData<string, string, string, string, int> Outcomes => new()
    {
        // who, method, path, accept, status
        { "anonym", "GET", "/rad", "text/html", 404 },
        { "anonym", "GET", "/tiltak/999999", "text/html", 404 },
        { "anonym", "GET", "/moter/999999", "text/html", 404 },
        { "anonym", "GET", "/veikart/99.9", "text/html", 404 },
        { "anonym", "GET", "/api/v1/cases/999999", "application/json", 404 },
        { "anonym", "GET", "/api/v1/initiatives/999999", "application/json", 404 },
        { "anonym", "GET", "/api/v1/meetings?body=%00", "application/json", 400 },
        { "medlem", "GET", "/kontor", "text/html", 403 },
        { "medlem", "GET", "/sekretariat/saker/999999/rediger", "text/html", 403 },
        { "medlem", "POST", "/api/v1/initiatives/import", "application/json", 403 },
        { "medlem", "POST", "/api/v1/cases/999999/decision", "application/json", 403 },
        { "kontor", "POST", "/api/v1/initiatives", "application/json", 400 },
        { "kontor", "PUT", "/api/v1/cases/999999", "application/json", 404 },
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public async Task An_expected_outcome_is_not_logged_as_an_error(string who, string method, string path, string accept, int status)
    {
        var client = who switch { "medlem" => Client(As.Member), "kontor" => Client(As.Office), _ => Anonymous };
        var (traceId, traceparent) = RequestLog.NewTrace();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Accept.ParseAdd(accept);
        request.Headers.Add("traceparent", traceparent);
        if (method != "GET") request.Content = JsonContent.Create(new { });

        using var response = await client.SendAsync(request);

        await response.AssertStatusAsync((HttpStatusCode)status, path);
        // EF Core's one-time query warnings (split queries) come with whichever request first compiles a query; not ours to judge.
        var loud = RequestLog.For(traceId)
            .Where(e => e.Level >= LogLevel.Error || e.Exception is not null
                || (e.Level == LogLevel.Warning && !e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)))
            .ToList();
        Assert.True(loud.Count == 0, $"{method} {path} ({status}) logget:\n" +
            string.Join("\n", loud.Select(e => $"{e.Level} {e.Category}: {e.Message}\n{e.Exception}")));
    }

    [Fact]
    public async Task A_refusal_that_reaches_the_exception_handler_is_logged_at_information_with_its_status()
    {
        // A page handler that throws NotFoundException (the meeting does not exist) goes through the exception handler.
        var (traceId, traceparent) = RequestLog.NewTrace();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/moter/999999");
        request.Headers.Accept.ParseAdd("text/html");
        request.Headers.Add("traceparent", traceparent);
        using var response = await Anonymous.SendAsync(request);
        await response.AssertStatusAsync(HttpStatusCode.NotFound);

        var entries = RequestLog.For(traceId);
        Assert.Contains(entries, e => e.Level == LogLevel.Information && e.Message.Contains("/moter/999999 svarte 404"));
    }
}
