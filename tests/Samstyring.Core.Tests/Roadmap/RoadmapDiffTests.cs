using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Samstyring.Core.Roadmap;
using Samstyring.Core.Tests.Documents;
using static Samstyring.Core.Roadmap.PlanKind;
using Xunit.Abstractions;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Samstyring.Core.Tests.Roadmap;

/// <summary>The diff between two roadmap versions on hand-made versions with answers worked out by hand. No database.</summary>
public sealed class RoadmapDiffTests
{
    // ------------------------------------------------------------------ builders

    private static int _ids;

    private static RoadmapView Version(string number, params ServiceView[] services) => new(
        ++_ids, number, $"Veikart {number}", RoadmapVersionKind.Yearly, RoadmapStatus.Published, null, "",
        null, null, null, false, null, 1, services, []);

    private const string DefaultArea = "Samhandling";

    /// <summary>A service whose goal is its key unless given; area <see cref="DefaultArea"/> unless changed with <c>with</c>.</summary>
    private static ServiceView Service(string key, params PlanView[] plans) =>
        new(++_ids, key, DefaultArea, $"Mål for {key}", "", 1, plans, [], [], []);

    private static PlanView Plan(string actorGroup, PlanKind kind, string written) =>
        new(++_ids, actorGroup, kind, PlannedDate.Parse(written), null, 1);

    private static RoadmapChange Single(RoadmapView from, RoadmapView to)
    {
        var diff = RoadmapDiffer.Compare(from, to);
        return Assert.Single(diff.Changes);
    }

    /// <summary>One service with one plan for Helseforetak, in two versions: the plan's date before and after.</summary>
    private static RoadmapChange? Move(string before, string after, PlanKind kind = Trial)
    {
        var diff = RoadmapDiffer.Compare(
            Version("1.0", Service("kritisk", Plan("Helseforetak", kind, before))),
            Version("21.1", Service("kritisk", Plan("Helseforetak", kind, after))));
        return diff.Changes.SingleOrDefault();
    }

    // ------------------------------------------------------------------ services

    [Fact]
    public void Identical_versions_have_no_changes()
    {
        RoadmapView Make(string n) => Version(n,
            Service("kritisk", Plan("Helseforetak", Trial, "Q4 2020"), Plan("Helseforetak", Rollout, "2021/2022")),
            Service("dialog", Plan("Legevakt", Rollout, "utsatt på ubestemt tid")));
        var diff = RoadmapDiffer.Compare(Make("1.0"), Make("21.1"));
        Assert.Equal("1.0", diff.From);
        Assert.Equal("21.1", diff.To);
        Assert.Empty(diff.Changes);
        Assert.Empty(diff.NewActorGroups);
    }

    [Fact]
    public void A_service_only_in_the_new_version_is_added_whole_with_a_line_per_plan_and_its_new_actor_groups_flagged()
    {
        var diff = RoadmapDiffer.Compare(
            Version("1.0", Service("kritisk", Plan("Helseforetak", Trial, "2021"))),
            Version("21.1", Service("kritisk", Plan("Helseforetak", Trial, "2021")),
                Service("legemiddel", Plan("Helseforetak", Trial, "2022"), Plan("Fastleger", Rollout, "2023"))));
        Assert.Equal(
        [
            new RoadmapChange("legemiddel", "Mål for legemiddel", DefaultArea, "Fastleger", Rollout, ChangeKind.Added, null, "2023", null, null, true, true),
            new RoadmapChange("legemiddel", "Mål for legemiddel", DefaultArea, "Helseforetak", Trial, ChangeKind.Added, null, "2022", null, null, false, true),
        ], diff.Changes);
        // The groups flagged on the lines are the groups the summary names.
        Assert.Equal(["Fastleger"], diff.NewActorGroups);
        Assert.Equal((1, 0), (diff.ServiceCount(ChangeKind.Added), diff.PlanCount(ChangeKind.Added)));
    }

