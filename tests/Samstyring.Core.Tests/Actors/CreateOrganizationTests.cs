using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;

namespace Samstyring.Core.Tests.Actors;

/// <summary>
/// The office registers a new actor: the same checks as a correction, a valid organisation number (MOD11) that no other
/// actor has, and a key of its own. Every error at once, in Norwegian; nothing is saved on a refusal. Each test uses names
/// and organisation numbers of its own.
/// </summary>
public abstract class CreateOrganizationTests(TestDatabase db)
{
    private static OrganizationInput Input(string name, string? orgNumber = null, string? shortName = null, string type = "direktorat",
        string group = "helseforvaltningen", string? region = null, IReadOnlyList<OwnerInput>? owners = null, int? population = null) =>
        new(name, shortName, orgNumber, type, group, region, owners, population);

    private Task<Organization> CreateAsync(string? key, OrganizationInput input) => CreateAsAsync(db.Office, key, input);

    private Task<Organization> CreateAsAsync(CurrentUser? user, string? key, OrganizationInput input) =>
        db.SendAsync((CreateOrganization c) => c.HandleAsync(key, input, user), user);

    private Task<int> CountAsync() => db.QueryAsync(x => x.Organizations.CountAsync());

    [Fact]
    public async Task The_office_registers_an_actor_with_owners_as_version_1_and_it_is_audited()
    {
        if (!db.Available) return;
        var (nord, vest) = (await db.OrganizationIdAsync("helse-nord"), await db.OrganizationIdAsync("helse-vest"));
        var lastAudit = await db.QueryAsync(x => x.AuditLog.MaxAsync(a => (long?)a.Id)) ?? 0;

        var o = await CreateAsync(null, Input("  Helse Nordvest IKT HF ", "983 544 622", shortName: "Nordvest IKT", type: "hf",
            group: "spesialisthelsetjenesten", region: "helse-vest", owners: [new(nord, 40m), new(vest, 60m)]));

        Assert.Equal(1, o.Version);
        Assert.Equal("nordvest-ikt", o.Key);
        var d = await db.SendAsync((OrganizationQueries q) => q.GetAsync(o.Id));
        Assert.Equal("Helse Nordvest IKT HF", d.Organization.Name);
        Assert.Equal("983544622", d.Organization.OrgNumber);
        Assert.Equal((OrganizationType.Hf, ActorGroup.Spesialisthelsetjenesten, HealthRegion.HelseVest), (d.Organization.Type, d.Organization.ActorGroup, d.Organization.Region));
        Assert.Equal([("Helse Nord RHF", 40m), ("Helse Vest RHF", (decimal?)60m)], d.Owners.Select(x => (x.Name, x.Share)));
        var audit = await db.QueryAsync(x => x.AuditLog.AsNoTracking().Where(a => a.Id > lastAudit).ToListAsync());
        Assert.Single(audit, a => a is { EntityType: nameof(Organization), Action: "Added" });
        Assert.Equal(2, audit.Count(a => a is { EntityType: nameof(OrganizationOwner), Action: "Added" }));
        Assert.All(audit, a => Assert.Equal("kontor", a.UserName));
    }

    [Fact]
    public async Task A_key_is_made_from_the_name_and_numbered_when_taken()
    {
        if (!db.Available) return;
        var first = await CreateAsync(null, Input("Blåbær Ødegård Ærlig Pasientforening", type: "pasientorganisasjon", group: "annet"));
        var second = await CreateAsync(null, Input("Blåbær Ødegård Ærlig Pasientforening", type: "pasientorganisasjon", group: "annet"));
        var given = await CreateAsync(" mitt-oppslag:nr1 ", Input("Med egen nøkkel", type: "annet", group: "annet"));

        Assert.Equal("blabaer-odegard-aerlig-pasientforening", first.Key);
        Assert.Equal("blabaer-odegard-aerlig-pasientforening-2", second.Key);
        Assert.Equal("mitt-oppslag:nr1", given.Key);
        Assert.Equal("aktor", CreateOrganization.Slug("😀 – ✓"));
    }

