using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Council;

namespace Samstyring.Core.Tests.Council;

/// <summary>Bodies (names and mandates kept as history), members and the årshjul, as the secretariat maintains them.</summary>
public abstract class BodyAndMemberTests(TestDatabase db)
{
    private static string UniqueSlug(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private static BodyInput NewBody(string slug, string name = "Testutvalget", string? kind = "professional-committee", string? rule = "majority",
        int? count = null, int? solution = null) =>
        new(slug, name, null, "2017-01-01", kind, "Et utvalg laget av testene.", rule, count, solution, "Første mandat.");

    private Task<Body> CreateBodyAsync(string slug, string name = "Testutvalget") =>
        db.SendAsync((CreateBody u) => u.HandleAsync(NewBody(slug, name), db.Office), db.Office);

    private Task<Body> LoadBodyAsync(string slug) =>
        db.QueryAsync(x => x.Bodies.AsNoTracking().Include(b => b.Names).Include(b => b.Mandates).SingleAsync(b => b.Slug == slug));

    private Task<int> OrgAsync() => db.QueryAsync(x => x.Organizations.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync());

    private Task<BodyMember> AddMemberAsync(string slug, string name, string role = "member", int? substituteFor = null, string start = "2021-01-01") =>
        OrgAsync().ContinueWith(async org => await db.SendAsync((AddMember u) =>
            u.HandleAsync(slug, new MemberInput(name, null, org.Result, role, substituteFor, start, null), db.Office), db.Office)).Unwrap();

    private Task<Meeting> PlanAsync(string slug, string date) =>
        db.SendAsync((PlanMeeting u) => u.HandleAsync(new MeetingInput(slug, date, "10:00", "15:00", "Oslo", false, "ordinary"), db.Office), db.Office);

    private Task<(int Bodies, int Names, int Mandates, int Members, int Cycle, int Meetings, int Cases, int Audit)> CountsAsync() =>
        db.QueryAsync(async x => (await x.Bodies.CountAsync(), await x.BodyNames.CountAsync(), await x.BodyMandates.CountAsync(),
            await x.BodyMembers.CountAsync(), await x.CycleItems.CountAsync(), await x.Meetings.CountAsync(), await x.Cases.CountAsync(),
            await x.AuditLog.CountAsync()));

    [Fact]
    public async Task Office_creates_a_body_with_its_first_name_and_mandate_and_the_change_is_audited()
    {
        if (!db.Available) return;
        var slug = UniqueSlug("utvalg");
        var body = await CreateBodyAsync(slug, "Nasjonalt testutvalg");

        var stored = await LoadBodyAsync(slug);
        Assert.Equal(body.Id, stored.Id);
        Assert.Equal(BodyKind.ProfessionalCommittee, stored.Kind);
        Assert.Equal(QuorumRule.Majority, stored.QuorumRule);
        Assert.Null(stored.QuorumCount);
        Assert.Equal(1, stored.Version);
        var name = Assert.Single(stored.Names);
        Assert.Equal(("Nasjonalt testutvalg", new DateOnly(2017, 1, 1)), (name.Name, name.ValidFrom));
        Assert.Equal("Første mandat.", Assert.Single(stored.Mandates).Text);
        var audit = await db.QueryAsync(x => x.AuditLog.Where(a => a.EntityType == nameof(Body) && a.EntityId == body.Id.ToString()).ToListAsync());
        Assert.Equal("kontor", Assert.Single(audit).UserName);
    }

    [Theory]
    [InlineData("NUIT")]
    [InlineData("n")]
    [InlineData("med mellomrom")]
    [InlineData("-nuit")]
    [InlineData("nuit-")]
    [InlineData("æøå")]
    [InlineData("ny")]
    public async Task Invalid_slugs_are_refused_in_Norwegian(string slug)
    {
        if (!db.Available) return;
        var before = await CountsAsync();
        var errors = await TestHelpers.AssertInvalidAsync(() => db.SendAsync((CreateBody u) => u.HandleAsync(NewBody(slug), db.Office)), "slug");
        Assert.Contains("dresse", errors["slug"][0]);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_slug_longer_than_80_characters_is_refused()
    {
        if (!db.Available) return;
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((CreateBody u) => u.HandleAsync(NewBody(new string('a', 81)), db.Office)), "slug");
    }

    [Fact]
    public async Task A_taken_slug_is_refused_with_the_agreed_message()
    {
        if (!db.Available) return;
        var slug = UniqueSlug("nuit");
        await CreateBodyAsync(slug);
        var before = await CountsAsync();
        var errors = await TestHelpers.AssertInvalidAsync(() => db.SendAsync((CreateBody u) => u.HandleAsync(NewBody(slug, "Et annet navn"), db.Office)), "slug");
        Assert.Equal($"Et organ med adressen «{slug}» finnes allerede.", Assert.Single(errors["slug"]));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Every_field_error_is_reported_at_once()
    {
        if (!db.Available) return;
        var before = await CountsAsync();
        var errors = await TestHelpers.AssertInvalidAsync(() => db.SendAsync((CreateBody u) =>
            u.HandleAsync(new BodyInput("", " ", null, "31.02.2021", "komite", null, "alle", null, 999_999, null), db.Office)),
            "slug", "name", "establishedOn", "kind", "quorumRule", "nationalSolutionId");
        Assert.All(errors.Values.SelectMany(e => e), m => Assert.Matches("[æøåÆØÅ«]| må | er | ikke ", m));
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(201)]
    public async Task At_least_needs_a_count_from_1_to_200(int? count)
    {
        if (!db.Available) return;
        var errors = await TestHelpers.AssertInvalidAsync(() => db.SendAsync((CreateBody u) =>
            u.HandleAsync(NewBody(UniqueSlug("kvorum"), rule: "at-least", count: count), db.Office)), "quorumCount");
        Assert.Contains("må", errors["quorumCount"][0]);
    }

    [Fact]
    public async Task The_count_is_kept_for_at_least_and_dropped_for_other_rules()
    {
        if (!db.Available) return;
        var slug = UniqueSlug("kvorum");
        await db.SendAsync((CreateBody u) => u.HandleAsync(NewBody(slug, rule: "at-least", count: 7), db.Office), db.Office);
        var stored = await LoadBodyAsync(slug);
        Assert.Equal((QuorumRule.AtLeast, (int?)7), (stored.QuorumRule, stored.QuorumCount));

        await db.SendAsync((UpdateBody u) => u.HandleAsync(slug, new BodySettingsInput("professional-committee", "", "two-thirds", 7, null, null), stored.Version, db.Office), db.Office);
        stored = await LoadBodyAsync(slug);
        Assert.Equal((QuorumRule.TwoThirds, (int?)null), (stored.QuorumRule, stored.QuorumCount));
    }

    [Fact]
    public async Task A_product_board_needs_its_national_solution()
    {
        if (!db.Available) return;
        var slug = UniqueSlug("produktstyre");
        var errors = await TestHelpers.AssertInvalidAsync(() => db.SendAsync((CreateBody u) =>
            u.HandleAsync(NewBody(slug, kind: "product-board"), db.Office)), "nationalSolutionId");
        Assert.Contains("produktstyre", errors["nationalSolutionId"][0]);

        var solution = await db.QueryAsync(x => x.NationalSolutions.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync());
        await db.SendAsync((CreateBody u) => u.HandleAsync(NewBody(slug, kind: "product-board", solution: solution), db.Office), db.Office);
        Assert.Equal(solution, (await LoadBodyAsync(slug)).NationalSolutionId);
    }

    [Fact]
    public async Task Only_the_secretariat_changes_bodies_members_and_the_cycle_and_a_refusal_saves_nothing()
    {
        if (!db.Available) return;
        var slug = UniqueSlug("tilgang");
        var body = await CreateBodyAsync(slug);
        var member = await AddMemberAsync(slug, "Tilgang Testesen");
        var item = await db.SendAsync((AddCycleItem u) => u.HandleAsync(new CycleInput(slug, 9, "Porteføljestatus", "orientering", null, null), db.Office), db.Office);
        var org = await OrgAsync();
        var before = await CountsAsync();

        foreach (var user in new CurrentUser?[] { null, db.Member, db.OwnerHelseSorOst, db.OwnerOslo, db.KsCoordinator })
        {
            var attempts = new Func<Task>[]
            {
                () => db.SendAsync((CreateBody u) => u.HandleAsync(NewBody(UniqueSlug("nekt")), user), user),
                () => db.SendAsync((UpdateBody u) => u.HandleAsync(slug, new BodySettingsInput("other", "", "none", null, null, null), body.Version, user), user),
                () => db.SendAsync((RenameBody u) => u.HandleAsync(slug, new BodyNameInput("Nytt navn", null, "2022-01-01"), user), user),
                () => db.SendAsync((AddMandate u) => u.HandleAsync(slug, new MandateInput("Nytt mandat.", "2022-01-01", null), user), user),
                () => db.SendAsync((AddMember u) => u.HandleAsync(slug, new MemberInput("Ny Person", null, org, "member", null, "2021-01-01", null), user), user),
                () => db.SendAsync((UpdateMember u) => u.HandleAsync(member.Id, new MemberInput("Nytt Navn", null, org, "member", null, "2021-01-01", null), member.Version, user), user),
                () => db.SendAsync((EndMemberTerm u) => u.HandleAsync(member.Id, "2021-12-31", member.Version, user), user),
                () => db.SendAsync((DeleteMember u) => u.HandleAsync(member.Id, null, user), user),
                () => db.SendAsync((AddCycleItem u) => u.HandleAsync(new CycleInput(slug, 3, "Ny sak", "drofting", null, null), user), user),
                () => db.SendAsync((UpdateCycleItem u) => u.HandleAsync(item.Id, new CycleInput(slug, 4, "Endret", "drofting", null, null), item.Version, user), user),
                () => db.SendAsync((DeleteCycleItem u) => u.HandleAsync(item.Id, null, user), user),
                () => db.SendAsync((PlanMeetingFromCycle u) => u.HandleAsync(slug, 9, new MeetingInput(slug, "2031-09-10", "10:00", "12:00", "Oslo", false, null), user), user),
            };
            foreach (var attempt in attempts)
            {
                var e = await Assert.ThrowsAsync<ForbiddenException>(attempt);
                Assert.Contains(user is null ? "logge inn" : "sekretariatet", e.Message);
            }
        }
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task An_update_from_a_stale_version_is_a_conflict_and_changes_nothing()
    {
        if (!db.Available) return;
        var slug = UniqueSlug("versjon");
        var body = await CreateBodyAsync(slug);
        await db.SendAsync((UpdateBody u) => u.HandleAsync(slug, new BodySettingsInput("other", "Første.", "majority", null, null, 5), body.Version, db.Office), db.Office);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.SendAsync((UpdateBody u) =>
            u.HandleAsync(slug, new BodySettingsInput("board", "Andre.", "none", null, null, null), body.Version, db.Office), db.Office));
        var stored = await LoadBodyAsync(slug);
        Assert.Equal(("Første.", BodyKind.Other, 5, body.Version + 1), (stored.Description, stored.Kind, stored.SortOrder, stored.Version));

        var member = await AddMemberAsync(slug, "Versjon Testesen");
        var org = await OrgAsync();
        await db.SendAsync((UpdateMember u) => u.HandleAsync(member.Id, new MemberInput("Versjon Endret", null, org, "member", null, "2021-01-01", null), member.Version, db.Office), db.Office);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.SendAsync((UpdateMember u) =>
            u.HandleAsync(member.Id, new MemberInput("Versjon Igjen", null, org, "member", null, "2021-01-01", null), member.Version, db.Office), db.Office));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.SendAsync((EndMemberTerm u) => u.HandleAsync(member.Id, "2021-12-31", member.Version, db.Office), db.Office));
        Assert.Equal("Versjon Endret", await db.QueryAsync(x => x.BodyMembers.Where(m => m.Id == member.Id).Select(m => m.Name).SingleAsync()));
    }