    [Fact]
    public void A_service_only_in_the_old_version_is_removed_whole_with_the_plans_it_had()
    {
        var c = Single(
            Version("1.0", Service("kritisk"), Service("gammel", Plan("Helseforetak", Trial, "2019"))),
            Version("21.1", Service("kritisk")));
        Assert.Equal(new RoadmapChange("gammel", "Mål for gammel", DefaultArea, "Helseforetak", Trial, ChangeKind.Removed,
            "2019", null, null, null, false, true), c);
    }

    [Fact]
    public void A_service_without_plans_added_or_removed_is_one_line_without_an_actor_group()
    {
        var diff = RoadmapDiffer.Compare(Version("1.0", Service("gammel")), Version("21.1", Service("ny")));
        Assert.Equal(
        [
            new RoadmapChange("ny", "Mål for ny", DefaultArea, null, null, ChangeKind.Added, null, null, null, null, false, true),
            new RoadmapChange("gammel", "Mål for gammel", DefaultArea, null, null, ChangeKind.Removed, null, null, null, null, false, true),
        ], diff.Changes);
    }

    [Fact]
    public void Services_are_matched_by_key_so_a_reworded_goal_is_not_a_change_and_the_new_goal_is_shown()
    {
        var old = Service("kritisk", Plan("Helseforetak", Trial, "Q4 2020"));
        var now = Service("kritisk", Plan("Helseforetak", Trial, "Q4 2021")) with
        {
            Goal = "Helsepersonell skal ha tilgang til kritisk informasjon", Area = "Pasientinformasjon",
        };
        var c = Single(Version("1.0", old), Version("21.1", now));
        Assert.Equal(ChangeKind.Moved, c.Change);
        Assert.Equal("Helsepersonell skal ha tilgang til kritisk informasjon", c.Service);
        Assert.Equal("Pasientinformasjon", c.Area);
    }

    // ------------------------------------------------------------------ plans

    [Fact]
    public void A_plan_added_for_a_known_actor_group_is_added_and_not_a_new_group()
    {
        var c = Single(
            Version("1.0", Service("kritisk", Plan("Helseforetak", Trial, "2021")), Service("dialog", Plan("Legevakt", Trial, "2020"))),
            Version("21.1", Service("kritisk", Plan("Helseforetak", Trial, "2021"), Plan("Legevakt", Rollout, "medio 2022")),
                Service("dialog", Plan("Legevakt", Trial, "2020"))));
        Assert.Equal(new RoadmapChange("kritisk", "Mål for kritisk", DefaultArea, "Legevakt", Rollout, ChangeKind.Added,
            null, "medio 2022", null, null, false), c);
        Assert.Empty(RoadmapDiffer.Compare(Version("1.0"), Version("1.0")).NewActorGroups);
    }

    [Fact]
    public void A_plan_removed_keeps_what_was_written_before()
    {
        var c = Single(
            Version("1.0", Service("kritisk", Plan("Helseforetak", Trial, "2021"), Plan("Helseforetak", Rollout, "2022"))),
            Version("21.1", Service("kritisk", Plan("Helseforetak", Trial, "2021"))));
        Assert.Equal(new RoadmapChange("kritisk", "Mål for kritisk", DefaultArea, "Helseforetak", Rollout, ChangeKind.Removed,
            "2022", null, null, null, false), c);
    }

    [Fact]
    public void Plans_are_matched_by_kind_as_well_as_actor_group()
    {
        // A trial that became a rollout is one plan removed and one added, not a move.
        var diff = RoadmapDiffer.Compare(
            Version("1.0", Service("kritisk", Plan("Helseforetak", Trial, "2021"))),
            Version("21.1", Service("kritisk", Plan("Helseforetak", Rollout, "2021"))));
        Assert.Equal([(Trial, ChangeKind.Removed), (Rollout, ChangeKind.Added)],
            diff.Changes.Select(c => (c.Kind!.Value, c.Change)).ToArray());
    }

