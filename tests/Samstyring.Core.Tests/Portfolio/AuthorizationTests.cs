using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;
using static Samstyring.Core.Tests.TestHelpers;

namespace Samstyring.Core.Tests.Portfolio;

/// <summary>Who may do what, checked inside the use cases so every door (page, API, CLI) gets the same answer.</summary>
public abstract class AuthorizationTests(TestDatabase db)
{
    private const string OsloInitiative = "Digital hjemmeoppfølging i Oslo kommune";
    private const string HelseSorOstInitiative = "Statistisk logganalyse";

    private static InitiativeInput Input(string name) =>
        new(name, "Endret beskrivelse.", null, "project", null, "2021-01-01", "2023-12-31", "Noen Andre");

    private static StatusReportInput GreenReport => new("2021-T3", "green", "Etter plan.", "green", "Lav risiko.", "Leveranser levert.", "Innenfor budsjett.");

    [Fact]
    public async Task An_owner_cannot_change_or_report_on_an_initiative_another_organisation_owns()
    {
        if (!db.Available) return;
        var osloId = await db.InitiativeIdAsync(OsloInitiative);
        var helseplattformen = await db.InitiativeIdAsync("Helseplattformen");
        var before = await db.CountsAsync();
        var version = (await db.LoadInitiativeAsync(osloId)).Version;

        await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((UpdateInitiative u) =>
            u.HandleAsync(osloId, Input("Kapret tiltak"), version, db.OwnerHelseSorOst)));
        await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((ReportStatus u) =>
            u.HandleAsync(osloId, GreenReport, db.OwnerHelseSorOst)));
        await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((SaveDependency u) =>
            u.AddAsync(helseplattformen, new DependencyInput("initiative", osloId, "Avhengig", "low", "green", null), db.OwnerHelseSorOst)));
        await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((RecordPhaseDecision u) =>
            u.HandleAsync(helseplattformen, "avslutning", "2021-06-01", "Styringsgruppen", null, db.OwnerHelseSorOst)));

        Assert.Equal(before, await db.CountsAsync());
        var stored = await db.LoadInitiativeAsync(osloId);
        Assert.Equal(OsloInitiative, stored.Name);
        Assert.Equal(version, stored.Version);
    }

    [Fact]
    public async Task An_owner_can_report_on_and_update_its_own_initiative()
    {
        if (!db.Available) return;
        var id = await db.InitiativeIdAsync(HelseSorOstInitiative);

        var version = await db.ReportVersionAsync(id, "2021-T3");
        var report = await db.SendAsync((ReportStatus u) => u.HandleAsync(id, GreenReport with { StatusText = "Rapportert av eier.", Version = version }, db.OwnerHelseSorOst));
        Assert.Equal("eier-hso", report.ReportedBy);
        Assert.Equal("Rapportert av eier.", report.StatusText);

        var initiativeVersion = (await db.LoadInitiativeAsync(id)).Version;
        var updated = await db.SendAsync((UpdateInitiative u) => u.HandleAsync(id, Input(HelseSorOstInitiative), initiativeVersion, db.OwnerHelseSorOst));
        Assert.Equal("Noen Andre", updated.ContactPerson);
        Assert.Equal(initiativeVersion + 1, updated.Version);
    }

    [Fact]
    public async Task An_owner_cannot_change_the_segment_or_propose_for_another_organisation()
    {
        if (!db.Available) return;
        var id = await db.InitiativeIdAsync("Nasjonal Tarmscreening");
        var version = (await db.LoadInitiativeAsync(id)).Version;
        await AssertInvalidAsync(() => db.SendAsync((UpdateInitiative u) =>
            u.HandleAsync(id, Input("Nasjonal Tarmscreening") with { Segment = "observasjon" }, version, db.OwnerHelseSorOst)), "segment");

        // An owner always proposes for its own organisation, whatever owner it names.
        var proposed = await db.ProposeAsync(db.OwnerHelseSorOst, UniqueName("Forsøk på annen eier"), ownerId: await db.OrganizationIdAsync("helse-vest"));
        Assert.Equal(await db.OrganizationIdAsync("helse-sor-ost"), proposed.OwnerId);
    }

    [Fact]
    public async Task A_member_cannot_propose()
    {
        if (!db.Available) return;
        var hod = await db.OrganizationIdAsync("hod");
        var before = await db.CountsAsync();
        await Assert.ThrowsAsync<ForbiddenException>(() => db.ProposeAsync(db.Member, UniqueName("Medlemsforslag"), ownerId: hod));
        Assert.Equal(before, await db.CountsAsync());
    }

    [Fact]
    public async Task An_anonymous_visitor_cannot_write_anything()
    {
        if (!db.Available) return;
        var id = await db.InitiativeIdAsync(HelseSorOstInitiative);
        var version = (await db.LoadInitiativeAsync(id)).Version;
        var before = await db.CountsAsync();

        await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((ProposeInitiative u) => u.HandleAsync(Input("Anonymt"), null)));
        await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((UpdateInitiative u) => u.HandleAsync(id, Input("Anonymt"), version, null)));
        await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((ReportStatus u) => u.HandleAsync(id, GreenReport, null)));
        await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((ChangeLifecycle u) => u.HandleAsync(id, "paused", null, null, version, null)));
        await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((AssessInclusion u) =>
            u.HandleAsync(id, new AssessmentInput(true, ["K2.1"], [], false, false, null), null)));
        await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((DecideInclusion u) => u.HandleAsync(id, true, "samstyring", null, null)));
        await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((ReviewMunicipalSubmission u) => u.HandleAsync(id, true, null, null)));
        await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((SaveDependency u) =>
            u.AddAsync(id, new DependencyInput("organization", 1, "x", "low", "green", null), null)));
        await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((SetUpReportingYear u) => u.HandleAsync(2030, "tertial", null)));

        Assert.Equal(before, await db.CountsAsync());
    }

    [Fact]
    public async Task The_KS_coordinator_cannot_assess_or_include_and_an_owner_cannot_endorse()
    {
        if (!db.Available) return;
        var proposed = await db.ProposeAsync(db.OwnerOslo, UniqueName("Kommunalt forslag"));
        var before = await db.CountsAsync();

        await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((AssessInclusion u) =>
            u.HandleAsync(proposed.Id, new AssessmentInput(true, ["K2.1"], [], false, false, null), db.KsCoordinator)));
        await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((DecideInclusion u) =>
            u.HandleAsync(proposed.Id, true, "observasjon", null, db.KsCoordinator)));
        await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((ReviewMunicipalSubmission u) =>
            u.HandleAsync(proposed.Id, true, null, db.OwnerOslo)));
        // Lifecycle changes are the office's, even for the owner's own initiative.
        var version = (await db.LoadInitiativeAsync(proposed.Id)).Version;
        await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((ChangeLifecycle u) =>
            u.HandleAsync(proposed.Id, "left", "Trekker forslaget.", "2026-01-01", version, db.OwnerOslo)));

        Assert.Equal(before, await db.CountsAsync());
        Assert.Equal(SubmissionState.Proposed, (await db.LoadInitiativeAsync(proposed.Id)).Submission);
    }
}

public sealed class AuthorizationTestsSqlite(SqliteDatabase db) : AuthorizationTests(db), IClassFixture<SqliteDatabase>;

public sealed class AuthorizationTestsPostgres(PostgresDatabase db) : AuthorizationTests(db), IClassFixture<PostgresDatabase>;
