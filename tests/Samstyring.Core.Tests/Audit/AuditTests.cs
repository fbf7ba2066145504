using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Audit;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;
using static Samstyring.Core.Tests.TestHelpers;

namespace Samstyring.Core.Tests.Audit;

/// <summary>Every change leaves a trace: who, when, what, and the values before and after.</summary>
public abstract class AuditTests(TestDatabase db)
{
    private Task<List<AuditEntry>> EntriesAfter(long afterId) =>
        db.QueryAsync(x => x.AuditLog.AsNoTracking().Where(a => a.Id > afterId).OrderBy(a => a.Id).ToListAsync());

    private Task<long> LastAuditId() => db.QueryAsync(x => x.AuditLog.Select(a => (long?)a.Id).MaxAsync()).ContinueWith(t => t.Result ?? 0);

    private static JsonElement Json(string? json) => JsonDocument.Parse(json ?? throw new Xunit.Sdk.XunitException("Mangler JSON")).RootElement;

    [Fact]
    public async Task Proposing_records_who_added_what()
    {
        if (!db.Available) return;
        var last = await LastAuditId();
        var name = UniqueName("Revisjonsspor");

        var proposed = await db.ProposeAsync(db.OwnerOslo, name);

        var entries = await EntriesAfter(last);
        Assert.All(entries, e => { Assert.Equal("eier-oslo", e.UserName); Assert.Equal("Added", e.Action); AssertRecent(e.At); Assert.Null(e.Before); });
        var initiative = Assert.Single(entries, e => e.EntityType == nameof(Initiative));
        Assert.Equal(proposed.Id.ToString(), initiative.EntityId);
        Assert.Equal(name, Json(initiative.After).GetProperty("Name").GetString());
        Assert.Equal("candidate", Json(initiative.After).GetProperty("Lifecycle").GetString());
        Assert.Single(entries, e => e.EntityType == nameof(SubmissionStep));
    }

    [Fact]
    public async Task Updating_records_the_values_before_and_after()
    {
        if (!db.Available) return;
        var id = await db.InitiativeIdAsync("Helsedataprogrammet");
        var loaded = await db.LoadInitiativeAsync(id);
        var last = await LastAuditId();

        await db.SendAsync((UpdateInitiative u) => u.HandleAsync(id,
            new InitiativeInput("Helsedataprogrammet (fase 2)", loaded.Description, null, loaded.Kind.Code(), null, null, null, "Ny Kontakt"),
            loaded.Version, db.Office), db.Office);

        var entry = Assert.Single(await EntriesAfter(last));
        Assert.Equal(("kontor", "Modified", nameof(Initiative), id.ToString()), (entry.UserName, entry.Action, entry.EntityType, entry.EntityId));
        Assert.Equal("Helsedataprogrammet", Json(entry.Before).GetProperty("Name").GetString());
        Assert.Equal("Helsedataprogrammet (fase 2)", Json(entry.After).GetProperty("Name").GetString());
        Assert.Equal(loaded.Version, Json(entry.Before).GetProperty("Version").GetInt32());
        Assert.Equal(loaded.Version + 1, Json(entry.After).GetProperty("Version").GetInt32());
        Assert.Equal("Ny Kontakt", Json(entry.After).GetProperty("ContactPerson").GetString());
    }

    [Fact]
    public async Task Reporting_adding_and_removing_a_dependency_are_all_recorded()
    {
        if (!db.Available) return;
        var id = await db.InitiativeIdAsync("Nasjonal Tarmscreening");
        var nhn = await db.OrganizationIdAsync("nhn");
        var last = await LastAuditId();

        var reportVersion = await db.ReportVersionAsync(id, "2021-T3");
        await db.SendAsync((ReportStatus u) => u.HandleAsync(id,
            new StatusReportInput("2021-T3", "red", "Forsinket.", "red", "Høy risiko.", "Stoppet.", null, reportVersion), db.OwnerHelseSorOst), db.OwnerHelseSorOst);
        var dependency = await db.SendAsync((SaveDependency u) => u.AddAsync(id,
            new DependencyInput("organization", nhn, "Tilgang til helsenettet.", "medium", "yellow", "2027-06-30"), db.OwnerHelseSorOst), db.OwnerHelseSorOst);
        await db.SendAsync((SaveDependency u) => u.DeleteAsync(dependency.Id, db.OwnerHelseSorOst), db.OwnerHelseSorOst);

        var entries = await EntriesAfter(last);
        Assert.All(entries, e => Assert.Equal("eier-hso", e.UserName));
        var report = Assert.Single(entries, e => e.EntityType == nameof(StatusReport));
        Assert.Equal("Modified", report.Action);
        Assert.Equal("red", Json(report.After).GetProperty("Status").GetString());
        // Reporting leaves the initiative's own record (and version) alone, so it cannot collide with an edit of its details.
        Assert.DoesNotContain(entries, e => e.EntityType == nameof(Initiative));
        var added = Assert.Single(entries, e => e.EntityType == nameof(Dependency) && e.Action == "Added");
        Assert.Equal(dependency.Id.ToString(), added.EntityId);
        Assert.Equal("2027-06-30", Json(added.After).GetProperty("Deadline").GetString());
        var deleted = Assert.Single(entries, e => e.EntityType == nameof(Dependency) && e.Action == "Deleted");
        Assert.Equal("Tilgang til helsenettet.", Json(deleted.Before).GetProperty("Description").GetString());
        Assert.Null(deleted.After);
    }

    [Fact]
    public async Task A_refused_change_leaves_no_audit_entry()
    {
        if (!db.Available) return;
        var id = await db.InitiativeIdAsync("Prosjekt TAG – tillitstjenester");
        var loaded = await db.LoadInitiativeAsync(id);
        var last = await LastAuditId();

        await Assert.ThrowsAsync<ValidationFailedException>(() => db.SendAsync((UpdateInitiative u) => u.HandleAsync(id,
            new InitiativeInput("", null, null, "project", null, "2022-01-01", "2021-01-01", null), loaded.Version, db.Office), db.Office));
        await Assert.ThrowsAsync<ValidationFailedException>(() => db.SendAsync((ReportStatus u) => u.HandleAsync(id,
            new StatusReportInput("2021-T3", "purple", null, "green", null, null, null), db.Office), db.Office));
        await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((UpdateInitiative u) => u.HandleAsync(id,
            new InitiativeInput("Kapret", null, null, "project", null, null, null, null), loaded.Version, db.OwnerOslo), db.OwnerOslo));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.SendAsync((UpdateInitiative u) => u.HandleAsync(id,
            new InitiativeInput("Gammel versjon", null, null, "project", null, null, null, null), loaded.Version - 1, db.Office), db.Office));

        Assert.Empty(await EntriesAfter(last));
    }
}

public sealed class AuditTestsSqlite(SqliteDatabase db) : AuditTests(db), IClassFixture<SqliteDatabase>;

public sealed class AuditTestsPostgres(PostgresDatabase db) : AuditTests(db), IClassFixture<PostgresDatabase>;
