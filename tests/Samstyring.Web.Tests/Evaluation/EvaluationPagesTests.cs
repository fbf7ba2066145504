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
    public async Task The_office_merges_and_records_the_weights_by_picking_from_lists()
    {
        if (!Factory.Ready()) return;
        using var created = await Client(As.Office).PostJsonAsync("/api/v1/evaluations", new { title = UniqueName("Sammenslåing"), purpose = "target-areas" });
        var round = (await created.ReadJsonAsync())["summary"].Int("id");
        var kept = UniqueName("Samhandling");
        var duplicate = UniqueName("Samhandling (dublett)");
        using (var a = await Client(As.Ks).PostJsonAsync($"/api/v1/evaluations/{round}/proposals", new { title = kept, description = "" }))
            await a.AssertStatusAsync(HttpStatusCode.Created);
        using (var b = await Client(As.Member).PostJsonAsync($"/api/v1/evaluations/{round}/proposals", new { title = duplicate, description = "" }))
            await b.AssertStatusAsync(HttpStatusCode.Created);
        var ids = await WithDbAsync(db => db.EvaluationCandidates.Where(c => c.EvaluationId == round).ToDictionaryAsync(c => c.Title, c => c.Id));

        var (office, _) = await SignedInBrowserAsync(As.Office);
        using var _o = office;
        var url = $"/strategi/vurderinger/{round}";
        var merge = Forms.FieldsOfFormWith(await PageAsync(office, url), "keepId");
        merge["keepId"] = ids[kept].ToString(System.Globalization.CultureInfo.InvariantCulture);
        merge["duplicateId"] = ids[duplicate].ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(url, await PostFormAsync(office, url + "?handler=Merge", merge, HttpStatusCode.Redirect));
        var proposers = await WithDbAsync(db => db.EvaluationCandidates.Where(c => c.Id == ids[kept]).SelectMany(c => c.Proposers).Select(p => p.UserName).OrderBy(n => n).ToListAsync());
        Assert.Equal(["ks", "medlem"], proposers);
        Assert.Contains("er allerede slått sammen", await PostFormAsync(office, url + "?handler=Merge", merge));

        // The weights form offers the council's cases by number and title; 40/21 set the weights.
        var page = await PageAsync(office, url);
        Assert.Contains("sak 40/21: ", page);
        var weights = Forms.FieldsOfFormWith(page, "caseId");
        for (var n = 1; n <= 11; n++) weights[$"weight{n}"] = n == 1 ? "30" : "7";
        weights["caseId"] = "999999";
        Assert.Contains("Sak 999999 finnes ikke.", await PostFormAsync(office, url + "?handler=Weights", weights));
        var case40 = await WithDbAsync(db => db.Cases.Where(c => c.Number == 40 && c.Year == 2021).Select(c => c.Id).FirstAsync());
        weights["caseId"] = case40.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(url, await PostFormAsync(office, url + "?handler=Weights", weights, HttpStatusCode.Redirect));
        Assert.Equal(case40, await WithDbAsync(db => db.Evaluations.Where(e => e.Id == round).Select(e => e.WeightsCaseId).SingleAsync()));
    }

    [Fact]
    public async Task The_office_takes_a_prioritised_proposal_into_the_strategy_from_the_page()
    {
        if (!Factory.Ready()) return;
        var strategy = await WithDbAsync(db => db.Strategies.Where(x => x.Status == Samstyring.Core.Strategy.StrategyStatus.Draft).Select(x => x.Id).FirstAsync());
        using var created = await Client(As.Office).PostJsonAsync("/api/v1/evaluations", new { title = UniqueName("Strategirunde"), purpose = "target-areas", strategyId = strategy });
        var round = (await created.ReadJsonAsync())["summary"].Int("id");
        var title = UniqueName("Trygg deling");
        using (var p = await Client(As.Ks).PostJsonAsync($"/api/v1/evaluations/{round}/proposals", new { title, description = "Målet fra forslaget." }))
            await p.AssertStatusAsync(HttpStatusCode.Created);

        var (office, _) = await SignedInBrowserAsync(As.Office);
        using var _o = office;
        var url = $"/strategi/vurderinger/{round}";
        var form = Forms.FieldsOfFormWith(await PageAsync(office, url), "candidateId");
        Assert.Contains("Velg forslaget som skal bli målområde.", await PostFormAsync(office, url + "?handler=TargetArea", form));
        form["candidateId"] = (await WithDbAsync(db => db.EvaluationCandidates.Where(c => c.EvaluationId == round).Select(c => c.Id).SingleAsync())).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(url, await PostFormAsync(office, url + "?handler=TargetArea", form, HttpStatusCode.Redirect));
        Assert.Contains($"«{title}» er lagt til som målområde", await PageAsync(office, url));
        Assert.Equal("Målet fra forslaget.", await WithDbAsync(db => db.TargetAreas.Where(a => a.StrategyId == strategy && a.Title == title).Select(a => a.Goal).SingleAsync()));
    }

    [Fact]
    public async Task In_a_round_on_initiatives_an_owner_picks_the_initiative_from_the_portfolio()
    {
        if (!Factory.Ready()) return;
        using var created = await Client(As.Office).PostJsonAsync("/api/v1/evaluations", new { title = UniqueName("Kandidattiltak"), purpose = "initiatives" });
        var round = (await created.ReadJsonAsync())["summary"].Int("id");
        var (owner, _) = await SignedInBrowserAsync(As.OwnerHso);
        using var _b = owner;
        var url = $"/strategi/vurderinger/{round}";
        var page = await PageAsync(owner, url);
        Assert.Contains("Nasjonal Tarmscreening (", page);
        var form = Forms.FieldsOfFormWith(page, "initiativeId");
        var tarm = await InitiativeIdAsync("Nasjonal Tarmscreening");
        form["initiativeId"] = tarm.ToString(System.Globalization.CultureInfo.InvariantCulture);
        form["description"] = "Viktig for pasientsikkerheten.";
        Assert.Equal(url, await PostFormAsync(owner, url + "?handler=Propose", form, HttpStatusCode.Redirect));
        Assert.True(await WithDbAsync(db => db.EvaluationCandidates.AnyAsync(c => c.EvaluationId == round && c.InitiativeId == tarm && c.Title == "Nasjonal Tarmscreening")));
        Assert.Contains("er allerede foreslått i denne vurderingen", await PostFormAsync(owner, url + "?handler=Propose", form));
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