    [Fact]
    public void An_actor_group_with_no_plan_anywhere_in_the_old_version_is_new()
    {
        var diff = RoadmapDiffer.Compare(
            Version("1.0",
                Service("kritisk", Plan("Helseforetak", Trial, "2021")),
                Service("dialog", Plan("Fysioterapeuter", Trial, "2021"))),
            Version("21.1",
                Service("kritisk", Plan("Helseforetak", Trial, "2021"), Plan("Legevakt", Trial, "2022"), Plan("Fysioterapeuter", Trial, "2022")),
                Service("dialog", Plan("Fysioterapeuter", Trial, "2021")),
                Service("ny", Plan("Offentlig tannhelsetjeneste", Rollout, "2023"))));

        // Fysioterapeuter had a plan in another service, so only Legevakt and the group of the new service are new.
        Assert.Equal(["Legevakt", "Offentlig tannhelsetjeneste"], diff.NewActorGroups);
        var legevakt = diff.Changes.Single(c => c.ActorGroup == "Legevakt");
        Assert.True(legevakt.NewActorGroup);
        Assert.Equal(ChangeKind.Added, legevakt.Change);
        Assert.False(diff.Changes.Single(c => c.ActorGroup == "Fysioterapeuter").NewActorGroup);
        Assert.True(diff.Changes.Single(c => c.ActorGroup == "Offentlig tannhelsetjeneste").NewActorGroup);
        // Every group the diff calls new is flagged on at least one line, and no other group is.
        Assert.Equal(diff.NewActorGroups, diff.Changes.Where(c => c.NewActorGroup).Select(c => c.ActorGroup!).Distinct().Order().ToList());
    }

    // ------------------------------------------------------------------ moves

    [Fact]
    public void Q4_2020_to_Q4_2021_is_moved_about_a_year()
    {
        var c = Move("Q4 2020", "Q4 2021")!;
        Assert.Equal(new RoadmapChange("kritisk", "Mål for kritisk", DefaultArea, "Helseforetak", Trial, ChangeKind.Moved,
            "Q4 2020", "Q4 2021", 12, "ca. 1 år", false), c);
    }

    [Theory]
    // January 2021 → July 2021: six months, and the new date is a floor.
    [InlineData("2021", "tidligst H2 2021", 6, "minimum 6 måneder")]
    // October 2018 → October 2019.
    [InlineData("Q4 2018", "tidligst Q4 2019", 12, "minimum 1 år")]
    // January 2021 → July 2022: 18 months; "minimum" rounds down to half years.
    [InlineData("2021", "tidligst H2 2022", 18, "minimum 1,5 år")]
    // September 2021 → January 2023: 16 months, rounded down to a year (ca. would say 1,5 år).
    [InlineData("ultimo 2021", "tidligst 2023", 16, "minimum 1 år")]
    // March 2021 → April 2021.
    [InlineData("mars 2021", "ikke før april 2021", 1, "minimum 1 måned")]
    public void A_new_date_written_tidligst_gives_a_minimum_delay(string before, string after, int months, string text)
    {
        var c = Move(before, after)!;
        Assert.Equal(ChangeKind.Moved, c.Change);
        Assert.Equal(months, c.DelayMonths);
        Assert.Equal(text, c.DelayText);
        Assert.Equal(before, c.From);
        Assert.Equal(after, c.To);
    }

    [Theory]
    [InlineData(1, "minimum 1 måned")]
    [InlineData(6, "minimum 6 måneder")]
    [InlineData(11, "minimum 11 måneder")]
    [InlineData(12, "minimum 1 år")]
    [InlineData(17, "minimum 1 år")]
    [InlineData(18, "minimum 1,5 år")]
    [InlineData(23, "minimum 1,5 år")]
    [InlineData(24, "minimum 2 år")]
    [InlineData(30, "minimum 2,5 år")]
    public void Minimum_delay_is_exact_under_a_year_and_rounded_down_to_half_years_above(int months, string text) =>
        Assert.Equal(text, RoadmapDiffer.MinimumDelay(months));

