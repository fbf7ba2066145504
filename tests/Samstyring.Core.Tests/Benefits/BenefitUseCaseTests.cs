using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Benefits;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;
using Samstyring.Core.Tests.Solutions;

namespace Samstyring.Core.Tests.Benefits;

/// <summary>
/// Benefits through their use cases on a seeded database: entered and changed by the owner's organisation and the office,
/// realised values reported per period (never for one that has not started; required where the segment says so), and
/// the analysis saved and evaluated.
/// </summary>
public abstract class BenefitUseCaseTests(TestDatabase database)
{
    private readonly TestDatabase db = database;

    private const string Dokumentdeling = "Kjernejournal dokumentdeling";   // Helse Sør-Øst, segment Samstyring
    private const string Tarmscreening = "Nasjonal Tarmscreening";          // Helse Sør-Øst, segment Koordinering

    private async Task<BenefitInput> InputAsync(string title = "Frigjort tid", decimal baseline = 100m, string baselineOn = "2021-01-01", bool valued = true) =>
        new(title, "freed-staff-time", "municipal-health-care", await db.OrganizationIdAsync("helse-sor-ost"), "Tid brukt på dokumenter", "timer per uke",
            baseline, baselineOn, 50m, "2028-12-31", valued, valued ? 75_000 : null, "Opplæring\n\n  Innføring i pilotkommunene ");

    private Task<Benefit> SaveAsync(int initiativeId, int? benefitId, BenefitInput input, int? version, CurrentUser? user) =>
        db.SendAsync((SaveBenefit u) => u.HandleAsync(initiativeId, benefitId, input, version, user), user);

    private Task<List<BenefitValue>> ReportAsync(int initiativeId, string period, CurrentUser? user, params BenefitValueInput[] values) =>
        db.SendAsync((ReportBenefitValues u) => u.HandleAsync(initiativeId, period, values, user), user);

    [Fact]
    public async Task The_owner_adds_a_benefit_and_a_change_needs_the_version_it_started_from()
    {
        if (!db.Available) return;
        var id = await db.InitiativeIdAsync(Tarmscreening);
        var created = await SaveAsync(id, null, await InputAsync(), null, db.OwnerHelseSorOst);
        Assert.Equal((1, BenefitType.FreedStaffTime, Stakeholder.MunicipalHealthCare, 75_000L), (created.Version, created.Type, created.Stakeholder, created.NokPerUnitOre!.Value));
        Assert.Equal(["Opplæring", "Innføring i pilotkommunene"], created.ActionList);

        await Assert.ThrowsAsync<VersionRequiredException>(() => SaveAsync(id, created.Id, InputAsync("Endret").Result, null, db.OwnerHelseSorOst));
        var changed = await SaveAsync(id, created.Id, await InputAsync("Endret", valued: false), created.Version, db.Office);
        Assert.Equal((2, "Endret", (long?)null), (changed.Version, changed.Title, changed.NokPerUnitOre));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => SaveAsync(id, created.Id, InputAsync("Gammel").Result, created.Version, db.OwnerHelseSorOst));

