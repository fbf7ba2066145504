using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;
using Samstyring.Core.Solutions;

namespace Samstyring.Core.Tests.Solutions;

/// <summary>
/// The office edits the catalogue: facts with versions, dated events that move today's owner, operator and lifecycle, and
/// targets. Everyone else is refused, bad input is a Norwegian field error, and nothing is half saved.
/// </summary>
public abstract class SolutionEditingTests(TestDatabase database)
{
    private readonly TestDatabase db = database;

    private Task<NationalSolution> LoadAsync(string key) => db.QueryAsync(x => x.NationalSolutions.AsNoTracking().SingleAsync(s => s.Key == key));

    private static SolutionInput Facts(NationalSolution s, string? name = null, string? partOf = null, IReadOnlyList<int>? initiatives = null) =>
        new(name ?? s.Name, s.Kind.Code(), s.Description, null, partOf, s.LegalBasis, s.FinancingModel?.Code(), s.Source, initiatives);

    [Fact]
    public async Task The_office_changes_facts_with_the_version_it_started_from_and_a_stale_save_is_refused()
    {
        if (!db.Available) return;
        var s = await LoadAsync("normen");
        var initiative = await db.InitiativeIdAsync("Helsedataprogrammet");
        var saved = await db.SendAsync((UpdateSolution u) => u.HandleAsync("normen", Facts(s, "Normen (endret)", initiatives: [initiative]), s.Version, db.Office), db.Office);
        Assert.Equal(s.Version + 1, saved.Version);
        var details = await db.SendAsync((SolutionQueries q) => q.GetAsync("normen", null));
        Assert.Equal("Normen (endret)", details.Summary.Name);
        Assert.Equal(initiative, Assert.Single(details.Initiatives).Id);
        Assert.True(await db.QueryAsync(x => x.AuditLog.AnyAsync(a => a.EntityType == nameof(NationalSolution) && a.Before!.Contains("\"Normen\"") && a.After!.Contains("Normen (endret)"))));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            db.SendAsync((UpdateSolution u) => u.HandleAsync("normen", Facts(s, "Normen igjen"), s.Version, db.Office), db.Office));
        await Assert.ThrowsAsync<VersionRequiredException>(() =>
            db.SendAsync((UpdateSolution u) => u.HandleAsync("normen", Facts(s, "Normen igjen"), null, db.Office), db.Office));
        Assert.Equal("Normen (endret)", (await LoadAsync("normen")).Name);
    }

    [Fact]
    public async Task Bad_facts_are_all_reported_in_Norwegian_and_nothing_is_saved()
    {
        if (!db.Available) return;
        var s = await LoadAsync("arkitektur");
        var input = new SolutionInput("", "ukjent", new string('x', 3000), "finnes-ikke", "finnes-ikke", null, "gratis", null, [999999]);
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            db.SendAsync((UpdateSolution u) => u.HandleAsync("arkitektur", input, s.Version, db.Office), db.Office));
        Assert.Equal(["description", "financing", "grunnmur", "initiatives", "kind", "name", "partOf"], e.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(e.Errors.Values.SelectMany(m => m), m => Assert.True(ApiText.LooksNorwegian(m), m));
        Assert.Equal(s.Version, (await LoadAsync("arkitektur")).Version);

        // A solution cannot be part of something that is part of it.
        var helsenettet = await LoadAsync("helsenettet");
        var cycle = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            db.SendAsync((UpdateSolution u) => u.HandleAsync("helsenettet", Facts(helsenettet, partOf: "grunndata"), helsenettet.Version, db.Office), db.Office));
        Assert.Contains("partOf", cycle.Errors.Keys);
        Assert.Equal(helsenettet.Id, (await LoadAsync("grunndata")).PartOfId);
    }

    [Theory]
    [InlineData("owner")]
    [InlineData("ks")]
    [InlineData("member")]
    [InlineData("anonymous")]
    public async Task Only_the_office_edits_the_catalogue(string who)
    {
        if (!db.Available) return;
        CurrentUser? user = who switch { "owner" => db.OwnerHelseSorOst, "ks" => db.KsCoordinator, "member" => db.Member, _ => null };
        var s = await LoadAsync("kodeverk-terminologi");
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            db.SendAsync((UpdateSolution u) => u.HandleAsync(s.Key, Facts(s, "Endret"), s.Version, user), user));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            db.SendAsync((RecordSolutionEvent u) => u.HandleAsync(s.Key, new SolutionEventInput("2022-01-01", "retired", null, null, "Avviklet", null), s.Version, user), user));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            db.SendAsync((SaveAdoptionTarget u) => u.HandleAsync(s.Key, null, new TargetInput("municipalities", null, "percent", 50, "2030-12-31", null, "Sak 1/30", null), null, user), user));
        Assert.Equal(s.Version, (await LoadAsync(s.Key)).Version);
    }

    [Fact]
    public async Task A_transfer_moves_todays_operator_and_a_planned_one_waits_for_its_date()
    {
        if (!db.Available) return;
        var nhn = await db.OrganizationIdAsync("nhn");
        var s = await LoadAsync("helsedataservice");
        Assert.NotEqual(nhn, s.OperatorId);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (planned, _) = await db.SendAsync((RecordSolutionEvent u) => u.HandleAsync(s.Key,
            new SolutionEventInput(today.AddYears(1).ToString("yyyy-MM-dd"), "being-transferred", null, nhn, "Planlagt overføring til NHN.", null), s.Version, db.Office), db.Office);
        Assert.NotEqual(nhn, planned.OperatorId);
        Assert.Equal(SolutionLifecycle.InOperation, planned.Lifecycle);
        var (moved, e) = await db.SendAsync((RecordSolutionEvent u) => u.HandleAsync(s.Key,
            new SolutionEventInput(today.AddDays(-1).ToString("yyyy-MM-dd"), null, null, nhn, "Overført til NHN.", "Testen"), planned.Version, db.Office), db.Office);
        Assert.Equal(nhn, moved.OperatorId);
        Assert.Equal("kontor", e.RecordedBy);
        var details = await db.SendAsync((SolutionQueries q) => q.GetAsync(s.Key, null, today.AddYears(2)));
        Assert.Equal(SolutionLifecycle.BeingTransferred, details.State.Lifecycle);
        Assert.Equal(nhn, details.State.Operator?.Id);

        var empty = await Assert.ThrowsAsync<ValidationFailedException>(() => db.SendAsync((RecordSolutionEvent u) => u.HandleAsync(s.Key,
            new SolutionEventInput("i går", null, null, null, "", null), moved.Version, db.Office), db.Office));
        Assert.Equal(["lifecycle", "note", "on"], empty.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_dependency_on_a_solution_not_in_operation_by_its_deadline_is_flagged()
    {
        if (!db.Available) return;
        // Demo: Digital hjemmeoppfølging og prosessplattform depends on datadeling (in development, no date in operation).
        var initiative = await db.InitiativeIdAsync("Digital hjemmeoppfølging og prosessplattform");
        var details = await db.SendAsync((GetInitiative g) => g.HandleAsync(initiative, null));
        var dependency = details.Dependencies.Single(d => d.TargetSolution?.Key == "datadeling-hjemmeoppfolging");
        Assert.Contains(dependency.Id, details.SolutionNotInOperationByDeadline);
        // Once the solution is recorded in operation before the deadline, the flag goes.
        var s = await LoadAsync("datadeling-hjemmeoppfolging");
        await db.SendAsync((RecordSolutionEvent u) => u.HandleAsync(s.Key,
            new SolutionEventInput(dependency.Deadline!.Value.AddDays(-10).ToString("yyyy-MM-dd"), "in-operation", null, null, "I drift.", null), s.Version, db.Office), db.Office);
        details = await db.SendAsync((GetInitiative g) => g.HandleAsync(initiative, null));
        Assert.DoesNotContain(dependency.Id, details.SolutionNotInOperationByDeadline);
    }

    [Fact]
    public async Task Targets_are_checked_before_they_are_saved()
    {
        if (!db.Available) return;
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => db.SendAsync((SaveAdoptionTarget u) => u.HandleAsync("e-resept", null,
            new TargetInput("municipalities", "not-started", "percent", 150, "snart", null, null, null), null, db.Office), db.Office));
        Assert.Equal(["caseId", "dueOn", "stage", "value"], e.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.False(await db.QueryAsync(x => x.AdoptionTargets.AnyAsync(t => t.Solution.Key == "e-resept")));

        var saved = await db.SendAsync((SaveAdoptionTarget u) => u.HandleAsync("e-resept", null,
            new TargetInput("municipalities", null, "count", 200, "2030-12-31", null, "Nasjonalt e-helseråd sak 1/30", null), null, db.Office), db.Office);
        Assert.Equal(AdoptionStage.InUse, saved.Stage);
        var summary = await db.SendAsync((SolutionQueries q) => q.SummaryAsync("e-resept", null));
        Assert.Equal("200 kommuner innen 31. desember 2030", Assert.Single(summary.Targets).Label);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.SendAsync((SaveAdoptionTarget u) => u.HandleAsync("e-resept", saved.Id,
            new TargetInput("municipalities", null, "count", 250, "2030-12-31", null, "Sak 1/30", null), saved.Version + 1, db.Office), db.Office));
    }
}

/// <summary>A rough check that a message is Norwegian prose, not an English framework text.</summary>
internal static class ApiText
{
    public static bool LooksNorwegian(string s) => s.Any(c => "æøåÆØÅ".Contains(c)) || new[] { " må ", " er ", " ikke ", "Fant ", " kan " }.Any(s.Contains);
}

public sealed class SolutionEditingTestsSqlite(SqliteDatabase db) : SolutionEditingTests(db), IClassFixture<SqliteDatabase>;

public sealed class SolutionEditingTestsPostgres(PostgresDatabase db) : SolutionEditingTests(db), IClassFixture<PostgresDatabase>;