    [Theory]
    // October 2021 → April 2021.
    [InlineData("Q4 2021", "Q2 2021", -6, "ca. 6 måneder tidligere")]
    // "tidligst" only makes a floor of a delay; moving earlier is described as usual.
    [InlineData("Q4 2021", "tidligst Q2 2021", -6, "ca. 6 måneder tidligere")]
    // January 2022 → January 2021.
    [InlineData("2022", "2021", -12, "ca. 1 år tidligere")]
    public void A_plan_moved_earlier_has_a_negative_delay(string before, string after, int months, string text)
    {
        var c = Move(before, after)!;
        Assert.Equal(ChangeKind.Moved, c.Change);
        Assert.Equal(months, c.DelayMonths);
        Assert.Equal(text, c.DelayText);
    }

    [Theory]
    // Same start (January 2021), the end moves from December 2021 to December 2022: measured end to end.
    [InlineData("2021", "2021/2022", 12, "ca. 1 år")]
    // Same start (April 2021), the end moves from June 2021 to December 2021.
    [InlineData("Q2 2021", "Q2 2021–Q4 2021", 6, "ca. 6 måneder")]
    // Start moves within March 2021: less than a month.
    [InlineData("15.03.2021", "20.03.2021", 0, "under 1 måned")]
    // A qualifier does not change the measure: "ca." is still measured start to start, March 2021 → June 2021.
    [InlineData("mars 2021", "ca. juni 2021", 3, "3 måneder")]
    public void Moves_are_measured_start_to_start_and_end_to_end_when_only_the_end_moved(string before, string after, int months, string text)
    {
        var c = Move(before, after)!;
        Assert.Equal(ChangeKind.Moved, c.Change);
        Assert.Equal(months, c.DelayMonths);
        Assert.Equal(text, c.DelayText);
    }

    [Fact]
    public void A_plan_postponed_indefinitely_has_no_delay_in_months()
    {
        var c = Move("2022", "utsatt på ubestemt tid", Rollout)!;
        Assert.Equal(new RoadmapChange("kritisk", "Mål for kritisk", DefaultArea, "Helseforetak", Rollout, ChangeKind.PostponedIndefinitely,
            "2022", "utsatt på ubestemt tid", null, null, false), c);
    }

    [Fact]
    public void A_plan_postponed_indefinitely_that_gets_a_date_again_is_moved_with_a_new_date()
    {
        var c = Move("utsatt på ubestemt tid", "2024")!;
        Assert.Equal(new RoadmapChange("kritisk", "Mål for kritisk", DefaultArea, "Helseforetak", Trial, ChangeKind.Moved,
            "utsatt på ubestemt tid", "2024", null, "fått ny dato", false), c);
    }

    [Theory]
    [InlineData("2021", "i løpet av 2021")]
    [InlineData("Q4 2021", "4. kvartal 2021")]
    [InlineData("medio 2021", "midten av 2021")]
    [InlineData("2021", "tidligst 2021")] // only the interval counts
    [InlineData("utsatt", "utsatt på ubestemt tid")]
    public void The_same_interval_written_differently_is_not_a_change(string before, string after) =>
        Assert.Null(Move(before, after));

    // ------------------------------------------------------------------ order

    [Fact]
    public void Changes_are_ordered_by_area_then_service_order_then_actor_group_then_kind()
    {
        static ServiceView In(string area, ServiceView s) => s with { Area = area };
        var from = Version("1.0",
            In("B-område", Service("b1", Plan("Helseforetak", Trial, "2020"))),
            In("A-område", Service("a-fjernet", Plan("Helseforetak", Trial, "2020"))),
            In("A-område", Service("a1",
                Plan("Øvre", Rollout, "2020"), Plan("Åsane", Trial, "2020"), Plan("Legevakt", Rollout, "2020"), Plan("Legevakt", Trial, "2020"))));
        var to = Version("21.1",
            // "to" lists B before A, so B's changes come first even though A sorts first alphabetically.
            In("B-område", Service("b-ny")),
            In("B-område", Service("b1", Plan("Helseforetak", Trial, "2021"))),
            In("A-område", Service("a1",
                Plan("Åsane", Trial, "2021"), Plan("Legevakt", Rollout, "2021"), Plan("Øvre", Rollout, "2021"), Plan("Legevakt", Trial, "2021"))),
            In("C-område", Service("c-ny")));

        var diff = RoadmapDiffer.Compare(from, to);
        Assert.Equal(
        [
            "b-ny Added", "b1 Helseforetak Trial",
            // Norwegian alphabet: L, Ø, Å; trial before rollout; the removed service after the services of "to".
            "a1 Legevakt Trial", "a1 Legevakt Rollout", "a1 Øvre Rollout", "a1 Åsane Trial", "a-fjernet Helseforetak Trial",
            "c-ny Added",
        ], diff.Changes.Select(c => c.ActorGroup is null ? $"{c.ServiceKey} {c.Change}" : $"{c.ServiceKey} {c.ActorGroup} {c.Kind}").ToArray());
    }

