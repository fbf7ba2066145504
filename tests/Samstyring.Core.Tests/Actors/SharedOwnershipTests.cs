using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;

namespace Samstyring.Core.Tests.Actors;

/// <summary>
/// An actor can have several owners, each with a share where it is known (Nasjonal IKT HF and HDO are owned by the four
/// regional health authorities). The office edits the list; every rule is checked at once and told in Norwegian.
/// Each test works on its own actor.
/// </summary>
public abstract class SharedOwnershipTests(TestDatabase db)
{
    private Task<OrganizationDetails> DetailsAsync(int id) => db.SendAsync((OrganizationQueries q) => q.GetAsync(id));

    /// <summary>The actor's facts as stored, with the owners given.</summary>
    private static OrganizationInput Input(Organization o, params OwnerInput[] owners) =>
        new(o.Name, o.ShortName, o.OrgNumber, o.Type.Code(), o.ActorGroup.Code(), o.Region?.Code(), owners, o.Population);

    private Task<Organization> UpdateAsync(int id, OrganizationInput input, int? version) =>
        db.SendAsync((UpdateOrganization u) => u.HandleAsync(id, input, version, db.Office), db.Office);

    [Fact]
    public async Task Details_list_every_owner_and_each_owner_lists_what_it_owns_with_others()
    {
        if (!db.Available) return;
        var ikt = await DetailsAsync(await db.OrganizationIdAsync("nasjonal-ikt"));
        Assert.Equal(["Helse Midt-Norge RHF", "Helse Nord RHF", "Helse Sør-Øst RHF", "Helse Vest RHF"], ikt.Owners.Select(o => o.Name));
        Assert.All(ikt.Owners, o => Assert.Null(o.Share));

        var vest = await DetailsAsync(await db.OrganizationIdAsync("helse-vest"));
        Assert.Contains(vest.Owns, o => o.Key == "nasjonal-ikt");
        Assert.Contains(vest.Owns, o => o.Key == "hdo");

        var row = await db.SendAsync((OrganizationQueries q) => q.Query(new OrganizationFilter(Search: "Nasjonal IKT")).SingleAsync());
        Assert.Equal(4, row.OwnerNames.Count);
    }

    [Fact]
    public async Task The_office_sets_shares_and_removes_an_owner_as_a_new_version_with_every_row_audited()
    {
        if (!db.Available) return;
        var id = await db.OrganizationIdAsync("hdo");
        var o = (await DetailsAsync(id)).Organization;
        var (nord, midt, vest) = (await db.OrganizationIdAsync("helse-nord"), await db.OrganizationIdAsync("helse-midt"), await db.OrganizationIdAsync("helse-vest"));
        var lastAudit = await db.QueryAsync(x => x.AuditLog.MaxAsync(a => a.Id));

        var saved = await UpdateAsync(id, Input(o, new OwnerInput(nord, 25m), new(midt, 33.33m), new(vest, null)), o.Version);

        Assert.Equal(o.Version + 1, saved.Version);
        var after = await DetailsAsync(id);
        Assert.Equal([("Helse Midt-Norge RHF", 33.33m), ("Helse Nord RHF", 25m), ("Helse Vest RHF", (decimal?)null)],
            after.Owners.Select(x => (x.Name, x.Share)));
        var audit = await db.QueryAsync(x => x.AuditLog.AsNoTracking().Where(a => a.Id > lastAudit).ToListAsync());
        Assert.All(audit, a => Assert.Equal("kontor", a.UserName));
        Assert.Equal(2, audit.Count(a => a is { EntityType: nameof(OrganizationOwner), Action: "Modified" }));
        var removed = Assert.Single(audit, a => a is { EntityType: nameof(OrganizationOwner), Action: "Deleted" });
        Assert.Equal($"{id},{await db.OrganizationIdAsync("helse-sor-ost")}", removed.EntityId);
        Assert.Single(audit, a => a is { EntityType: nameof(Organization), Action: "Modified" });
    }

    [Fact]
    public async Task Every_owner_rule_is_reported_at_once_in_Norwegian_and_nothing_is_saved()
    {
        if (!db.Available) return;
        var id = await db.OrganizationIdAsync("nasjonal-ikt");
        var o = (await DetailsAsync(id)).Organization;
        var (nord, vest) = (await db.OrganizationIdAsync("helse-nord"), await db.OrganizationIdAsync("helse-vest"));

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => UpdateAsync(id,
            Input(o, new OwnerInput(id, null), new(nord, 150m), new(nord, 10m), new(vest, -1m), new(999_999, null), new(null, 5m), new(vest, 12.345m)), o.Version));