    [Fact]
    public async Task An_organisation_number_must_be_valid_and_not_already_registered_for_a_new_actor_or_a_change()
    {
        if (!db.Available) return;
        var registered = await CreateAsync(null, Input("Registeret med nummer", "991825827"));
        var count = await CountAsync();

        var bad = await Assert.ThrowsAsync<ValidationFailedException>(() => CreateAsync(null, Input("Feil kontrollsiffer", "974760674")));
        var duplicate = await Assert.ThrowsAsync<ValidationFailedException>(() => CreateAsync(null, Input("Samme nummer", "991 825 827")));

        Assert.Equal("Organisasjonsnummeret er ikke gyldig (ni siffer med riktig kontrollsiffer, MOD11).", bad.Errors["orgNumber"][0]);
        Assert.Equal("Organisasjonsnummeret 991825827 er allerede registrert på Registeret med nummer.", duplicate.Errors["orgNumber"][0]);
        Assert.Equal(count, await CountAsync());

        // The same rule when an actor is corrected, and an actor keeps its own number.
        var other = await CreateAsync(null, Input("Et annet register"));
        var change = await Assert.ThrowsAsync<ValidationFailedException>(() => db.SendAsync((UpdateOrganization u) =>
            u.HandleAsync(other.Id, Input("Et annet register", "991825827"), other.Version, db.Office), db.Office));
        Assert.StartsWith("Organisasjonsnummeret 991825827 er allerede registrert", change.Errors["orgNumber"][0]);
        var kept = await db.SendAsync((UpdateOrganization u) =>
            u.HandleAsync(registered.Id, Input("Registeret med nummer (nytt navn)", "991825827"), registered.Version, db.Office), db.Office);
        Assert.Equal(2, kept.Version);
    }

    [Fact]
    public async Task Every_error_is_reported_at_once_in_Norwegian_and_nothing_is_saved()
    {
        if (!db.Available) return;
        var count = await CountAsync();
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => CreateAsync("Store Bokstaver",
            new OrganizationInput(" ", "Kort\u202Enavn", "12345", "planet", null, "helse-mars", [new(999_999, 150m)], -1)));

        Assert.StartsWith("Nøkkelen kan bare ha små bokstaver", e.Errors["key"][0]);
        Assert.Equal("Navn må fylles ut.", e.Errors["name"][0]);
        Assert.StartsWith("Kortnavn inneholder et tegn som snur skriveretningen", e.Errors["shortName"][0]);
        Assert.StartsWith("Organisasjonsnummeret er ikke gyldig", e.Errors["orgNumber"][0]);
        Assert.StartsWith("«planet» er ikke en gyldig verdi for type", e.Errors["type"][0]);
        Assert.Equal("Aktørgruppe må velges.", e.Errors["actorGroup"][0]);
        Assert.StartsWith("«helse-mars» er ikke en gyldig verdi for helseregion", e.Errors["region"][0]);
        Assert.Equal("Folketall kan ikke være negativt.", e.Errors["population"][0]);
        Assert.Equal("Eieren finnes ikke.", e.Errors["owners[0].id"][0]);
        Assert.Equal("Eierandelen i rad 1 må være mellom 0 og 100 %.", e.Errors["owners[0].share"][0]);
        Assert.Equal(count, await CountAsync());
    }

    [Theory]
    [InlineData("hdir", "Nøkkelen «hdir» er allerede i bruk av Helsedirektoratet.")]
    [InlineData("kommune:9999", "Nøkler som begynner med «kommune:», er forbeholdt kommunene fra kommunelisten.")]
    [InlineData("-ledende", null)]
    [InlineData("a\0b", null)]
    public async Task A_key_given_must_be_well_formed_free_and_not_a_municipality_key(string key, string? message)
    {
        if (!db.Available) return;
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => CreateAsync(key, Input("Nøkkelprøve " + Guid.NewGuid().ToString("N")[..6])));
        if (message is null) Assert.StartsWith("Nøkkelen kan bare ha små bokstaver", e.Errors["key"][0]);
        else Assert.Equal(message, e.Errors["key"][0]);
    }

    [Fact]
    public async Task Only_the_office_registers_actors_and_a_refusal_says_nothing_about_the_input()
    {
        if (!db.Available) return;
        var count = await CountAsync();
        foreach (var user in new[] { db.OwnerHelseSorOst, db.KsCoordinator, db.Member, db.OperatorNhn, null })
            await Assert.ThrowsAsync<ForbiddenException>(() => CreateAsAsync(user, "hdir", Input("")));
        Assert.Equal(count, await CountAsync());
    }
}

public sealed class CreateOrganizationTestsSqlite(SqliteDatabase db) : CreateOrganizationTests(db), IClassFixture<SqliteDatabase>;

public sealed class CreateOrganizationTestsPostgres(PostgresDatabase db) : CreateOrganizationTests(db), IClassFixture<PostgresDatabase>;
