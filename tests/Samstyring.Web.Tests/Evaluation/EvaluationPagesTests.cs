using System.Net;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Data;

namespace Samstyring.Web.Tests.Evaluation;

/// <summary>The pages under /strategi/vurderinger: the public ranking with chart and sensitivity, proposing, scoring with Norwegian errors.</summary>
public abstract class EvaluationPagesTests(SamstyringFactory factory) : WebTest(factory)
{
    private Task<int> DemoIdAsync() => WithDbAsync(db => db.Evaluations.Where(e => e.Title == Seeder.DemoEvaluationTitle).Select(e => e.Id).SingleAsync());

    [Fact]
    public async Task The_public_sees_the_list_and_the_ranking_with_chart_sensitivity_and_the_equal_weights_said()
    {
        if (!Factory.Ready()) return;
        var list = await PageAsync(Anonymous, "/strategi/vurderinger");
        Assert.Contains(Seeder.DemoEvaluationTitle, list);
        var id = await DemoIdAsync();
        var page = await PageAsync(Anonymous, $"/strategi/vurderinger/{id}?topp=2&trekninger=100");
        Assert.Contains("Styret har ikke fastsatt vektene ennå. Inntil da teller alle prinsippene likt.", page);
        Assert.Contains("Bidra til forebygging og pasientsikkerhet", page);
        Assert.Contains("<svg", page);
        Assert.Contains("Andel i topp 2", page);
        Assert.Contains("Kåre Koordinator (KS)", page); // kept as proposer on the merged area
        Assert.DoesNotContain("Porteføljekontoret</h2>", page);
        Assert.DoesNotContain("Gi poeng", page);
    }

    [Fact]
    public async Task A_KS_user_proposes_and_a_panel_member_scores_with_errors_in_Norwegian()
    {
        if (!Factory.Ready()) return;
        var id = await DemoIdAsync();
        // The demo round is being scored; the office opens a round for proposals.
        using var created = await Client(As.Office).PostJsonAsync("/api/v1/evaluations", new { title = UniqueName("Siderunde"), purpose = "target-areas" });
        var round = (await created.ReadJsonAsync())["summary"].Int("id");
        var (ks, ksToken) = await SignedInBrowserAsync(As.Ks);
        var title = UniqueName("Målområde fra KS");
        var location = await PostFormAsync(ks, $"/strategi/vurderinger/{round}?handler=Propose",
            new() { ["title"] = title, ["description"] = "Fra siden.", ["__RequestVerificationToken"] = ksToken }, HttpStatusCode.Redirect);
        Assert.Equal($"/strategi/vurderinger/{round}", location);
        Assert.Contains(title, await PageAsync(ks, location));
        var empty = await PostFormAsync(ks, $"/strategi/vurderinger/{round}?handler=Propose",
            new() { ["title"] = " ", ["__RequestVerificationToken"] = ksToken });
        Assert.Contains("Målområdet må fylles ut.", empty);

        // medlem is on the demo panel and scores a demo area: a score outside 0–4 and a missing reason are refused.
        var (member, token) = await SignedInBrowserAsync(As.Member);
        var candidate = await WithDbAsync(db => db.EvaluationCandidates.Where(c => c.EvaluationId == id && c.MergedIntoId == null).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var url = $"/strategi/vurderinger/{id}/forslag/{candidate}/poeng";
        var form = await PageAsync(member, url);
        var version = System.Text.RegularExpressions.Regex.Match(form, "name=\"version\" value=\"(\\d+)\"").Groups[1].Value;
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["version"] = version };
        for (var n = 1; n <= 11; n++) { fields[$"score{n}"] = "3"; fields[$"reason{n}"] = "Begrunnet."; }
        fields["score1"] = "7";
        fields["reason2"] = "";
        var refused = await PostFormAsync(member, url, fields);
        Assert.Contains("Poeng for prinsipp 1 må være fra 0 til 4, ikke 7.", refused);
        Assert.Contains("Begrunnelsen for prinsipp 2 må fylles ut.", refused);
        fields["score1"] = "4";
        fields["reason2"] = "Nå begrunnet.";
        Assert.StartsWith($"/strategi/vurderinger/{id}", await PostFormAsync(member, url, fields, HttpStatusCode.Redirect));
        // The same form again is stale now.
        Assert.Contains("Noen andre har lagret endringer i mellomtiden", await PostFormAsync(member, url, fields));
        // Someone not on the panel may not open the form.
        var (oslo, _) = await SignedInBrowserAsync(As.OwnerOslo);
        await PageAsync(oslo, url, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Every_form_that_posts_on_the_round_page_carries_the_antiforgery_token()
    {
        if (!Factory.Ready()) return;
        // The forms post to ?handler=…, an explicit action: the form tag helper adds the token there only when asked to.
        // Without it the browser's post is refused as «Ugyldig forespørsel» (found by the browser flow test).
        using var created = await Client(As.Office).PostJsonAsync("/api/v1/evaluations", new { title = UniqueName("Skjemarunde"), purpose = "target-areas" });
        var round = (await created.ReadJsonAsync())["summary"].Int("id");
        foreach (var (user, handlers) in new[] { (As.Ks, new[] { "Propose" }), (As.Office, new[] { "Propose", "Stage", "Panel", "Weights" }) })
        {
            var (browser, _) = await SignedInBrowserAsync(user);
            var page = await PageAsync(browser, $"/strategi/vurderinger/{round}");
            var forms = System.Text.RegularExpressions.Regex.Matches(page, "<form method=\"post\"(?<form>.*?)</form>", System.Text.RegularExpressions.RegexOptions.Singleline)
                .Select(m => m.Groups["form"].Value).ToList();
            foreach (var handler in handlers)
            {
                var form = Assert.Single(forms, f => f.Contains($"?handler={handler}\"", StringComparison.Ordinal));
                Assert.True(form.Contains("name=\"__RequestVerificationToken\"", StringComparison.Ordinal), $"Skjemaet for {handler} ({user}) mangler antiforgery-nøkkelen.");
            }
        }
    }
}

public sealed class EvaluationPagesSqliteTests(SqliteFactory factory) : EvaluationPagesTests(factory), IClassFixture<SqliteFactory>;

public sealed class EvaluationPagesPostgresTests(PostgresFactory factory) : EvaluationPagesTests(factory), IClassFixture<PostgresFactory>;