        Assert.Equal("En aktør kan ikke eie seg selv.", e.Errors["owners[0].id"][0]);
        Assert.Equal("Eierandelen i rad 2 må være mellom 0 og 100 %.", e.Errors["owners[1].share"][0]);
        Assert.Equal("Helse Nord RHF står som eier mer enn én gang.", e.Errors["owners[2].id"][0]);
        Assert.Equal("Eierandelen i rad 4 må være mellom 0 og 100 %.", e.Errors["owners[3].share"][0]);
        Assert.Equal("Eieren finnes ikke.", e.Errors["owners[4].id"][0]);
        Assert.Equal("Velg en eier i rad 6.", e.Errors["owners[5].id"][0]);
        Assert.Equal("Eierandelen i rad 7 kan ha høyst to desimaler.", e.Errors["owners[6].share"][0]);
        Assert.Equal(o.Version, (await DetailsAsync(id)).Organization.Version);
        Assert.Equal(4, (await DetailsAsync(id)).Owners.Count);
    }

    [Fact]
    public async Task Shares_given_may_not_add_up_to_more_than_100_percent()
    {
        if (!db.Available) return;
        var id = await db.OrganizationIdAsync("nasjonal-ikt");
        var o = (await DetailsAsync(id)).Organization;
        var (nord, vest, midt) = (await db.OrganizationIdAsync("helse-nord"), await db.OrganizationIdAsync("helse-vest"), await db.OrganizationIdAsync("helse-midt"));

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => UpdateAsync(id, Input(o, new OwnerInput(nord, 60m), new(vest, 50.5m), new(midt, null)), o.Version));

        Assert.Equal("Eierandelene er til sammen 110,5\u00A0%. De kan ikke være mer enn 100 % til sammen.", e.Errors["owners"][0]);
    }

    [Theory]
    [InlineData("helse-nord")] // the ministry owns Helse Nord: a ring of two
    [InlineData("nasjonal-ikt")] // the ministry owns the RHFs, which own Nasjonal IKT: a ring through others
    public async Task Ownership_may_not_go_round_in_a_ring(string ownerKey)
    {
        if (!db.Available) return;
        var hod = await db.OrganizationIdAsync("hod");
        var o = (await DetailsAsync(hod)).Organization;

        var owner = await db.OrganizationIdAsync(ownerKey);

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => UpdateAsync(hod, Input(o, new OwnerInput(owner, null)), o.Version));

        Assert.StartsWith("Eierskapet ville blitt sirkulært", e.Errors["owners[0].id"][0]);
    }

    [Fact]
    public async Task A_stale_or_missing_version_is_refused_and_the_owners_stay()
    {
        if (!db.Available) return;
        var id = await db.OrganizationIdAsync("nhn");
        var o = (await DetailsAsync(id)).Organization;
        var owners = Input(o, new OwnerInput(await db.OrganizationIdAsync("hod"), 100m));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => UpdateAsync(id, owners, o.Version - 1));
        await Assert.ThrowsAsync<VersionRequiredException>(() => UpdateAsync(id, owners, null));
        Assert.Equal([null], (await DetailsAsync(id)).Owners.Select(x => x.Share));

        await UpdateAsync(id, owners, o.Version);
        Assert.Equal([100m], (await DetailsAsync(id)).Owners.Select(x => x.Share));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => UpdateAsync(id, Input(o), o.Version));
    }

    [Fact]
    public async Task Sending_no_owners_leaves_the_actor_without_owners()
    {
        if (!db.Available) return;
        var id = await db.OrganizationIdAsync("ffo");
        var o = (await DetailsAsync(id)).Organization;
        var ks = await db.OrganizationIdAsync("ks");
        var withOwner = await UpdateAsync(id, Input(o, new OwnerInput(ks, null)), o.Version);
        Assert.Equal(["KS – Kommunesektorens organisasjon"], (await DetailsAsync(id)).Owners.Select(x => x.Name));

        await UpdateAsync(id, Input(o), withOwner.Version);

        Assert.Empty((await DetailsAsync(id)).Owners);
        Assert.DoesNotContain((await DetailsAsync(ks)).Owns, x => x.Id == id);
    }
}

public sealed class SharedOwnershipTestsSqlite(SqliteDatabase db) : SharedOwnershipTests(db), IClassFixture<SqliteDatabase>;

public sealed class SharedOwnershipTestsPostgres(PostgresDatabase db) : SharedOwnershipTests(db), IClassFixture<PostgresDatabase>;