    [Fact]
    public void A_whole_service_key_twice_in_one_version_is_refused_with_a_clear_message()
    {
        var e = Assert.Throws<ArgumentException>(() => RoadmapDiffer.Compare(Version("1.0", Service("x"), Service("x")), Version("21.1")));
        Assert.Contains("Versjon 1.0 har tjenesten «x» mer enn én gang", e.Message);
    }

    [Fact]
    public void Twenty_thousand_plans_are_all_compared()
    {
        static RoadmapView Big(string number, int year) => Version(number, Enumerable.Range(0, 500).Select(s => Service($"s{s}",
            Enumerable.Range(0, 40).Select(p => Plan($"Aktør {p}", p % 2 == 0 ? Trial : Rollout, $"Q{1 + s % 4} {year + p % 3}")).ToArray())
            with { Area = $"Område {s % 7}" }).ToArray());
        var from = Big("1.0", 2020);
        var to = Big("21.1", 2021);
        var diff = RoadmapDiffer.Compare(from, to);
        Assert.Equal(20_000, diff.Changes.Count);
        Assert.All(diff.Changes, c => Assert.Equal(12, c.DelayMonths));
        // How fast (the target is 200 ms) is measured in bench/ (RoadmapBench), not by a timed test.
    }

    // ------------------------------------------------------------------ documents

    /// <summary>Shaped like case 38/21: four services from 1.0 to 21.1, with the changes NUIT was told about.</summary>
    internal static RoadmapDiff Case38()
    {
        static ServiceView S(string key, string goal, params PlanView[] plans) =>
            Service(key, plans) with { Goal = goal, Area = "Deling av pasientinformasjon" };
        var from = Version("1.0",
            S("kritisk-info", "Helsepersonell skal ha tilgang til kritisk informasjon",
                Plan("Helseforetak", Trial, "Q4 2020"), Plan("Helseforetak", Rollout, "2021/2022"),
                Plan("Fysioterapeuter", Rollout, "2022")),
            S("meldingsversjon", "Aktørene skal bruke siste versjon av standardiserte meldinger",
                Plan("Helseforetak", Rollout, "2021"), Plan("Kommunale pleie- og omsorgstjenester", Rollout, "2021")),
            S("helsefaglig-dialog", "Helsepersonell skal kunne ha helsefaglig dialog",
                Plan("Helseforetak", Trial, "2021"), Plan("Offentlig tannhelsetjeneste", Trial, "2022")));
        var to = Version("21.1",
            S("kritisk-info", "Helsepersonell skal ha tilgang til kritisk informasjon",
                Plan("Helseforetak", Trial, "Q4 2021"), Plan("Helseforetak", Rollout, "2022/2023"),
                Plan("Fysioterapeuter", Rollout, "i løpet av 2022"), Plan("Legevakt", Rollout, "medio 2023")),
            S("meldingsversjon", "Aktørene skal bruke siste versjon av standardiserte meldinger",
                Plan("Helseforetak", Rollout, "tidligst H2 2021"), Plan("Kommunale pleie- og omsorgstjenester", Rollout, "tidligst H2 2021")),
            S("helsefaglig-dialog", "Helsepersonell skal kunne ha helsefaglig dialog",
                Plan("Helseforetak", Trial, "utsatt på ubestemt tid"), Plan("Offentlig tannhelsetjeneste", Trial, "Q2 2022")),
            S("legemiddelliste", "Helsepersonell skal ha tilgang til pasientens legemiddelliste", Plan("Helseforetak", Trial, "2024")),
            S("timebestilling", "Innbyggere skal kunne bestille time digitalt"));
        return RoadmapDiffer.Compare(from, to);
    }

