using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Financing;

namespace Samstyring.Core.Tests.Financing;

/// <summary>
/// A draft goes through the yearly process one step at a time, dated and linked to its case or document; the TBU records
/// only its calculation; adopting needs a model that computes whole and replaces the year's adopted model.
/// </summary>
public abstract class RecordPriceModelStepTests(TestDatabase database)
{
    private readonly TestDatabase db = database;
    private static string Today(int days = 0) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(days).ToString("yyyy-MM-dd");

    private Task<PriceModel> StepAsync(int modelId, StepInput input, int? version, CurrentUser? user) =>
        db.SendAsync((RecordPriceModelStep u) => u.HandleAsync(modelId, input, version, user), user);

    [Fact]
    public async Task Steps_come_one_at_a_time_in_order_with_dates_that_never_go_back()
    {
        if (!db.Available) return;
        var model = await db.ComputableDraftAsync(2081);
        var caseId = await db.QueryAsync(x => x.Cases.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());

        var skip = await TestHelpers.AssertInvalidAsync(() => StepAsync(model.Id, new StepInput("public-consultation", Today(), null, null), model.Version, db.Office), "step");
        Assert.Equal("Neste steg er «Behandlet i rådsmodellen».", Assert.Single(skip["step"]));
        var noCase = await TestHelpers.AssertInvalidAsync(() => StepAsync(model.Id, new StepInput("council-case", Today(), null, " "), model.Version, db.Office), "caseId");
        Assert.Equal("Oppgi saken eller dokumentet.", Assert.Single(noCase["caseId"]));
        await TestHelpers.AssertInvalidAsync(() => StepAsync(model.Id, new StepInput("council-case", Today(-1), 999_999, new string('x', 301)), model.Version, db.Office),
            "on", "caseId", "reference");
        await TestHelpers.AssertInvalidAsync(() => StepAsync(model.Id, new StepInput("council-case", Today(400), caseId, null), model.Version, db.Office), "on");
        await TestHelpers.AssertInvalidAsync(() => StepAsync(model.Id, new StepInput(null, null, caseId, null), model.Version, db.Office), "step", "on");

        model = await StepAsync(model.Id, new StepInput("council-case", Today(), caseId, null), model.Version, db.Office);
        Assert.Equal(PriceModelStatus.CouncilCase, model.Status);
        var back = await TestHelpers.AssertInvalidAsync(() => StepAsync(model.Id, new StepInput("council-case", Today(1), caseId, null), model.Version, db.Office), "step");
        Assert.Equal("Neste steg er «Beregnet av teknisk beregningsutvalg».", Assert.Single(back["step"]));
        model = await StepAsync(model.Id, new StepInput("tbu-calculation", Today(2), null, null), model.Version, db.Office);
        var early = await TestHelpers.AssertInvalidAsync(() => StepAsync(model.Id, new StepInput("public-consultation", Today(1), null, null), model.Version, db.Office), "on");
        Assert.Contains("før forrige steg", Assert.Single(early["on"]));
        model = await StepAsync(model.Id, new StepInput("public-consultation", Today(2), null, "https://www.regjeringen.no/høring"), model.Version, db.Office);
        model = await StepAsync(model.Id, new StepInput("ks-consultation", Today(3), null, null), model.Version, db.Office);
        await TestHelpers.AssertInvalidAsync(() => StepAsync(model.Id, new StepInput("adopted", Today(3), null, null), model.Version, db.Office), "caseId");
        model = await StepAsync(model.Id, new StepInput("adopted", Today(3), null, "Prop. 1 S (2080–2081)"), model.Version, db.Office);

        var stored = await db.LoadModelAsync(model.Id);
        Assert.Equal(PriceModelStatus.Adopted, stored.Status);
        Assert.Equal(Enum.GetValues<PriceModelStatus>().Take(6), stored.Steps.OrderBy(s => s.Id).Select(s => s.Step));
        Assert.Equal(caseId, stored.Steps.Single(s => s.Step == PriceModelStatus.CouncilCase).CaseId);
        Assert.Equal("Prop. 1 S (2080–2081)", stored.Steps.Single(s => s.Step == PriceModelStatus.Adopted).Reference);
        Assert.All(stored.Steps, s => Assert.Equal("kontor", s.RecordedBy));
        await TestHelpers.AssertInvalidAsync(() => StepAsync(model.Id, new StepInput("adopted", Today(3), null, "x"), model.Version, db.Office), "step");
    }