        var read = await db.SendAsync((GetBenefits u) => u.HandleAsync(id, null));
        var view = Assert.Single(read.Benefits, b => b.Benefit.Id == created.Id);
        Assert.Equal("Endret", view.Benefit.Title);
        Assert.False(read.CanEdit);
        Assert.True(await db.QueryAsync(x => x.AuditLog.AnyAsync(a => a.EntityType == nameof(Benefit) && a.EntityId == created.Id.ToString() && a.Action == "Modified")));
    }

    [Fact]
    public async Task Bad_input_is_all_reported_in_Norwegian_and_nothing_is_saved()
    {
        if (!db.Available) return;
        var id = await db.InitiativeIdAsync(Tarmscreening);
        var before = await db.QueryAsync(x => x.Benefits.CountAsync());
        var bad = new BenefitInput("", "mer-kaffe", null, 999_999, "", new string('x', 61), 1.23456m, "2021-13-01", null, "i morgen", true, null, null);
        var errors = await TestHelpers.AssertInvalidAsync(() => SaveAsync(id, null, bad, null, db.OwnerHelseSorOst),
            "title", "type", "stakeholder", "ownerId", "indicator", "unit", "baseline", "target", "baselineOn", "targetDue", "nokPerUnitOre");
        Assert.All(errors.Values.SelectMany(m => m), m => Assert.True(ApiText.LooksNorwegian(m), m));
        var same = await InputAsync() with { Target = 100m, TargetDue = "2020-12-31" };
        errors = await TestHelpers.AssertInvalidAsync(() => SaveAsync(id, null, same, null, db.OwnerHelseSorOst), "target", "targetDue");
        Assert.Equal("Målverdien må være forskjellig fra utgangsverdien.", Assert.Single(errors["target"]));
        Assert.Equal(before, await db.QueryAsync(x => x.Benefits.CountAsync()));
    }

    [Fact]
    public async Task Only_the_office_and_the_owning_organisation_change_benefits()
    {
        if (!db.Available) return;
        var id = await db.InitiativeIdAsync(Tarmscreening);
        var input = await InputAsync();
        await Assert.ThrowsAsync<ForbiddenException>(() => SaveAsync(id, null, input, null, db.OwnerOslo));
        await Assert.ThrowsAsync<ForbiddenException>(() => SaveAsync(id, null, input, null, db.KsCoordinator));
        await Assert.ThrowsAsync<ForbiddenException>(() => SaveAsync(id, null, input, null, db.Member));
        await Assert.ThrowsAsync<ForbiddenException>(() => SaveAsync(id, null, input, null, null));
        await Assert.ThrowsAsync<NotFoundException>(() => SaveAsync(999_999, null, input, null, db.Office));
    }

    [Fact]
    public async Task A_realised_value_for_a_period_that_has_not_started_is_refused()
    {
        if (!db.Available) return;
        await db.SendAsync((SetUpReportingYear u) => u.HandleAsync(2099, "tertial", db.Office), db.Office);
        var id = await db.InitiativeIdAsync(Tarmscreening);
        var b = await SaveAsync(id, null, await InputAsync("Fremtid"), null, db.OwnerHelseSorOst);
        var errors = await TestHelpers.AssertInvalidAsync(() => ReportAsync(id, "2099-T1", db.OwnerHelseSorOst, new BenefitValueInput(b.Id, 90m, null)), "period");
        Assert.Equal("Det kan ikke rapporteres realiserte gevinster for en periode som ikke har startet.", Assert.Single(errors["period"]));
        await TestHelpers.AssertInvalidAsync(() => ReportAsync(id, "1999-T9", db.OwnerHelseSorOst, new BenefitValueInput(b.Id, 90m, null)), "period");
        Assert.False(await db.QueryAsync(x => x.BenefitValues.AnyAsync(v => v.BenefitId == b.Id)));
    }

    [Fact]
    public async Task Realised_values_are_reported_per_period_and_a_change_needs_the_version()
    {
        if (!db.Available) return;
        var id = await db.InitiativeIdAsync(Tarmscreening);
        var b = await SaveAsync(id, null, await InputAsync("Rapporteres"), null, db.OwnerHelseSorOst);
        var first = Assert.Single(await ReportAsync(id, "2021-T2", db.OwnerHelseSorOst, new BenefitValueInput(b.Id, 95.5m, "Første måling")));
        Assert.Equal((95.5m, 1, "eier-hso"), (first.Value, first.Version, first.ReportedBy));
        await Assert.ThrowsAsync<VersionRequiredException>(() => ReportAsync(id, "2021-T2", db.OwnerHelseSorOst, new BenefitValueInput(b.Id, 94m, null)));
        var again = Assert.Single(await ReportAsync(id, "2021-T2", db.Office, new BenefitValueInput(b.Id, 94m, null, first.Version)));
        Assert.Equal((94m, 2), (again.Value, again.Version));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => ReportAsync(id, "2021-T2", db.OwnerHelseSorOst, new BenefitValueInput(b.Id, 93m, null, first.Version)));

        // Koordinering does not require benefit values: a period with none given is accepted.
        Assert.Empty(await ReportAsync(id, "2021-T3", db.OwnerHelseSorOst));
        var view = (await db.SendAsync((GetBenefits u) => u.HandleAsync(id, db.OwnerHelseSorOst))).Benefits.Single(x => x.Benefit.Id == b.Id);
        Assert.Equal([94m], view.Values.Select(v => v.Value));
        Assert.Equal("2021-T2", view.Standing.Period);
    }

    [Fact]
    public async Task Samstyring_requires_a_value_for_every_benefit_and_other_initiatives_benefits_are_refused()
    {
        if (!db.Available) return;
        var id = await db.InitiativeIdAsync(Dokumentdeling);
        Assert.True(ReportingRequirements.For(Segment.Samstyring).BenefitValues);
        Assert.False(ReportingRequirements.For(Segment.Koordinering).BenefitValues);
        var demo = await db.QueryAsync(x => x.Benefits.Where(b => b.InitiativeId == id).OrderBy(b => b.Id).Select(b => b.Id).ToListAsync());
        Assert.Equal(2, demo.Count);
        // 2021-T1: the first demo benefit has a value, the second has none and gets none now.
        var errors = await TestHelpers.AssertInvalidAsync(() => ReportAsync(id, "2021-T1", db.OwnerHelseSorOst), "values");
        Assert.Contains("Færre uønskede hendelser", Assert.Single(errors["values"]));
        var other = await db.QueryAsync(x => x.Benefits.Where(b => b.InitiativeId != id).Select(b => b.Id).FirstAsync());
        errors = await TestHelpers.AssertInvalidAsync(() => ReportAsync(id, "2021-T1", db.OwnerHelseSorOst,
            new BenefitValueInput(demo[1], 39.12345m, null), new BenefitValueInput(other, 1m, null)), "values[0].value", "values[1].benefitId");
        Assert.Equal("Realisert verdi kan ha høyst fire desimaler.", Assert.Single(errors["values[0].value"]));
        var saved = await ReportAsync(id, "2021-T1", db.OwnerHelseSorOst, new BenefitValueInput(demo[1], 40m, "Ingen endring ennå"));
        Assert.Equal(40m, Assert.Single(saved).Value);
    }

    [Fact]
    public async Task The_analysis_is_saved_whole_evaluated_at_its_rate_and_a_negative_rate_refused()
    {
        if (!db.Available) return;
        var id = await db.InitiativeIdAsync(Tarmscreening);
        AnalysisInput Input(decimal? rate, params AlternativeInput[] alternatives) => new(rate, "Notat", alternatives);
        var hele = new AlternativeInput("Hele", "Økt innovasjon", [new(2022, 10_000_000, 0), new(2023, 0, 6_000_000), new(2024, 0, 6_000_000)]);
        var halve = new AlternativeInput("Halve", null, [new(2022, 5_000_000, 0), new(2023, 0, 3_000_000), new(2024, 0, 3_000_000)]);

        var errors = await TestHelpers.AssertInvalidAsync(() => db.SendAsync((SaveAnalysis u) => u.HandleAsync(id,
            Input(-1m, hele, new AlternativeInput("hele", null, [new(2022, -1, 0), new(2022, 0, 0), new(null, 0, 0)])), null, db.OwnerHelseSorOst)),
            "discountRate", "alternatives[1].name", "alternatives[1].years[0].costOre", "alternatives[1].years[1].year", "alternatives[1].years[2].year");
        Assert.Equal("Diskonteringsrenten kan ikke være negativ.", Assert.Single(errors["discountRate"]));
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((SaveAnalysis u) => u.HandleAsync(id,
            Input(null, new AlternativeInput("Lang", null, [new(2022, 1, 0), new(2062, 0, 1)])), null, db.OwnerHelseSorOst)), "alternatives");
        Assert.False(await db.QueryAsync(x => x.BenefitAnalyses.AnyAsync(a => a.InitiativeId == id)));

        var saved = await db.SendAsync((SaveAnalysis u) => u.HandleAsync(id, Input(null, halve, hele), null, db.OwnerHelseSorOst), db.OwnerHelseSorOst);
        Assert.Equal((400, 1), (saved.DiscountRateBasisPoints, saved.Version));
        var (_, result) = await db.SendAsync((GetNetPresentValue u) => u.HandleAsync(id, null));
        Assert.Equal([658_284L, 1_316_568L], result.Alternatives.Select(a => a.Result.NetPresentValueOre));
        Assert.Equal("Hele", Assert.Single(result.Alternatives, a => a.Largest).Name);
        Assert.Equal(413_223, (await db.SendAsync((GetNetPresentValue u) => u.HandleAsync(id, 10m))).Result.Alternatives[1].Result.NetPresentValueOre);
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((GetNetPresentValue u) => u.HandleAsync(id, -2m)), "rate");

        // A change drops an alternative and a year, from the version saved.
        await Assert.ThrowsAsync<VersionRequiredException>(() => db.SendAsync((SaveAnalysis u) => u.HandleAsync(id, Input(6m, hele), null, db.Office)));
        var changed = await db.SendAsync((SaveAnalysis u) => u.HandleAsync(id,
            Input(6m, hele with { Years = [new(2022, 10_000_000, 0), new(2023, 0, 6_000_000)] }), saved.Version, db.Office), db.Office);
        Assert.Equal((600, 2), (changed.DiscountRateBasisPoints, changed.Version));
        var stored = await db.QueryAsync(x => x.AnalysisAlternatives.Where(a => a.AnalysisId == saved.Id).Select(a => new { a.Name, Years = a.Years.Count }).ToListAsync());
        Assert.Equal("Hele", Assert.Single(stored).Name);
        Assert.Equal(2, stored[0].Years);
    }

    [Fact]
    public async Task The_follow_up_counts_the_demo_benefits_on_track_late_at_risk_and_not_reported_per_owner()
    {
        if (!db.Available) return;
        var f = await db.SendAsync((GetBenefitFollowUp u) => u.HandleAsync());
        var dokumentdeling = f.Benefits.Where(b => b.Initiative == Dokumentdeling && b.Title.StartsWith("Frigjort") || b.Initiative == Dokumentdeling && b.Title.StartsWith("Færre")).ToList();
        Assert.Equal([BenefitTrack.OnTrack, BenefitTrack.Late], dokumentdeling.OrderBy(b => b.BenefitId).Select(b => b.Standing.Track));
        Assert.Equal(112m, dokumentdeling.OrderBy(b => b.BenefitId).First().Standing.Realised);
        Assert.Contains(f.Benefits, b => b.Initiative == "Program pasientens legemiddelliste" && b.Standing.Track == BenefitTrack.AtRisk);
        Assert.Contains(f.Benefits, b => b.Initiative == "Digital hjemmeoppfølging i Oslo kommune" && b.Standing.Track == BenefitTrack.NotReported);
        Assert.Contains(f.PerOwner, g => g.Name == "Helse Sør-Øst RHF" && g.Counts.Late >= 1 && g.Counts.OnTrack >= 1);
        Assert.Equal(f.Benefits.Count, f.Total.Total);
    }
}

public sealed class BenefitUseCaseTestsSqlite(SqliteDatabaseOnDemoDay db) : BenefitUseCaseTests(db), IClassFixture<SqliteDatabaseOnDemoDay>;

public sealed class BenefitUseCaseTestsPostgres(PostgresDatabaseOnDemoDay db) : BenefitUseCaseTests(db), IClassFixture<PostgresDatabaseOnDemoDay>;