    [Fact]
    public void Summary_counts_the_changes_in_one_sentence()
    {
        var diff = Case38();
        // kritisk-info: trial and rollout moved a year, Legevakt added, Fysioterapeuter only reworded; meldingsversjon: two
        // moved; dialog: one postponed, one moved 3 months (2022 → Q2 2022).
        Assert.Equal("2 tjenester lagt til, 1 plan lagt til, 5 planer flyttet, 1 plan utsatt på ubestemt tid, ny aktørgruppe: Legevakt.",
            RoadmapDiffDocument.Summary(diff));
        Assert.Equal("Ingen endringer mellom versjon 21.1 og 21.1.",
            RoadmapDiffDocument.Summary(RoadmapDiffer.Compare(Version("21.1"), Version("21.1"))));
    }

    [Fact]
    public void Docx_has_the_heading_the_summary_and_a_row_per_changed_plan()
    {
        var bytes = RoadmapDiffDocument.ToDocx(Case38());
        PortfolioReportFixture.Keep("veikart-endringer.docx", bytes);

        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var errors = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var body = doc.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Elements<W.Paragraph>().Select(p => p.InnerText).ToList();
        Assert.Equal("Endringer i veikartet fra versjon 1.0 til 21.1", paragraphs[0]);
        Assert.Contains("5 planer flyttet", paragraphs[1]);
        Assert.Contains("Helsepersonell skal ha tilgang til kritisk informasjon", paragraphs);
        Assert.Contains("Tjenesten er ny i versjon 21.1.", paragraphs);

        var rows = body.Descendants<W.TableRow>()
            .Select(r => r.Elements<W.TableCell>().Select(c => string.Join("\n", c.Elements<W.Paragraph>().Select(p => p.InnerText))).ToArray())
            .ToList();
        Assert.Contains(["Aktørgruppe", "Type", "Endring", "Før", "Nå", "Forsinkelse"], rows);
        Assert.Contains(["Helseforetak", "Utprøving", "Flyttet", "Q4 2020", "Q4 2021", "ca. 1 år"], rows);
        Assert.Contains(["Helseforetak", "Innføring", "Flyttet", "2021", "tidligst H2 2021", "minimum 6 måneder"], rows);
        Assert.Contains(["Helseforetak", "Utprøving", "Utsatt på ubestemt tid", "2021", "utsatt på ubestemt tid", "–"], rows);
        // The new service says so in a sentence, and its plan is in its table.
        Assert.Contains(["Helseforetak", "Utprøving", "Lagt til", "–", "2024", "–"], rows);
        var legevakt = Assert.Single(rows, r => r[0].StartsWith("Legevakt", StringComparison.Ordinal));
        Assert.Contains("ny aktørgruppe", legevakt[0]);
        Assert.Equal(["Innføring", "Lagt til", "–", "medio 2023", "–"], legevakt[1..]);
    }

    [Fact]
    public void Docx_of_no_changes_says_so_and_has_no_table()
    {
        var v = Version("21.1", Service("kritisk", Plan("Helseforetak", Trial, "2021")));
        var bytes = RoadmapDiffDocument.ToDocx(RoadmapDiffer.Compare(v, v with { Number = "22.1" }));
        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var body = doc.MainDocumentPart!.Document.Body!;
        Assert.Contains("Ingen endringer mellom versjon 21.1 og 22.1.", body.InnerText);
        Assert.Empty(body.Descendants<W.Table>());
    }

    [Fact]
    public void Pdf_is_a_pdf()
    {
        var pdf = RoadmapDiffDocument.ToPdf(Case38());
        PortfolioReportFixture.Keep("veikart-endringer.pdf", pdf);
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
    }
}