    [Fact]
    public async Task A_rename_keeps_the_history_and_old_meetings_keep_the_old_name()
    {
        if (!db.Available) return;
        var slug = UniqueSlug("e-helsestyret");
        await CreateBodyAsync(slug, "Nasjonalt e-helsestyre");
        var meeting = await PlanAsync(slug, "2021-12-09");

        await db.SendAsync((RenameBody u) => u.HandleAsync(slug, new BodyNameInput("Nasjonalt e-helseråd", null, "2022-01-01"), db.Office), db.Office);

        var body = await LoadBodyAsync(slug);
        Assert.Equal(slug, body.Slug);
        Assert.Equal(["Nasjonalt e-helsestyre", "Nasjonalt e-helseråd"], body.Names.OrderBy(n => n.ValidFrom).Select(n => n.Name));
        Assert.Equal("Nasjonalt e-helsestyre", body.NameOn(meeting.Date).Name);
        Assert.Equal("Nasjonalt e-helseråd", body.NameOn(new DateOnly(2022, 3, 1)).Name);
        Assert.Equal("Nasjonalt e-helsestyre", body.NameOn(new DateOnly(2016, 1, 1)).Name); // before the first name: the earliest

        // The årshjul shows the meeting under the name on its day, and 2022 under the new one.
        var cycle2021 = await db.SendAsync((CouncilQueries u) => u.GetCycleYearAsync(2021));
        Assert.Equal("Nasjonalt e-helsestyre", Assert.Single(cycle2021.Meetings, m => m.Id == meeting.Id).BodyName);
        Assert.Equal("Nasjonalt e-helsestyre", Assert.Single(cycle2021.Bodies, b => b.Slug == slug).Name);
        Assert.Equal("Nasjonalt e-helseråd", Assert.Single((await db.SendAsync((CouncilQueries u) => u.GetCycleYearAsync(2022))).Bodies, b => b.Slug == slug).Name);

        // A second name from the same date, or the same name again, is refused.
        var same = await TestHelpers.AssertInvalidAsync(() => db.SendAsync((RenameBody u) =>
            u.HandleAsync(slug, new BodyNameInput("Noe annet", null, "2022-01-01"), db.Office)), "validFrom");
        Assert.Contains("allerede", same["validFrom"][0]);
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((RenameBody u) =>
            u.HandleAsync(slug, new BodyNameInput("Nasjonalt e-helseråd", null, "2023-01-01"), db.Office)), "name");
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((RenameBody u) =>
            u.HandleAsync(slug, new BodyNameInput("", null, ""), db.Office)), "name", "validFrom");
        Assert.Equal(2, (await LoadBodyAsync(slug)).Names.Count);
    }

    [Fact]
    public async Task Mandate_versions_are_kept_and_may_name_the_adopting_case()
    {
        if (!db.Available) return;
        var slug = UniqueSlug("mandat");
        await CreateBodyAsync(slug);
        var meeting = await PlanAsync(slug, "2021-06-10"); // its first case is 1/21, approval of the notice
        var firstCase = await db.QueryAsync(x => x.Cases.Where(c => c.MeetingId == meeting.Id && c.Number == 1).Select(c => c.Id).SingleAsync());

        var m = await db.SendAsync((AddMandate u) => u.HandleAsync(slug, new MandateInput("Revidert mandat.", "2021-06-10", "1/21"), db.Office), db.Office);
        Assert.Equal(firstCase, m.AdoptedInCaseId);

        var body = await LoadBodyAsync(slug);
        Assert.Equal(2, body.Mandates.Count);
        Assert.Equal("Første mandat.", body.MandateOn(new DateOnly(2021, 6, 9))!.Text);
        Assert.Equal("Revidert mandat.", body.MandateOn(new DateOnly(2021, 6, 10))!.Text);

        var errors = await TestHelpers.AssertInvalidAsync(() => db.SendAsync((AddMandate u) =>
            u.HandleAsync(slug, new MandateInput("", "2021-06-10", "sak 9"), db.Office)), "text", "validFrom", "adoptedInCase");
        Assert.Contains("37/21", errors["adoptedInCase"][0]);
        var missing = await TestHelpers.AssertInvalidAsync(() => db.SendAsync((AddMandate u) =>
            u.HandleAsync(slug, new MandateInput("Tredje.", "2022-01-01", "99/21"), db.Office)), "adoptedInCase");
        Assert.Equal("Fant ikke sak 99/21 i dette organet.", missing["adoptedInCase"][0]);
        Assert.Equal(2, (await LoadBodyAsync(slug)).Mandates.Count);
    }

    [Fact]
    public async Task Member_rules_are_checked_with_Norwegian_messages()
    {
        if (!db.Available) return;
        var slug = UniqueSlug("medlemmer");
        var other = UniqueSlug("annet");
        await CreateBodyAsync(slug);
        await CreateBodyAsync(other);
        var stranger = await AddMemberAsync(other, "Annen Organist");
        var org = await OrgAsync();
        var before = await CountsAsync();

        Task Add(MemberInput input) => db.SendAsync((AddMember u) => u.HandleAsync(slug, input, db.Office), db.Office);
        var all = await TestHelpers.AssertInvalidAsync(() => Add(new MemberInput(" ", null, 987654, "leder", null, null, null)),
            "name", "organizationId", "role", "termStart");
        Assert.Equal("Navn må fylles ut.", all["name"][0]);
        await TestHelpers.AssertInvalidAsync(() => Add(new MemberInput("Per", null, null, "member", null, "2021-01-01", null)), "organizationId");
        var sub = await TestHelpers.AssertInvalidAsync(() => Add(new MemberInput("Per", null, org, "substitute", null, "2021-01-01", null)), "substituteForId");
        Assert.Contains("stedfortreder for", sub["substituteForId"][0]);
        var otherBody = await TestHelpers.AssertInvalidAsync(() => Add(new MemberInput("Per", null, org, "substitute", stranger.Id, "2021-01-01", null)), "substituteForId");
        Assert.Contains("samme organet", otherBody["substituteForId"][0]);
        await TestHelpers.AssertInvalidAsync(() => Add(new MemberInput("Per", null, org, "observer", stranger.Id, "2021-01-01", null)), "substituteForId");
        var term = await TestHelpers.AssertInvalidAsync(() => Add(new MemberInput("Per", null, org, "member", null, "2021-06-01", "2021-05-31")), "termEnd");
        Assert.Contains("før periodens start", term["termEnd"][0]);
        await Add(new MemberInput("Per Éndag", null, org, "member", null, "2021-06-01", "2021-06-01")); // a one-day term is fine
        Assert.Equal(before.Members + 1, (await CountsAsync()).Members); // only the valid one-day term was saved

        var member = await AddMemberAsync(slug, "Kari Medlem");
        var substitute = await AddMemberAsync(slug, "Ola Stedfortreder", "substitute", member.Id);
        Assert.Equal(member.Id, substitute.SubstituteForId);
        var members = await db.SendAsync((CouncilQueries u) => u.ListBodyMembersAsync(slug));
        Assert.Contains(members, m => m.Id == substitute.Id && m.SubstituteFor!.Name == "Kari Medlem" && m.Role == MemberRole.Substitute);

        // Someone stands in for Kari, so she cannot become secretariat staff, nor be deleted.
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((UpdateMember u) =>
            u.HandleAsync(member.Id, new MemberInput("Kari Medlem", null, org, "secretariat", null, "2021-01-01", null), member.Version, db.Office), db.Office), "role");
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((DeleteMember u) => u.HandleAsync(member.Id, null, db.Office), db.Office), "id");
    }

    [Fact]
    public async Task A_member_with_attendance_is_never_deleted_but_their_term_can_end()
    {
        if (!db.Available) return;
        var slug = UniqueSlug("oppmote");
        await CreateBodyAsync(slug);
        var member = await AddMemberAsync(slug, "Oda Oppmøte");
        var mistake = await AddMemberAsync(slug, "Feil Registrert");
        var meeting = await PlanAsync(slug, "2021-10-14");
        await db.SendAsync((RecordAttendance u) => u.HandleAsync(meeting.Id,
            [new AttendanceInput(member.Id, "present", false, null, null, null, null)], null, meeting.Version, db.Office), db.Office);

        var refused = await TestHelpers.AssertInvalidAsync(() => db.SendAsync((DeleteMember u) => u.HandleAsync(member.Id, null, db.Office), db.Office), "id");
        Assert.Contains("Avslutt perioden", refused["id"][0]);
        Assert.True(await db.QueryAsync(x => x.BodyMembers.AnyAsync(m => m.Id == member.Id)));

        var tooEarly = await TestHelpers.AssertInvalidAsync(() => db.SendAsync((EndMemberTerm u) => u.HandleAsync(member.Id, "2021-10-01", member.Version, db.Office), db.Office), "termEnd");
        Assert.Contains("oppmøte", tooEarly["termEnd"][0]);
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((EndMemberTerm u) => u.HandleAsync(member.Id, "2020-12-31", member.Version, db.Office), db.Office), "termEnd");
        var ended = await db.SendAsync((EndMemberTerm u) => u.HandleAsync(member.Id, "2021-12-31", member.Version, db.Office), db.Office);
        Assert.Equal(new DateOnly(2021, 12, 31), ended.TermEnd);
        Assert.True(ended.ServesOn(meeting.Date));
        Assert.False(ended.ServesOn(new DateOnly(2022, 1, 1)));

        // Without attendance a mistaken registration can be deleted.
        await db.SendAsync((DeleteMember u) => u.HandleAsync(mistake.Id, mistake.Version, db.Office), db.Office);
        Assert.False(await db.QueryAsync(x => x.BodyMembers.AnyAsync(m => m.Id == mistake.Id)));
    }

    [Fact]
    public async Task Cycle_items_are_validated_changed_with_versions_and_deleted()
    {
        if (!db.Available) return;
        var slug = UniqueSlug("arshjul");
        await CreateBodyAsync(slug);
        var before = await CountsAsync();
        var errors = await TestHelpers.AssertInvalidAsync(() => db.SendAsync((AddCycleItem u) =>
            u.HandleAsync(new CycleInput("finnes-ikke", 13, "", "vedtak", null, null), db.Office), db.Office), "body", "month", "title", "type");
        Assert.Contains("godkjenning, orientering, drofting, anbefaling, eventuelt", errors["type"][0]);
        Assert.Equal("Måned må være et tall fra 1 til 12.", errors["month"][0]);
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((AddCycleItem u) => u.HandleAsync(new CycleInput(slug, 0, "Sak", "orientering", null, null), db.Office), db.Office), "month");
        Assert.Equal(before, await CountsAsync());

        var item = await db.SendAsync((AddCycleItem u) => u.HandleAsync(new CycleInput(slug, 9, "Status for porteføljen", "orientering", "Hvordan det går.", null), db.Office), db.Office);
        var changed = await db.SendAsync((UpdateCycleItem u) => u.HandleAsync(item.Id, new CycleInput(slug, 10, "Status for porteføljen", "drofting", null, "{{Utvalget}} tar saken til orientering."), item.Version, db.Office), db.Office);
        Assert.Equal((10, CaseType.Drofting, item.Version + 1), (changed.Month, changed.Type, changed.Version));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.SendAsync((UpdateCycleItem u) =>
            u.HandleAsync(item.Id, new CycleInput(slug, 11, "Gammel", "orientering", null, null), item.Version, db.Office), db.Office));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.SendAsync((DeleteCycleItem u) => u.HandleAsync(item.Id, item.Version, db.Office), db.Office));

        var year = await db.SendAsync((CouncilQueries u) => u.GetCycleYearAsync(2030));
        var column = Assert.Single(year.Bodies, b => b.Slug == slug);
        Assert.Equal("Status for porteføljen", Assert.Single(year.ItemsIn(column.Id, 10)).Title);

        await db.SendAsync((DeleteCycleItem u) => u.HandleAsync(item.Id, changed.Version, db.Office), db.Office);
        Assert.False(await db.QueryAsync(x => x.CycleItems.AnyAsync(i => i.Id == item.Id)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => db.SendAsync((CouncilQueries u) => u.GetCycleYearAsync(1800)));
    }

    [Fact]
    public async Task A_meeting_made_from_the_cycle_gets_one_case_per_template_of_its_body_and_month()
    {
        if (!db.Available) return;
        var slug = UniqueSlug("nuit");
        var other = UniqueSlug("nufa");
        await CreateBodyAsync(slug, "Prioriteringsutvalget");
        await CreateBodyAsync(other);
        Task AddItem(string body, int month, string title, string type) =>
            db.SendAsync((AddCycleItem u) => u.HandleAsync(new CycleInput(body, month, title, type, "Hensikten.", "Utvalget tar saken til orientering."), db.Office), db.Office);
        await AddItem(slug, 9, "Porteføljestatus", "orientering");
        await AddItem(slug, 9, "Budsjettinnspill", "anbefaling");
        await AddItem(slug, 10, "En annen måned", "drofting");
        await AddItem(other, 9, "Et annet organ", "drofting");

        var before = await CountsAsync();
        var wrongMonth = await TestHelpers.AssertInvalidAsync(() => db.SendAsync((PlanMeetingFromCycle u) =>
            u.HandleAsync(slug, 9, new MeetingInput(null, "2031-10-01", "10:00", "15:00", "Oslo", false, null), db.Office), db.Office), "date");
        Assert.Contains("september", wrongMonth["date"][0]);
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((PlanMeetingFromCycle u) =>
            u.HandleAsync(slug, 9, new MeetingInput(null, "2031-09-10", "15:00", "10:00", "", false, null), db.Office), db.Office), "endTime", "location");
        Assert.Equal(before, await CountsAsync());

        var result = await db.SendAsync((PlanMeetingFromCycle u) =>
            u.HandleAsync(slug, 9, new MeetingInput("ignored", "2031-09-10", "10:00", "15:00", "Oslo", false, "ordinary"), db.Office), db.Office);
        Assert.Equal("1/2031", result.Meeting.NumberText);
        Assert.Equal(["Budsjettinnspill", "Porteføljestatus"], result.Cases.Select(c => c.Title));
        var cases = await db.QueryAsync(x => x.Cases.AsNoTracking().Where(c => c.MeetingId == result.Meeting.Id).OrderBy(c => c.Number).ToListAsync());
        Assert.Equal(["1/31 Godkjenning av innkalling og dagsorden", "2/31 Budsjettinnspill", "3/31 Porteføljestatus"],
            cases.Select(c => $"{c.NumberText} {c.Title}"));
        var status = cases.Single(c => c.Title == "Porteføljestatus");
        Assert.Equal((CaseType.Orientering, "Hensikten.", "Utvalget tar saken til orientering."), (status.Type, status.Purpose, status.ProposedDecision));
        Assert.Equal(3, await db.QueryAsync(x => x.AgendaItems.CountAsync(a => a.MeetingId == result.Meeting.Id)));

        var year = await db.SendAsync((CouncilQueries u) => u.GetCycleYearAsync(2031));
        var meeting = Assert.Single(year.Meetings, m => m.BodySlug == slug);
        Assert.Equal(("Prioriteringsutvalget", "1/2031", MeetingStatus.Planned), (meeting.BodyName, meeting.Number, meeting.Status));
    }
}

public sealed class BodyAndMemberTestsSqlite(SqliteDatabase db) : BodyAndMemberTests(db), IClassFixture<SqliteDatabase>;

public sealed class BodyAndMemberTestsPostgres(PostgresDatabase db) : BodyAndMemberTests(db), IClassFixture<PostgresDatabase>;
