using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Samstyring.Core.Common;
using Samstyring.Core.Roadmap;
using Samstyring.Core.Tests.Documents;

namespace Samstyring.Core.Tests.Roadmap;

/// <summary>The roadmap time chart as SVG and PDF, from hand-built views. No database.</summary>
public sealed class RoadmapChartTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private int _id;

    // ------------------------------------------------------------------ SVG document

    [Fact]
    public void Svg_is_xml_with_role_title_desc_and_size()
    {
        var root = Svg(Demo());

        Assert.Equal("svg", root.Name.LocalName);
        Assert.Equal("img", (string?)root.Attribute("role"));
        var title = root.Elements().Single(e => e.Name.LocalName == "title");
        var desc = root.Elements().Single(e => e.Name.LocalName == "desc");
        Assert.Equal("Veikart for nasjonale e-helseløsninger, versjon 21.1", title.Value);
        Assert.StartsWith("Veikart versjon 21.1: 4 tjenester i 3 områder, 13 planer (4 utprøvinger og 9 innføringer), 2 utsatt på ubestemt tid", desc.Value);
        Assert.Equal($"{title.Attribute("id")!.Value} {desc.Attribute("id")!.Value}", (string?)root.Attribute("aria-labelledby"));
        var box = ((string)root.Attribute("viewBox")!).Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(new double[] { 0, 0 }, box[..2]);
        Assert.Equal(box[2], double.Parse((string)root.Attribute("width")!, CultureInfo.InvariantCulture));
        Assert.Equal(box[3], double.Parse((string)root.Attribute("height")!, CultureInfo.InvariantCulture));
        Assert.InRange(box[2], 1000, 2000);

        // The page's content security policy forbids inline styles and scripts.
        var all = root.DescendantsAndSelf().ToList();
        Assert.DoesNotContain(all, e => e.Name.LocalName is "script" or "style" or "foreignObject");
        Assert.DoesNotContain(all.SelectMany(e => e.Attributes()), a => a.Name.LocalName == "style" || a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
        Assert.DoesNotContain(all.SelectMany(e => e.Attributes()), a => a.Value.Contains("javascript:", StringComparison.OrdinalIgnoreCase));
        // A legend at the top names both kinds of plan and the markers.
        var legend = Texts(Group(root, "legend"));
        Assert.Equal(["Innføring", "Utprøving", "Cirka (ca.)", "Tidligst (kan bli senere)", "Innen (senest)", "Først i bruk", "Sist i bruk", "Avhengighet",
            "Forsinket avhengighet", "I dag"], legend);
    }

    [Fact]
    public void Every_dated_plan_is_one_bar_with_its_actor_group_and_kind()
    {
        var view = Demo();
        var root = Svg(view);

        var bars = Groups(root, "plan").ToList();
        var dated = view.Services.SelectMany(s => s.Plans).Where(p => !p.Date.IsIndefinite).ToList();
        Assert.Equal(dated.Count, bars.Count);
        Assert.Equal(dated.Count(p => p.Kind == PlanKind.Trial), bars.Count(b => Class(b) == "plan trial"));
        Assert.Equal(dated.Count(p => p.Kind == PlanKind.Rollout), bars.Count(b => Class(b) == "plan rollout"));
        Assert.Equal(dated.Select(p => p.ActorGroup).Order(), bars.Select(b => (string)b.Attribute("data-actor-group")!).Order());
        // Each bar has one rectangle of its own plus its label, and a tooltip with the date as written.
        var hso = bars.Single(b => (string?)b.Attribute("data-actor-group") == "Helse Sør-Øst RHF");
        Assert.StartsWith("Helse Sør-Øst RHF – utprøving: T2 2020", Child(hso, "title").Value);
        Assert.Equal("Helse Sør-Øst RHF", Texts(hso).Single());

        // Trial and rollout differ in pattern as well as colour: trials are filled with the hatch pattern.
        var trialFill = (string)Shapes(bars.First(b => Class(b) == "plan trial")).First().Attribute("fill")!;
        var rolloutFill = (string)Shapes(bars.First(b => Class(b) == "plan rollout")).First().Attribute("fill")!;
        Assert.StartsWith("url(#", trialFill);
        Assert.StartsWith("#", rolloutFill);
        var pattern = root.Descendants().Single(e => e.Name.LocalName == "pattern");
        Assert.Equal(trialFill, $"url(#{(string)pattern.Attribute("id")!})");
    }

    [Fact]
    public void Bars_span_their_interval_on_the_time_axis()
    {
        var root = Svg(View(Service("a", "Område", "Mål", Plan("Helseforetak", PlanKind.Rollout, "2022–2024"), Plan("Legevakt", PlanKind.Rollout, "2022"))));
        var years = YearLabels(root);
        Assert.Equal(Enumerable.Range(2022, 5), years.Keys); // earliest start to today's year
        var yearWidth = years[2023] - years[2022];
        var hf = BarRect(root, "Helseforetak");
        var lv = BarRect(root, "Legevakt");
        Assert.Equal(years[2022] - yearWidth / 2, hf.X, 0.6);
        Assert.Equal(3 * yearWidth, hf.Width, 0.6);
        Assert.Equal(hf.X, lv.X, 0.01);
        Assert.Equal(yearWidth, lv.Width, 0.6);
        Assert.NotEqual(hf.Y, lv.Y); // overlapping plans get their own lanes
    }

    [Fact]
    public void Time_range_is_whole_years_from_the_earliest_start_to_the_latest_end_and_includes_today()
    {
        var late = Svg(View(Service("a", "Område", "Mål", Plan("Helseforetak", PlanKind.Trial, "Q4 2018"), Plan("Legevakt", PlanKind.Rollout, "innen 2029"))));
        Assert.Equal(Enumerable.Range(2018, 12), YearLabels(late).Keys);

        var nothingDated = Svg(View(Service("a", "Område", "Mål", Plan("Legevakt", PlanKind.Rollout, "utsatt på ubestemt tid"))));
        Assert.Equal([2026], YearLabels(nothingDated).Keys);

        var empty = Svg(View());
        Assert.Equal([2026], YearLabels(empty).Keys);
        Assert.Empty(Groups(empty, "service"));
        Assert.StartsWith("Veikart versjon 21.1: 0 tjenester i 0 områder, 0 planer", empty.Elements().Single(e => e.Name.LocalName == "desc").Value);
    }

    [Fact]
    public void Services_are_grouped_under_area_headers_with_the_goal_as_row_label()
    {
        var root = Svg(Demo());
        Assert.Equal(["Innbyggertjenester", "Deling av helseopplysninger", "Samhandling og meldinger"], Groups(root, "area").Select(g => Texts(g).Single()));
        var services = Groups(root, "service").ToList();
        Assert.Equal(["helsenorge", "kritisk-info", "journaldokumenter", "dialogmeldinger"], services.Select(s => (string)s.Attribute("data-key")!));

        // A long goal wraps to at most three lines, the last ending in "…", with the whole goal in the tooltip.
        var goal = services[0].Elements().First(e => e.Name.LocalName == "title").Value;
        Assert.Equal(LongGoal, goal);
        var lines = services[0].Elements().Where(e => e.Name.LocalName == "text").Select(e => e.Value).Take(3).ToList();
        Assert.Equal(3, lines.Count);
        Assert.EndsWith("…", lines[2]);
        Assert.StartsWith(string.Join(' ', lines)[..^1].TrimEnd(), LongGoal);
    }

    [Fact]
    public void Indefinitely_postponed_plans_are_markers_in_the_right_hand_column()
    {
        var root = Svg(Demo());
        var postponed = Groups(root, "postponed").ToList();
        Assert.Equal(["postponed rollout", "postponed trial"], postponed.Select(Class).Order());
        Assert.Equal(["Kommunale pleie- og omsorgstjenester", "Tannleger"], postponed.Select(p => (string)p.Attribute("data-actor-group")!).Order());
        Assert.Contains("Utsatt på ubestemt tid", AllTexts(root));
        Assert.Contains("utsatt på ubestemt tid", Child(postponed[0], "title").Value);

        // The column is right of the time axis and of every bar.
        var column = Shapes(postponed[0]).First();
        var barsRight = Groups(root, "plan").Select(b => Rect(Shapes(b).First(s => s.Name.LocalName == "rect"))).Max(r => r.X + r.Width);
        Assert.True(D(column, "x") > barsRight);
        Assert.True(D(column, "x") > YearLabels(root).Values.Max());
    }

    [Fact]
    public void Today_is_a_vertical_line_with_the_norwegian_date()
    {
        var root = Svg(Demo());
        var today = Group(root, "today");
        Assert.Equal("I dag 24. november 2026", Texts(today).Single());
        var line = today.Elements().Single(e => e.Name.LocalName == "line");
        Assert.Equal(D(line, "x1"), D(line, "x2"));
        Assert.True(D(line, "y2") > D(line, "y1") + 100);
        var years = YearLabels(root);
        var yearWidth = years[2026] - years[2025];
        // The middle of 24 November, 327.5 days after 1 January 2026.
        Assert.Equal(years[2026] - yearWidth / 2 + yearWidth * 327.5 / 365, D(line, "x1"), 0.6);
    }

    [Fact]
    public void First_and_last_actor_group_in_use_are_marked()
    {
        var root = Svg(Demo());
        var journal = Groups(root, "service").Single(s => (string?)s.Attribute("data-key") == "journaldokumenter");

        var first = Groups(journal, "first-in-use").Single();
        var last = Groups(journal, "last-in-use").Single();
        Assert.Equal("Helseforetak", (string?)first.Attribute("data-actor-group"));
        Assert.Equal("Først: Helseforetak (H2 2022)", Texts(first).Single());
        Assert.Equal("Legevakt", (string?)last.Attribute("data-actor-group"));
        Assert.Equal("Sist: Legevakt (innen 2025)", Texts(last).Single());
        // The bars carry the markers too.
        Assert.EndsWith("(først i bruk)", Child(Bar(journal, "Helseforetak"), "title").Value);
        Assert.EndsWith("(sist i bruk)", Child(Bar(journal, "Legevakt"), "title").Value);
        // The trial in Helse Sør-Øst came first but is not "in use": rollouts count when there are any.
        Assert.DoesNotContain("først", Child(Bar(journal, "Helse Sør-Øst RHF"), "title").Value);

        // One plan only: first and last at once.
        var single = Svg(View(Service("a", "Område", "Mål", Plan("Legevakt", PlanKind.Trial, "2025"))));
        Assert.Equal("Først og sist: Legevakt (2025)", Texts(Groups(single, "first-in-use").Single()).Single());
    }

    [Fact]
    public void Imprecise_dates_are_drawn_differently_and_say_so()
    {
        var root = Svg(View(Service("a", "Område", "Mål",
            Plan("Tidlig", PlanKind.Rollout, "tidligst Q4 2022"), Plan("Frist", PlanKind.Rollout, "innen 2025"), Plan("Cirka", PlanKind.Trial, "ca. 2023"),
            Plan("Presis", PlanKind.Rollout, "2024"))));
        Assert.Equal("Tidlig (tidligst)", Texts(Bar(root, "Tidlig")).Single());
        Assert.Equal("Frist (innen)", Texts(Bar(root, "Frist")).Single());
        Assert.Equal("Cirka (ca.)", Texts(Bar(root, "Cirka")).Single());
        Assert.Equal("Presis", Texts(Bar(root, "Presis")).Single());
        // Approximately: a dashed outline; earliest: an open right edge with an arrow; latest: a tick at the end.
        Assert.Contains(Shapes(Bar(root, "Cirka")), s => s.Attribute("stroke-dasharray") is not null);
        Assert.DoesNotContain(Shapes(Bar(root, "Presis")), s => s.Attribute("stroke-dasharray") is not null);
        Assert.Null(Shapes(Bar(root, "Tidlig")).First().Attribute("stroke"));
        Assert.True(Shapes(Bar(root, "Tidlig")).Count(s => s.Name.LocalName == "path") >= 2);
        Assert.Single(Shapes(Bar(root, "Frist")), s => s.Name.LocalName == "line");
        Assert.DoesNotContain(Shapes(Bar(root, "Presis")), s => s.Name.LocalName == "line");
    }

    [Fact]
    public void Dependencies_on_services_are_connectors_and_late_ones_are_flagged()
    {
        var root = Svg(Demo());
        var connectors = Groups(root, "dependency").ToList();
        Assert.Equal(2, connectors.Count);
        var ok = connectors.Single(c => Class(c) == "dependency");
        var late = connectors.Single(c => Class(c) == "dependency late");
        Assert.Equal(("dialogmeldinger", "helsenorge"), ((string)ok.Attribute("data-from")!, (string)ok.Attribute("data-to")!));
        Assert.Equal(("dialogmeldinger", "journaldokumenter"), ((string)late.Attribute("data-from")!, (string)late.Attribute("data-to")!));
        Assert.Contains("⚠ Forsinket avhengighet", Child(late, "title").Value);
        Assert.Contains("Dialogmeldinger tas i bruk etter at tjenesten starter.", Child(late, "title").Value);
        var warning = (string)Shapes(late).First().Attribute("stroke")!;
        Assert.NotEqual((string)Shapes(ok).First().Attribute("stroke")!, warning);

        // The dependent row names the late dependency in the warning colour; other targets are named as labels.
        var journal = Groups(root, "service").Single(s => (string?)s.Attribute("data-key") == "journaldokumenter");
        var lateLabel = Groups(journal, "dependency-label late").Single();
        // The target and the reason in full, wrapped rather than cut: the PDF has no tooltip to fall back on.
        Assert.Equal("Forsinket avhengighet: Helsepersonell skal ha tilgang til dialogmeldinger Dialogmeldinger tas i bruk etter at tjenesten starter.",
            string.Join(' ', Texts(lateLabel)));
        Assert.DoesNotContain(Texts(lateLabel), t => t.EndsWith('…'));
        Assert.Equal(warning, (string)lateLabel.Descendants().First(e => e.Name.LocalName == "text").Attribute("fill")!);
        Assert.Equal("Avhenger av: Kjernejournal dokumentdeling", Texts(Groups(journal, "dependency-label").Single(g => Class(g) == "dependency-label")).Single());
        var helsenorge = Groups(root, "service").Single(s => (string?)s.Attribute("data-key") == "helsenorge");
        Assert.Contains("Avhenger av: tiltaket Digital dialog med fastlegen", Groups(helsenorge, "dependency-label").Select(g => Texts(g).Single()));
        Assert.Equal("service late-dependency", Class(journal));
        Assert.Equal("service", Class(helsenorge));

        // A dependency on a service filtered out of the view is only a label.
        var filtered = Demo().Filter(new RoadmapFilter(Area: "Deling av helseopplysninger"));
        var froot = Svg(filtered);
        Assert.Empty(Groups(froot, "dependency"));
        Assert.Single(Groups(froot, "dependency-label late"));
    }

    [Fact]
    public void Connectors_run_through_the_gutter_and_the_strips_above_the_bars_and_cross_no_text()
    {
        var view = Tangle();
        PortfolioReportFixture.Keep("veikart-avhengigheter.svg", Encoding.UTF8.GetBytes(RoadmapChart.ToSvg(view, Today)));
        PortfolioReportFixture.Keep("veikart-avhengigheter.pdf", RoadmapChart.ToPdf(view, Today));
        var layout = RoadmapChartLayout.Build(view, Today);
        Assert.Equal(6, layout.Connectors.Count);

        // Every piece of text in the rows: goals, first/last, dependency labels and the bars' labels.
        var boxes = layout.Rows.SelectMany(r => r.Texts.Concat(r.Labels.SelectMany(l => l.Lines)).Select(t => Box(t, r.Y))
                .Concat(r.Bars.Select(b => Box(new ChartText(b.LabelX, b.Y + 10, b.Label, RoadmapChartLayout.BarLabelSize, false, "", b.LabelAnchor), r.Y))))
            .ToList();
        foreach (var c in layout.Connectors)
        {
            var (points, _, _) = c.Route(layout.Rows[c.FromRow].Y, layout.Rows[c.ToRow].Y);
            Assert.InRange(c.GutterX, RoadmapChartLayout.LabelLeft + RoadmapChartLayout.LabelWidth + 1, RoadmapChartLayout.TimelineLeft - 10);
            for (var i = 1; i < points.Count; i++)
            {
                var (a, b) = (points[i - 1], points[i]);
                Assert.True(a.X == b.X || a.Y == b.Y, "Connectors run across and down only.");
                var hit = boxes.FirstOrDefault(x => Math.Min(a.X, b.X) < x.X1 && Math.Max(a.X, b.X) > x.X0 && Math.Min(a.Y, b.Y) < x.Y1 && Math.Max(a.Y, b.Y) > x.Y0);
                Assert.True(hit.Text is null, $"{c.Dependency.TargetKey} → {layout.Rows[c.ToRow].Service!.Key}: ({a.X:0.#},{a.Y:0.#})–({b.X:0.#},{b.Y:0.#}) crosses «{hit.Text}».");
            }
        }
        // Connectors side by side take lanes of their own in the gutter.
        var ab = layout.Connectors.Single(c => c.Dependency.TargetKey == "a" && layout.Rows[c.ToRow].Service!.Key == "c");
        var bc = layout.Connectors.Single(c => c.Dependency.TargetKey == "b" && layout.Rows[c.ToRow].Service!.Key == "c");
        Assert.NotEqual(ab.GutterX, bc.GutterX);

        static (double X0, double Y0, double X1, double Y1, string? Text) Box(ChartText t, double rowTop)
        {
            var width = RoadmapChartLayout.Measure(t.Text, t.Size, t.Bold);
            var x0 = t.Anchor switch { ChartAnchor.End => t.X - width, ChartAnchor.Middle => t.X - width / 2, _ => t.X };
            var baseline = rowTop + t.Y;
            return (x0, baseline - t.Size * 0.75, x0 + width, baseline + t.Size * 0.2, t.Text);
        }
    }

    [Fact]
    public void The_pdf_gives_the_late_dependency_and_its_reason_in_full()
    {
        var text = Flat(PdfText(RoadmapChart.ToPdf(Tangle(), Today)));
        Assert.Contains("Forsinket avhengighet: Tjeneste D: meldinger mellom alle aktører i helse- og omsorgstjenesten, også fastleger og avtalespesialister", text);
        Assert.Contains("Tjenesten den avhenger av, tas først i bruk 2025 (Helseforetak), etter at denne tjenesten starter H1 2022 (Legevakt).", text);
        Assert.Contains("Tjenesten den avhenger av, er utsatt på ubestemt tid.", text);
    }

    [Fact]
    public void Filters_match_regardless_of_case_and_give_the_version_s_own_spelling()
    {
        var view = Demo();
        Assert.Equal(new RoadmapFilter("Deling av helseopplysninger", "Legevakt", null),
            view.Resolve(new RoadmapFilter(" deling av HELSEOPPLYSNINGER ", "legevakt", "")));
        var filtered = view.Filter(new RoadmapFilter(ActorGroup: "LEGEVAKT"));
        Assert.Equal(["helsenorge", "journaldokumenter"], filtered.Services.Select(s => s.Key));
        Assert.All(filtered.Services, s => Assert.All(s.Plans, p => Assert.Equal("Legevakt", p.ActorGroup)));
    }

    [Fact]
    public void A_filter_the_version_does_not_have_is_refused_with_a_field_error_naming_what_it_has()
    {
        var e = Assert.Throws<ValidationFailedException>(() => Demo().Filter(new RoadmapFilter("Legemidler", "Tannlege", "helsenorge")));
        Assert.Equal(["area", "actorGroup", "solution"], e.Errors.Keys);
        Assert.Equal("Versjon 21.1 har ikke området «Legemidler». Områdene i versjonen er: Innbyggertjenester, Deling av helseopplysninger og Samhandling og meldinger.",
            e.Errors["area"].Single());
        Assert.StartsWith("Versjon 21.1 har ingen planer for aktørgruppen «Tannlege». Aktørgruppene i versjonen er: Fastleger, Helse Sør-Øst RHF,", e.Errors["actorGroup"].Single());
        Assert.Equal("Ingen tjenester i versjon 21.1 leveres av den nasjonale løsningen «helsenorge». Versjonen har ingen å velge blant.", e.Errors["solution"].Single());
    }

    [Fact]
    public void Text_is_escaped()
    {
        const string Evil = "<script>alert('x')</script> & \"co\"";
        var view = View(Service("k<&>\"", "Område & <b>", Evil,
            [Plan("A & B <i>", PlanKind.Rollout, "2025"), Plan("<svg onload=x>", PlanKind.Trial, "utsatt")],
            [new DependencyView(1, DependencyTarget.Initiative, 7, "7", "Tiltak <script>", "", true, "Rød & sen")])) with { Title = "T <&>" };
        var svg = RoadmapChart.ToSvg(view, Today);
        Assert.DoesNotContain("<script", svg);
        Assert.DoesNotContain("<i>", svg);
        Assert.DoesNotContain("<svg onload", svg);
        var root = XDocument.Parse(svg).Root!;
        Assert.DoesNotContain(root.Descendants(), e => e.Name.LocalName is "script" or "i" or "b");
        Assert.Equal("T <&>, versjon 21.1", root.Elements().First(e => e.Name.LocalName == "title").Value);
        var service = Groups(root, "service").Single();
        Assert.Equal("k<&>\"", (string?)service.Attribute("data-key"));
        Assert.Equal(Evil, Child(service, "title").Value);
        Assert.Equal("A & B <i>", (string?)Groups(root, "plan").Single().Attribute("data-actor-group"));
        Assert.Equal("<svg onload=x>", (string?)Groups(root, "postponed").Single().Attribute("data-actor-group"));
        Assert.Contains("Område & <b>", AllTexts(root));

        // Characters XML cannot hold are dropped rather than breaking the document.
        var control = View(Service("a", "Område", "Mål\u0001 med \uFFFF kontroll\u0000tegn", Plan("A\u0007", PlanKind.Rollout, "2025")));
        var croot = XDocument.Parse(RoadmapChart.ToSvg(control, Today)).Root!;
        Assert.Equal("Mål med  kontrolltegn", Child(Groups(croot, "service").Single(), "title").Value);
    }

    [Fact]
    public void Many_plans_render_every_plan_and_postponement()
    {
        var services = Enumerable.Range(0, 100).Select(i => Service($"s{i}", $"Område {i % 7}", $"Tjeneste nummer {i} skal være tilgjengelig for alle",
            Enumerable.Range(0, 40).Select(j => Plan($"Aktørgruppe {j}", j % 3 == 0 ? PlanKind.Trial : PlanKind.Rollout,
                j % 10 == 9 ? "utsatt" : $"Q{j % 4 + 1} {2019 + (i + j) % 8}")).ToArray())).ToArray();
        var view = View(services);
        var svg = RoadmapChart.ToSvg(view, Today);
        var root = XDocument.Parse(svg).Root!;
        Assert.Equal(100 * 36, Groups(root, "plan").Count());
        Assert.Equal(100 * 4, Groups(root, "postponed").Count());
        // How fast is measured in bench/ (RoadmapBench: 500 services and 20 000 plans), not by a timed test.
    }

    // ------------------------------------------------------------------ PDF

    [Fact]
    public void Pdf_has_the_chart_as_text()
    {
        var pdf = RoadmapChart.ToPdf(Demo(), Today);
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        var text = Flat(PdfText(pdf));
        Assert.Contains("Veikart for nasjonale e-helseløsninger, versjon 21.1", text);
        Assert.Contains("Helsepersonell skal ha tilgang til dialogmeldinger", text);
        Assert.Contains("I dag 24. november 2026", text);
        Assert.Contains("Utsatt på ubestemt tid", text);
        Assert.Contains("Først: Helseforetak (H2 2022)", text);
        Assert.Contains("Forsinket avhengighet", text);
        Assert.Contains("Side 1 av 1", text);
    }

    [Fact]
    public void Pdf_continues_rows_on_new_pages_with_the_axis_and_area_repeated()
    {
        var services = Enumerable.Range(0, 60).Select(i => Service($"s{i}", i < 50 ? "Første område" : "Andre område", $"Tjeneste {i:00}",
            Plan("Helseforetak", PlanKind.Rollout, "2023"), Plan("Legevakt", PlanKind.Trial, "H1 2022"))).ToArray();
        var text = PdfText(RoadmapChart.ToPdf(View(services), Today));
        var pages = text.Split('\f').Where(p => p.Trim().Length > 0).ToList();
        Assert.True(pages.Count > 1, $"{pages.Count} pages");
        Assert.All(pages, p => Assert.Contains("I dag 24. november 2026", p));
        Assert.All(pages, p => Assert.Contains("2026", p));
        Assert.Contains("Første område (forts.)", pages[1]);
        Assert.Contains($"Side {pages.Count} av {pages.Count}", pages[^1]);
        for (var i = 0; i < 60; i++) Assert.Contains($"Tjeneste {i:00}", Flat(text));
    }

    [Fact]
    public void Pdf_shrinks_a_service_taller_than_a_page_instead_of_cutting_it_off()
    {
        var tall = Service("tall", "Område", "Høy tjeneste", Enumerable.Range(0, 80).Select(i => Plan($"Gruppe {i:00}", PlanKind.Rollout, "2024")).ToArray());
        var pdf = RoadmapChart.ToPdf(View(Service("a", "Område", "Første", Plan("Legevakt", PlanKind.Trial, "2025")), tall), Today);
        var words = System.Text.RegularExpressions.Regex.Matches(PdfText(pdf, "-bbox"), @"yMax=""([\d.]+)"">([^<]*)</word>")
            .Select(m => (YMax: double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Word: m.Groups[2].Value)).ToList();
        Assert.Equal(81, words.Count(w => w.Word == "Gruppe")); // 80 bars and "Først og sist: Gruppe 00"
        Assert.All(words.Where(w => w.Word is "Gruppe" or "2024"), w => Assert.True(w.YMax <= 841.9 - 26, $"{w.Word} at {w.YMax}")); // above the footer
    }

    // ------------------------------------------------------------------ data

    private const string LongGoal =
        "Innbygger skal ha mulighet for å administrere behandlingsforløp, digital dialog og innsynstjenester gjennom Helsenorge, også for barn og "
        + "andre de representerer, og for pasienter i alle deler av helse- og omsorgstjenesten";

    /// <summary>Four services in three areas: 13 plans (4 trials), 2 postponed, 2 service dependencies (one late) and two other links.</summary>
    private RoadmapView Demo()
    {
        var helsenorge = Service("helsenorge", "Innbyggertjenester", LongGoal,
            [Plan("Helseforetak", PlanKind.Rollout, "2019–2021"), Plan("Fastleger", PlanKind.Rollout, "våren 2020"), Plan("Legevakt", PlanKind.Trial, "H2 2022")],
            [Dep(DependencyTarget.Service, "dialogmeldinger", "Helsepersonell skal ha tilgang til dialogmeldinger"),
             Dep(DependencyTarget.Initiative, "12", "Digital dialog med fastlegen")]);
        var kritisk = Service("kritisk-info", "Deling av helseopplysninger", "Helsepersonell skal ha tilgang til kritisk informasjon",
            [Plan("Helse Vest RHF", PlanKind.Trial, "Q4 2021"), Plan("Helseforetak", PlanKind.Rollout, "2022–2024"), Plan("Fastleger", PlanKind.Rollout, "ca. 2023")],
            []);
        var journal = Service("journaldokumenter", "Deling av helseopplysninger", "Helsepersonell skal ha tilgang til journaldokumenter",
            [Plan("Helse Sør-Øst RHF", PlanKind.Trial, "T2 2020"), Plan("Helseforetak", PlanKind.Rollout, "H2 2022"), Plan("Legevakt", PlanKind.Rollout, "innen 2025"),
             Plan("Tannleger", PlanKind.Trial, "utsatt på ubestemt tid")],
            [Dep(DependencyTarget.Service, "dialogmeldinger", "Helsepersonell skal ha tilgang til dialogmeldinger", "Dialogmeldinger tas i bruk etter at tjenesten starter."),
             Dep(DependencyTarget.Solution, "dokumentdeling", "Kjernejournal dokumentdeling")]);
        var dialog = Service("dialogmeldinger", "Samhandling og meldinger", "Helsepersonell skal ha tilgang til dialogmeldinger",
            Plan("Helseforetak", PlanKind.Rollout, "tidligst Q4 2022"), Plan("Fastleger", PlanKind.Rollout, "tidligst Q2 2023"),
            Plan("Kommunale pleie- og omsorgstjenester", PlanKind.Rollout, "utsatt på ubestemt tid"));
        return View(helsenorge, kritisk, journal, dialog);
    }

    /// <summary>Six services whose dependencies go up and down across areas, side by side, late and on a service postponed indefinitely.</summary>
    private RoadmapView Tangle()
    {
        const string d = "Tjeneste D: meldinger mellom alle aktører i helse- og omsorgstjenesten, også fastleger og avtalespesialister";
        return View(
            Service("a", "Område 1", "Tjeneste A: helsepersonell skal ha tilgang til det de trenger",
                [Plan("Helseforetak", PlanKind.Rollout, "2022–2024"), Plan("Legevakt", PlanKind.Trial, "H1 2022"), Plan("Fastleger", PlanKind.Rollout, "2023")],
                [Dep(DependencyTarget.Service, "d", d,
                    "Tjenesten den avhenger av, tas først i bruk 2025 (Helseforetak), etter at denne tjenesten starter H1 2022 (Legevakt).")]),
            Service("b", "Område 1", "Tjeneste B", [Plan("Helseforetak", PlanKind.Rollout, "2021"), Plan("Kommuner", PlanKind.Rollout, "2022–2026")],
                [Dep(DependencyTarget.Service, "a", "Tjeneste A: helsepersonell skal ha tilgang til det de trenger")]),
            Service("c", "Område 2", "Tjeneste C med et mål langt nok til å gå over flere linjer i kolonnen til venstre for tidslinjen",
                [Plan("Helse Vest RHF", PlanKind.Trial, "Q4 2021"), Plan("Helseforetak", PlanKind.Rollout, "2023–2025")],
                [Dep(DependencyTarget.Service, "a", "Tjeneste A"), Dep(DependencyTarget.Service, "b", "Tjeneste B")]),
            Service("d", "Område 2", d,
                [Plan("Kommuner", PlanKind.Trial, "Q1 2020"), Plan("Helseforetak", PlanKind.Rollout, "2025"), Plan("Fastleger", PlanKind.Rollout, "tidligst 2026")], []),
            Service("e", "Område 3", "Tjeneste E", [Plan("Alle", PlanKind.Rollout, "utsatt på ubestemt tid")], [Dep(DependencyTarget.Service, "c", "Tjeneste C")]),
            Service("f", "Område 3", "Tjeneste F avhenger av E, som er utsatt", [Plan("Legevakt", PlanKind.Rollout, "Q2 2024")],
                [Dep(DependencyTarget.Service, "e", "Tjeneste E", "Tjenesten den avhenger av, er utsatt på ubestemt tid.")]));
    }

    private DependencyView Dep(DependencyTarget target, string key, string name, string? lateReason = null) =>
        new(++_id, target, _id, key, name, "", lateReason is not null, lateReason);

    private PlanView Plan(string actorGroup, PlanKind kind, string written) => new(++_id, actorGroup, kind, PlannedDate.Parse(written), null, 1);

    private ServiceView Service(string key, string area, string goal, params PlanView[] plans) => Service(key, area, goal, plans, []);

    private ServiceView Service(string key, string area, string goal, PlanView[] plans, DependencyView[] dependencies) =>
        new(++_id, key, area, goal, "", 1, plans, [], [], dependencies);

    private static RoadmapView View(params ServiceView[] services) =>
        new(1, "21.1", "Veikart for nasjonale e-helseløsninger", RoadmapVersionKind.Yearly, RoadmapStatus.Published, "1.0", "", null, null,
            new DateOnly(2021, 12, 15), false, null, 1, services, []);

    // ------------------------------------------------------------------ SVG helpers

    private static XElement Svg(RoadmapView view) => XDocument.Parse(RoadmapChart.ToSvg(view, Today)).Root!;

    private static string Class(XElement e) => (string?)e.Attribute("class") ?? "";

    /// <summary>Groups whose class list starts with <paramref name="cls"/> as a whole word.</summary>
    private static IEnumerable<XElement> Groups(XElement root, string cls) =>
        root.Descendants().Where(e => e.Name.LocalName == "g" && (Class(e) == cls || Class(e).StartsWith(cls + " ", StringComparison.Ordinal)));

    private static XElement Group(XElement root, string cls) => Groups(root, cls).Single();

    private static XElement Child(XElement e, string name) => e.Elements().First(c => c.Name.LocalName == name);

    private static List<string> Texts(XElement e) => e.Descendants().Where(d => d.Name.LocalName == "text").Select(d => d.Value).ToList();

    private static List<string> AllTexts(XElement root) => Texts(root);

    private static IEnumerable<XElement> Shapes(XElement e) =>
        e.Elements().Where(c => c.Name.LocalName is "rect" or "path" or "line" or "circle");

    private static XElement Bar(XElement root, string actorGroup) =>
        Groups(root, "plan").Single(b => (string?)b.Attribute("data-actor-group") == actorGroup);

    private static (double X, double Y, double Width) Rect(XElement rect) => (D(rect, "x"), D(rect, "y"), D(rect, "width"));

    private static (double X, double Y, double Width) BarRect(XElement root, string actorGroup) =>
        Rect(Shapes(Bar(root, actorGroup)).First(s => s.Name.LocalName == "rect"));

    private static double D(XElement e, string attribute) => double.Parse((string)e.Attribute(attribute)!, CultureInfo.InvariantCulture);

    /// <summary>Centre x of each year label in the axis at the top.</summary>
    private static SortedDictionary<int, double> YearLabels(XElement root)
    {
        var years = new SortedDictionary<int, double>();
        foreach (var t in Group(root, "axis").Descendants().Where(e => e.Name.LocalName == "text"))
            if (t.Value.Length == 4 && int.TryParse(t.Value, out var year)) years.TryAdd(year, D(t, "x"));
        return years;
    }

    // ------------------------------------------------------------------ PDF helpers

    private static string Flat(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    /// <summary>The PDF's text by pdftotext (poppler-utils; scripts/test.sh installs it), pages separated by form feeds.</summary>
    private static string PdfText(byte[] pdf, string? option = null)
    {
        var file = Path.Combine(Path.GetTempPath(), $"roadmap-chart-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var psi = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
            if (option is not null) psi.ArgumentList.Add(option);
            foreach (var a in new[] { "-enc", "UTF-8", file, "-" }) psi.ArgumentList.Add(a);
            Process process;
            try
            {
                process = Process.Start(psi)!;
            }
            catch (Win32Exception e)
            {
                Assert.Fail($"pdftotext is not installed: the PDF tests need poppler-utils (apt-get install poppler-utils; scripts/test.sh does it). {e.Message}");
                throw;
            }
            using (process)
            {
                var stderr = process.StandardError.ReadToEndAsync();
                var stdout = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                Assert.True(process.ExitCode == 0, $"pdftotext failed ({process.ExitCode}): {stderr.Result}");
                return stdout;
            }
        }
        finally
        {
            File.Delete(file);
        }
    }
}
