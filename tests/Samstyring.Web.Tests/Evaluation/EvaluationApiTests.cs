using System.Net;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Data;

namespace Samstyring.Web.Tests.Evaluation;

/// <summary>The evaluation API: the demo round's ranking and sensitivity, a round's way to a weighted ranking, and bad input in Norwegian.</summary>
public abstract class EvaluationApiTests(SamstyringFactory factory) : WebTest(factory)
{
    private const string Api = "/api/v1/evaluations";

    private Task<int> DemoIdAsync() => WithDbAsync(db => db.Evaluations.Where(e => e.Title == Seeder.DemoEvaluationTitle).Select(e => e.Id).SingleAsync());

    private static object[] Scores(params int[] values) => values.Select((v, i) => (object)new { principle = i + 1, value = v, reason = $"Grunn {i + 1}" }).ToArray();

    [Fact]
    public async Task The_demo_round_is_public_with_equal_weights_said_so_a_ranking_and_its_sensitivity()
    {
        if (!Factory.Ready()) return;
        var id = await DemoIdAsync();
        var round = await Anonymous.GetJsonAsync($"{Api}/{id}?top=2&draws=200&seed=7");
        Assert.False(round["candidatesHidden"]!.GetValue<bool>());
        Assert.Equal("target-areas", round["summary"].Str("purpose"));
        // The round serves the strategy from 2023, a draft: the link is there for the office, not for the public.
        var draft = await WithDbAsync(db => db.Strategies.Where(s => s.FromYear == 2023).Select(s => s.Id).SingleAsync());
        Assert.Null(round["summary"]!["strategyId"]);
        Assert.Null((await Anonymous.GetArrayAsync(Api)).Single(r => r.Int("id") == id)!["strategyId"]);
        Assert.Equal(draft, (await Client(As.Office).GetJsonAsync($"{Api}/{id}"))["summary"].Int("strategyId"));
        Assert.Equal(draft, (await Client(As.Member).GetArrayAsync(Api)).Single(r => r.Int("id") == id).Int("strategyId"));
        Assert.False(round["weights"]!["decided"]!.GetValue<bool>());
        Assert.Contains("teller alle prinsippene likt", round["weights"].Str("text"));
        Assert.Equal(11, round["principleSet"]!["principles"]!.AsArray().Count);
        Assert.Equal(5, round["ranking"]!.AsArray().Count);
        var sens = round["sensitivity"]!;
        Assert.Equal((2, 200, 7), (sens.Int("topN"), sens.Int("draws"), sens["seed"]!.GetValue<int>()));
        Assert.Equal(22, sens["shifts"]!.AsArray().Count);
        // Shares of the top 2 add up to at least 2 (ties at the boundary may add more).
        Assert.True(sens["drawResults"]!.AsArray().Sum(d => d!["topNShare"]!.GetValue<double>()) >= 2 - 1e-9);
        // The same seed gives the same answer.
        var again = await Anonymous.GetJsonAsync($"{Api}/{id}?top=2&draws=200&seed=7");
        Assert.Equal(sens["drawResults"]!.ToJsonString(), again["sensitivity"]!["drawResults"]!.ToJsonString());

        using var csv = await Anonymous.GetAsync($"{Api}/{id}/scores.csv");
        await csv.AssertStatusAsync(HttpStatusCode.OK);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 5 * 2 * 11, lines.Length);
        using var pdf = await Anonymous.GetAsync($"{Api}/{id}/report.pdf?draws=100");
        await pdf.AssertStatusAsync(HttpStatusCode.OK);
        Assert.StartsWith("%PDF", await pdf.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_is_answered_in_Norwegian_naming_the_field_and_nothing_is_saved()
    {
        if (!Factory.Ready()) return;
        var id = await DemoIdAsync();
        using (var top = await Anonymous.GetAsync($"{Api}/{id}?top=0&draws=20000"))
        {
            var detail = await top.AssertValidationProblemAsync("top");
            Assert.True(ApiHelpers.LooksNorwegian(detail));
        }
        using (var notNumber = await Anonymous.GetAsync($"{Api}/{id}?draws=mange"))
            await notNumber.AssertValidationProblemAsync("draws");
        using (var missing = await Anonymous.GetAsync($"{Api}/999999"))
            await missing.AssertStatusAsync(HttpStatusCode.NotFound);

        using var created = await Client(As.Office).PostJsonAsync(Api, new { title = UniqueName("API-runde"), purpose = "target-areas" });
        await created.AssertStatusAsync(HttpStatusCode.Created);
        var round = (await created.ReadJsonAsync())["summary"].Int("id");
        var etag = created.Headers.ETag!.Tag;
        using var proposed = await Client(As.Ks).PostJsonAsync($"{Api}/{round}/proposals", new { title = "Område", description = "" });
        var candidate = (await proposed.ReadJsonAsync()).Int("id");
        var audit = await AuditCountAsync();

        using (var bad = await Client(As.Office).PutJsonAsync($"{Api}/{round}/candidates/{candidate}/scores",
                   new { scores = Scores(5, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4).Select((s, i) => i == 1 ? new { principle = 2, value = 3, reason = "" } : s).ToArray() }))
        {
            await bad.AssertStatusAsync(HttpStatusCode.BadRequest);
            var errors = (await bad.ReadJsonAsync())["errors"]!;
            Assert.Equal("Poeng for prinsipp 1 må være fra 0 til 4, ikke 5.", errors["score1"]![0]!.GetValue<string>());
            Assert.Equal("Begrunnelsen for prinsipp 2 må fylles ut.", errors["reason2"]![0]!.GetValue<string>());
        }
        var caseId = await WithDbAsync(db => db.Cases.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        using (var zero = await Client(As.Office).PutJsonAsync($"{Api}/{round}/weights",
                   new { weights = Enumerable.Range(1, 11).Select(n => new { principle = n, weight = 0 }), caseId }, etag))
        {
            var detail = await zero.AssertValidationProblemAsync("weights");
            Assert.StartsWith("Minst én vekt må være større enn null", detail, StringComparison.Ordinal);
        }
        using (var negative = await Client(As.Office).PutJsonAsync($"{Api}/{round}/weights",
                   new { weights = Enumerable.Range(1, 11).Select(n => new { principle = n, weight = n == 4 ? -2 : 1 }), caseId }, etag))
            await negative.AssertValidationProblemAsync("weight4");
        using (var noVersion = await Client(As.Office).PutJsonAsync($"{Api}/{round}/weights",
                   new { weights = Enumerable.Range(1, 11).Select(n => new { principle = n, weight = 1 }), caseId }))
            await noVersion.AssertVersionRequiredAsync();
        using (var stale = await Client(As.Office).PutJsonAsync($"{Api}/{round}/weights",
                   new { weights = Enumerable.Range(1, 11).Select(n => new { principle = n, weight = 1 }), caseId }, "\"99\""))
            await stale.AssertStatusAsync(HttpStatusCode.PreconditionFailed);
        using (var malformed = await Client(As.Office).SendJsonAsync(HttpMethod.Post, $"{Api}/{round}/stage", new { published = "ja" }, etag))
            await malformed.AssertStatusAsync(HttpStatusCode.BadRequest);
        // A misspelt list does not empty the panel: only an empty «userNames» does.
        using (var misspelt = await Client(As.Office).PutJsonAsync($"{Api}/{round}/panel", new { members = new[] { "medlem" } }, etag))
        {
            var detail = await misspelt.AssertValidationProblemAsync("userNames");
            Assert.StartsWith("Panelet mangler", detail, StringComparison.Ordinal);
        }
        Assert.Equal(audit, await AuditCountAsync());
    }

    [Fact]
    public async Task A_proposal_is_merged_scored_by_two_and_ranked_by_the_boards_weights()
    {
        if (!Factory.Ready()) return;
        using var created = await Client(As.Office).PostJsonAsync(Api, new { title = UniqueName("API-runde"), purpose = "target-areas" });
        var round = (await created.ReadJsonAsync())["summary"].Int("id");
        var etag = created.Headers.ETag!.Tag;
        async Task<int> Propose(As who, string title)
        {
            using var r = await Client(who).PostJsonAsync($"{Api}/{round}/proposals", new { title, description = "" });
            await r.AssertStatusAsync(HttpStatusCode.Created, "propose " + title);
            return (await r.ReadJsonAsync()).Int("id");
        }
        var a = await Propose(As.Ks, "Sammenheng");
        var dup = await Propose(As.OwnerOslo, "Sammenhengende tjenester");
        var b = await Propose(As.Member, "Sikkerhet");
        Assert.True((await Anonymous.GetJsonAsync($"{Api}/{round}"))["candidatesHidden"]!.GetValue<bool>());

        using (var merged = await Client(As.Office).PostJsonAsync($"{Api}/{round}/merge", new { keepId = a, duplicateId = dup, version = 1 }))
        {
            await merged.AssertStatusAsync(HttpStatusCode.OK);
            Assert.Equal(2, (await merged.ReadJsonAsync())["proposers"]!.AsArray().Count);
        }
        using (var panel = await Client(As.Office).PutJsonAsync($"{Api}/{round}/panel", new { userNames = new[] { "medlem", "eier-hso" } }, etag))
            etag = panel.Headers.ETag!.Tag;
        using (var stage = await Client(As.Office).SendJsonAsync(HttpMethod.Post, $"{Api}/{round}/stage", new { status = "scoring", published = true }, etag))
            etag = stage.Headers.ETag!.Tag;
        foreach (var who in new[] { As.Member, As.OwnerHso })
        {
            using var sa = await Client(who).PutJsonAsync($"{Api}/{round}/candidates/{a}/scores", new { scores = Scores(4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 0) });
            await sa.AssertStatusAsync(HttpStatusCode.Created);
            using var sb = await Client(who).PutJsonAsync($"{Api}/{round}/candidates/{b}/scores", new { scores = Scores(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 4) });
            await sb.AssertStatusAsync(HttpStatusCode.Created);
        }
        // Equal weights: A = 40/11 ≈ 3.64, B = 14/11 ≈ 1.27.
        var equal = await Anonymous.GetJsonAsync($"{Api}/{round}?top=1&draws=100");
        Assert.Equal([a, b], equal["ranking"]!.AsArray().Select(r => r.Int("candidateId")));
        Assert.Equal(40 / 11.0, equal["ranking"]![0]!["total"]!.GetValue<double>(), 9);
        var caseId = await WithDbAsync(db => db.Cases.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        // The board weighs principle 11 only: A = 0, B = 4.
        using var weights = await Client(As.Office).PutJsonAsync($"{Api}/{round}/weights?top=1&draws=100",
            new { weights = Enumerable.Range(1, 11).Select(n => new { principle = n, weight = n == 11 ? 100 : 0 }), caseId, decidedOn = "2022-02-04" }, etag);
        await weights.AssertStatusAsync(HttpStatusCode.OK);
        var weighted = await weights.ReadJsonAsync();
        Assert.True(weighted["weights"]!["decided"]!.GetValue<bool>());
        Assert.Equal([b, a], weighted["ranking"]!.AsArray().Select(r => r.Int("candidateId")));
        Assert.Equal(1.0, weighted["sensitivity"]!["drawResults"]![0]!["topNShare"]!.GetValue<double>());
    }
}

public sealed class EvaluationApiSqliteTests(SqliteFactory factory) : EvaluationApiTests(factory), IClassFixture<SqliteFactory>;

public sealed class EvaluationApiPostgresTests(PostgresFactory factory) : EvaluationApiTests(factory), IClassFixture<PostgresFactory>;
