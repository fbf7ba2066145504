using Samstyring.Core.Portfolio;
using static Samstyring.Core.Tests.TestHelpers;

namespace Samstyring.Core.Tests.Portfolio;

/// <summary>Whatever is typed in, the user gets every problem at once in Norwegian, and nothing is half-saved.</summary>
public abstract class BadInputTests(TestDatabase db)
{
    private static InitiativeInput Valid(string name) =>
        new(name, "Beskrivelse.", null, "project", "konsept", "2026-01-01", "2027-12-31", "Per Prosjektleder");

    private Task<Initiative> Propose(InitiativeInput input) => db.SendAsync((ProposeInitiative u) => u.HandleAsync(input, db.OwnerHelseSorOst));

    [Fact]
    public async Task A_name_of_201_characters_is_refused_and_nothing_is_saved()
    {
        if (!db.Available) return;
        var before = await db.CountsAsync();
        var errors = await AssertInvalidAsync(() => Propose(Valid(new string('a', 201))), "name");
        Assert.Equal("Navn kan ikke være lengre enn 200 tegn (er 201).", errors["name"].Single());
        Assert.Equal(before, await db.CountsAsync());

        var exactly200 = await Propose(Valid(UniqueName("Lengste navn").PadRight(200, 'x')));
        Assert.Equal(200, (await db.LoadInitiativeAsync(exactly200.Id)).Name.Length);
    }

    [Fact]
    public async Task An_end_before_the_start_and_an_impossible_date_are_refused()
    {
        if (!db.Available) return;
        var before = await db.CountsAsync();

        var errors = await AssertInvalidAsync(() => Propose(Valid(UniqueName("Baklengs")) with { PlannedStart = "2022-06-01", PlannedEnd = "2022-05-31" }), "plannedEnd");
        Assert.Equal("Planlagt slutt kan ikke være før planlagt start.", errors["plannedEnd"].Single());

        errors = await AssertInvalidAsync(() => Propose(Valid(UniqueName("Umulig dato")) with { PlannedStart = "2021-02-30" }), "plannedStart");
        Assert.Equal("Planlagt start må være en gyldig dato (åååå-mm-dd), ikke «2021-02-30».", errors["plannedStart"].Single());

        Assert.Equal(before, await db.CountsAsync());
    }

    [Fact]
    public async Task Every_problem_is_reported_at_once()
    {
        if (!db.Available) return;
        var before = await db.CountsAsync();
        var errors = await AssertInvalidAsync(() => Propose(new InitiativeInput(" ", new string('d', 4001), null, "spaceship", "purple", "i morgen", "31.12.2021", "Navn\u0007")),
            "name", "description", "kind", "phase", "plannedStart", "contactPerson");
        Assert.Equal("Navn må fylles ut.", errors["name"].Single());
        Assert.StartsWith("«spaceship» er ikke en gyldig verdi for type tiltak.", errors["kind"].Single());
        Assert.Contains("kontrolltegn", errors["contactPerson"].Single());
        Assert.Equal(before, await db.CountsAsync());
    }

    [Fact]
    public async Task Markup_in_a_name_is_stored_as_typed_because_encoding_happens_on_output()
    {
        if (!db.Available) return;
        var name = $"<script>alert('x')</script> & \"Tiltak\" <b>{Guid.NewGuid():N}</b>";
        var proposed = await Propose(Valid(name) with { Description = "<img src=x onerror=alert(1)>" });

        var stored = await db.LoadInitiativeAsync(proposed.Id);
        Assert.Equal(name, stored.Name);
        Assert.Equal("<img src=x onerror=alert(1)>", stored.Description);
    }

    [Fact]
    public async Task A_refused_update_leaves_the_initiative_exactly_as_it_was()
    {
        if (!db.Available) return;
        var id = await db.InitiativeIdAsync("Regional klinisk løsning i Helse Sør-Øst");
        var before = await db.LoadInitiativeAsync(id);
        var counts = await db.CountsAsync();

        await AssertInvalidAsync(() => db.SendAsync((UpdateInitiative u) => u.HandleAsync(id,
            new InitiativeInput(new string('n', 201), "Ny beskrivelse som ikke skal lagres.", null, "project", null, "2021-02-30", null, null),
            before.Version, db.OwnerHelseSorOst)), "name", "plannedStart");

        var after = await db.LoadInitiativeAsync(id);
        Assert.Equal((before.Name, before.Description, before.PlannedStart, before.Version, before.UpdatedAt),
            (after.Name, after.Description, after.PlannedStart, after.Version, after.UpdatedAt));
        Assert.Equal(counts, await db.CountsAsync());
    }

    [Fact]
    public async Task The_same_owner_cannot_have_two_initiatives_with_the_same_name()
    {
        if (!db.Available) return;
        var name = UniqueName("Dobbelt");
        await Propose(Valid(name));
        var before = await db.CountsAsync();
        await AssertInvalidAsync(() => Propose(Valid(" " + name + " ")), "name");
        Assert.Equal(before, await db.CountsAsync());
    }
}

public sealed class BadInputTestsSqlite(SqliteDatabase db) : BadInputTests(db), IClassFixture<SqliteDatabase>;

public sealed class BadInputTestsPostgres(PostgresDatabase db) : BadInputTests(db), IClassFixture<PostgresDatabase>;