    [Fact]
    public async Task Adopting_a_model_replaces_the_years_adopted_model_in_the_same_save()
    {
        if (!db.Available) return;
        var first = await db.AdoptAsync(await db.ComputableDraftAsync(2082));
        var other = await db.AdoptAsync(await db.ComputableDraftAsync(2083));
        var second = await db.AdoptAsync(await db.ComputableDraftAsync(2082));

        Assert.Equal(PriceModelStatus.Adopted, second.Status);
        var old = await db.LoadModelAsync(first.Id);
        Assert.Equal(PriceModelStatus.Replaced, old.Status);
        Assert.Equal(first.Version + 1, old.Version);
        Assert.Equal(PriceModelStatus.Adopted, (await db.LoadModelAsync(other.Id)).Status);
        Assert.Equal(second.Id, await db.SendAsync((FinancingQueries q) => q.AdoptedModelIdAsync(2082)));
        Assert.True(await db.QueryAsync(x => x.AuditLog.AnyAsync(a => a.EntityType == nameof(PriceModel) && a.EntityId == first.Id.ToString() && a.After!.Contains("\"replaced\""))));
    }

    [Fact]
    public async Task A_model_that_cannot_be_computed_is_not_adopted_and_the_problems_are_listed()
    {
        if (!db.Available) return;
        var model = await db.ComputableDraftAsync(2084);
        // e-resept has no cost basis for 2084.
        model = await db.SaveSharesAsync(model.Id, FinancingTestData.EResept, [new ShareInput("state", 100, "equal", null, null, null)], model.Version);
        foreach (var step in new[] { "council-case", "tbu-calculation", "public-consultation", "ks-consultation" })
            model = await db.StepAsync(model.Id, step, Today(), model.Version);
        var errors = await TestHelpers.AssertInvalidAsync(() => db.StepAsync(model.Id, "adopted", Today(), model.Version), "step");
        Assert.Contains("E-resept mangler kostnadsgrunnlag for 2084.", errors["step"]);
        Assert.Equal(PriceModelStatus.KsConsultation, (await db.LoadModelAsync(model.Id)).Status);

        var empty = await db.CreateModelAsync(2084);
        foreach (var step in new[] { "council-case", "tbu-calculation", "public-consultation", "ks-consultation" })
            empty = await db.StepAsync(empty.Id, step, Today(), empty.Version);
        await TestHelpers.AssertInvalidAsync(() => db.StepAsync(empty.Id, "adopted", Today(), empty.Version), "step");
    }

    [Fact]
    public async Task The_TBU_records_only_its_calculation_and_others_but_the_office_none()
    {
        if (!db.Available) return;
        var tbu = await db.TbuAsync();
        var model = await db.ComputableDraftAsync(2085);
        await Assert.ThrowsAsync<ForbiddenException>(() => StepAsync(model.Id, new StepInput("council-case", Today(), null, "Sak"), model.Version, tbu));
        model = await db.StepAsync(model.Id, "council-case", Today(), model.Version);
        model = await StepAsync(model.Id, new StepInput("tbu-calculation", Today(), null, "TBU-rapport 2085"), model.Version, tbu);
        Assert.Equal("tbu", (await db.LoadModelAsync(model.Id)).Steps.Single(s => s.Step == PriceModelStatus.TbuCalculation).RecordedBy);
        await Assert.ThrowsAsync<ForbiddenException>(() => StepAsync(model.Id, new StepInput("public-consultation", Today(), null, null), model.Version, tbu));
        foreach (var user in new[] { db.Member, db.KsCoordinator, db.OwnerOslo, null })
            await Assert.ThrowsAsync<ForbiddenException>(() => StepAsync(model.Id, new StepInput("public-consultation", Today(), null, null), model.Version, user));
        Assert.Equal(PriceModelStatus.TbuCalculation, (await db.LoadModelAsync(model.Id)).Status);
    }

    [Fact]
    public async Task Scenarios_take_no_steps_and_a_stale_version_is_refused()
    {
        if (!db.Available) return;
        var scenario = await db.CreateModelAsync(2086, scenario: true);
        var e = await TestHelpers.AssertInvalidAsync(() => db.StepAsync(scenario.Id, "council-case", Today(), scenario.Version), "step");
        Assert.Contains("scenario", Assert.Single(e["step"]));
        var draft = await db.CreateModelAsync(2086);
        await db.StepAsync(draft.Id, "council-case", Today(), draft.Version);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.StepAsync(draft.Id, "tbu-calculation", Today(), draft.Version));
        await Assert.ThrowsAsync<VersionRequiredException>(() => db.StepAsync(draft.Id, "tbu-calculation", Today(), null));
        await Assert.ThrowsAsync<NotFoundException>(() => db.StepAsync(999_999, "tbu-calculation", Today(), 1));
        Assert.Equal(2, (await db.LoadModelAsync(draft.Id)).Steps.Count);
    }
}

public sealed class RecordPriceModelStepTestsSqlite(SqliteDatabase db) : RecordPriceModelStepTests(db), IClassFixture<SqliteDatabase>;

public sealed class RecordPriceModelStepTestsPostgres(PostgresDatabase db) : RecordPriceModelStepTests(db), IClassFixture<PostgresDatabase>;
