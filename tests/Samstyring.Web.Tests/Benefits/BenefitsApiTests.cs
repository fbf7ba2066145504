using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Samstyring.Web.Tests.Benefits;

/// <summary>Benefits over the API and the pages: reading, changing with versions, reporting realised values, the analysis.</summary>
public abstract class BenefitsApiTests(SamstyringFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task The_owner_adds_a_benefit_reports_a_realised_value_and_the_public_reads_it_with_its_plan()
    {
        if (!Factory.Ready()) return;
        var hso = await OrganizationIdAsync("Helse Sør-Øst RHF");
        var tarm = await InitiativeIdAsync("Nasjonal Tarmscreening");
        var owner = Client(As.OwnerHso);
        using var created = await owner.PostJsonAsync($"/api/v1/initiatives/{tarm}/benefits", BenefitsAuthorizationMatrixTests.BenefitBody(hso, "Frigjort tid i screeningen"));
        await created.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        var id = (await created.ReadJsonAsync()).Int("id");

        // A period that has not started takes no value; a period that has, does.
        using (var setUp = await Client(As.Office).PostJsonAsync("/api/v1/reporting-years", new { year = 2097, cadence = "tertial" }))
            await setUp.AssertStatusAsync(HttpStatusCode.OK);
        using (var future = await owner.PutJsonAsync($"/api/v1/initiatives/{tarm}/benefit-values/2097-T1", new { values = new[] { new { benefitId = id, value = 100m } } }))
            Assert.Equal("Det kan ikke rapporteres realiserte gevinster for en periode som ikke har startet.", await future.AssertValidationProblemAsync("period"));
        using (var reported = await owner.PutJsonAsync($"/api/v1/initiatives/{tarm}/benefit-values/2021-T3", new { values = new[] { new { benefitId = id, value = 110m, comment = "Første måling" } } }))
            await reported.AssertStatusAsync(HttpStatusCode.OK);
        using (var again = await owner.PutJsonAsync($"/api/v1/initiatives/{tarm}/benefit-values/2021-T3", new { values = new[] { new { benefitId = id, value = 105m } } }))
            await again.AssertVersionRequiredAsync();
        using (var stale = await owner.PutJsonAsync($"/api/v1/initiatives/{tarm}/benefit-values/2021-T3", new { values = new[] { new { benefitId = id, value = 105m, version = 7 } } }))
            await stale.AssertStatusAsync(HttpStatusCode.PreconditionFailed);

        var read = await Anonymous.GetJsonAsync($"/api/v1/initiatives/{tarm}/benefits");
        Assert.False(read["benefitValuesRequired"]!.GetValue<bool>());
        var benefit = read["benefits"]!.AsArray().Single(b => b.Int("id") == id)!;
        Assert.Equal("freed-staff-time", benefit.Str("type"));
        Assert.Equal(110m, benefit["realised"]![0]!["value"]!.GetValue<decimal>());
        Assert.Equal("2021-T3", benefit["standing"].Str("period"));

        var page = await PageAsync(Anonymous, $"/tiltak/{tarm}/gevinster");
        Assert.Contains("Frigjort tid i screeningen", page);
        Assert.Contains("Første måling", page);
        using var svg = await Anonymous.GetAsync($"/api/v1/benefits/{id}/chart.svg");
        await svg.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Contains("role=\"img\"", await svg.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_change_needs_the_version_and_bad_input_is_a_Norwegian_field_error()
    {
        if (!Factory.Ready()) return;
        var hso = await OrganizationIdAsync("Helse Sør-Øst RHF");
        var tarm = await InitiativeIdAsync("Nasjonal Tarmscreening");
        var owner = Client(As.OwnerHso);
        using var created = await owner.PostJsonAsync($"/api/v1/initiatives/{tarm}/benefits", BenefitsAuthorizationMatrixTests.BenefitBody(hso, "Versjonert"));
        var id = (await created.ReadJsonAsync()).Int("id");
        using (var missing = await owner.PutJsonAsync($"/api/v1/initiatives/{tarm}/benefits/{id}", BenefitsAuthorizationMatrixTests.BenefitBody(hso, "Uten versjon")))
            await missing.AssertVersionRequiredAsync();
        using (var ok = await owner.PutJsonAsync($"/api/v1/initiatives/{tarm}/benefits/{id}", BenefitsAuthorizationMatrixTests.BenefitBody(hso, "Med versjon"), "\"1\""))
        {
            await ok.AssertStatusAsync(HttpStatusCode.OK);
            Assert.Equal("\"2\"", ok.Headers.ETag?.Tag);
        }
        using (var stale = await owner.PutJsonAsync($"/api/v1/initiatives/{tarm}/benefits/{id}", BenefitsAuthorizationMatrixTests.BenefitBody(hso, "Gammel"), "\"1\""))
            await stale.AssertStatusAsync(HttpStatusCode.PreconditionFailed);

        using (var text = await owner.SendJsonAsync(HttpMethod.Post, $"/api/v1/initiatives/{tarm}/benefits", new { title = "X", baseline = "mye" }))
            Assert.Equal("Utgangsverdien må være et tall.", await text.AssertValidationProblemAsync("baseline"));
        using (var type = await owner.PostJsonAsync($"/api/v1/initiatives/{tarm}/benefits", new { title = "X", type = "mer-kaffe" }))
            Assert.True(ApiHelpers.LooksNorwegian(await type.AssertValidationProblemAsync("type")));
        Assert.Equal("Med versjon", await WithDbAsync(db => db.Benefits.Where(b => b.Id == id).Select(b => b.Title).SingleAsync()));
    }

    [Fact]
    public async Task The_demo_analysis_marks_the_prioritised_solution_and_a_negative_rate_is_refused()
    {
        if (!Factory.Ready()) return;
        var id = await InitiativeIdAsync("Program digital samhandling");
        var npv = await Anonymous.GetJsonAsync($"/api/v1/initiatives/{id}/benefits/npv");
        Assert.Equal(4m, npv["discountRate"]!.GetValue<decimal>());
        Assert.Contains("R-109/2021", npv.Str("discountRateSource"));
        var largest = npv["alternatives"]!.AsArray().Single(a => a!["largest"]!.GetValue<bool>());
        Assert.Equal("Prioritert løsning", largest.Str("name"));
        Assert.Equal(7, npv["sensitivity"]!.AsArray().Count);
        using (var negative = await Anonymous.GetAsync($"/api/v1/initiatives/{id}/benefits/npv?rate=-1"))
            Assert.Equal("Diskonteringsrenten kan ikke være negativ.", await negative.AssertValidationProblemAsync("rate"));
        using (var text = await Anonymous.GetAsync($"/api/v1/initiatives/{id}/benefits/npv?rate=fire"))
            Assert.True(ApiHelpers.LooksNorwegian(await text.AssertValidationProblemAsync("rate")));
        var page = await PageAsync(Anonymous, $"/tiltak/{id}/gevinster");
        Assert.Contains("Størst netto nåverdi", page);
        Assert.Contains("R-109/2021", page);
        using var pdf = await Anonymous.GetAsync($"/api/v1/initiatives/{id}/benefits/plan.pdf");
        await pdf.AssertStatusAsync(HttpStatusCode.OK);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]));
    }

    [Fact]
    public async Task The_follow_up_shows_the_demo_benefits_on_track_and_late_per_owner_against_their_plan()
    {
        if (!Factory.Ready()) return;
        var f = await Anonymous.GetJsonAsync("/api/v1/portfolio/benefits");
        var hso = f["perOwner"]!.AsArray().Single(g => g.Str("name") == "Helse Sør-Øst RHF")!;
        Assert.True(hso["counts"].Int(DemoBenefitStanding.FreedTimeOnTrack ? "onTrack" : "late") >= 1 && hso["counts"].Int("late") >= 1, hso.ToJsonString());
        var freed = f["benefits"]!.AsArray().First(b => b.Str("initiative") == "Kjernejournal dokumentdeling" && b.Str("type") == "freed-staff-time")!;
        Assert.Equal(DemoBenefitStanding.FreedTimeTrack, freed["standing"].Str("track"));
        Assert.Equal(112m, freed["standing"]!["realised"]!.GetValue<decimal>());
        var page = await PageAsync(Anonymous, "/rapport/gevinster");
        Assert.Contains("Realisert mot planlagt", page);
        Assert.Contains("Forsinket", page);
        Assert.Contains("/rapport/gevinster", await PageAsync(Anonymous, "/rapport"));
    }

    [Fact]
    public async Task The_owner_reports_through_the_form_and_another_owner_is_refused_the_form()
    {
        if (!Factory.Ready()) return;
        var id = await InitiativeIdAsync("Kjernejournal dokumentdeling");
        var (browser, _) = await SignedInBrowserAsync(As.OwnerHso);
        using (browser)
        {
            var form = await PageAsync(browser, $"/tiltak/{id}/gevinster/rapporter?periode=2021-T1");
            var fields = Forms.FieldsOfFormWith(form, "period");
            // Samstyring: the benefit without a value for 2021-T1 must get one.
            var emptyValue = fields.First(f => f.Key.EndsWith(".value", StringComparison.Ordinal) && f.Value == "").Key;
            var shown = await PostFormAsync(browser, $"/tiltak/{id}/gevinster/rapporter?periode=2021-T1", fields);
            Assert.Contains("må fylles ut", shown);
            fields[emptyValue] = "39,5";
            Assert.Equal($"/tiltak/{id}/gevinster", await PostFormAsync(browser, $"/tiltak/{id}/gevinster/rapporter?periode=2021-T1", fields, HttpStatusCode.Redirect));
            Assert.True(await WithDbAsync(db => db.BenefitValues.AnyAsync(v => v.Value == 39.5m && v.Period.Code == "2021-T1" && v.ReportedBy == "eier-hso")));
        }
        var (oslo, _) = await SignedInBrowserAsync(As.OwnerOslo);
        using (oslo) await PageAsync(oslo, $"/tiltak/{id}/gevinster/rapporter", HttpStatusCode.Forbidden);
    }
}

public sealed class BenefitsApiSqliteTests(SqliteFactory factory) : BenefitsApiTests(factory), IClassFixture<SqliteFactory>;

public sealed class BenefitsApiPostgresTests(PostgresFactory factory) : BenefitsApiTests(factory), IClassFixture<PostgresFactory>;
