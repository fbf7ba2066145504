using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Samstyring.Core.Common;
using Samstyring.Core.Documents;

namespace Samstyring.Core.Portfolio;

/// <summary>
/// The portfolio report as files: DOCX for the council's case papers, XLSX for the office,
/// and JSON and CSV as open data (English names, enum codes, ISO dates).
/// </summary>
public static class PortfolioReportDocuments
{
    public const string NotReportedLabel = "Ikke rapportert";

    private static readonly (Rag Rag, string Fill, string Text)[] RagColours =
    [
        (Rag.Green, "#2E7D32", "#FFFFFF"),
        (Rag.Yellow, "#F2C94C", "#1F2937"),
        (Rag.Red, "#C62828", "#FFFFFF"),
    ];
    private const string NotReportedFill = "#6B7280";

    public static string Title(PortfolioReport r) => $"Nasjonal e-helseportefølje – statusrapport {r.Period.Name}";

    /// <summary>The period's status and risk as grouped bars.</summary>
    public static BarChart Chart(PortfolioReport r) => StatusRiskChart(
        $"Status og risiko – {r.Period.Name}", $"Antall tiltak i porteføljen etter vurdering for {r.Period.Name}.",
        r.StatusDistribution, r.RiskDistribution);

    /// <summary>Status and risk as grouped bars: green, yellow, red, not reported. Pages and documents share it so they agree.</summary>
    public static BarChart StatusRiskChart(string title, string lead, RagDistribution status, RagDistribution risk)
    {
        static int[] Values(RagDistribution d) => [d.Green, d.Yellow, d.Red, d.NotReported];
        static string Words(RagDistribution d) => $"grønn {d.Green}, gul {d.Yellow}, rød {d.Red}, ikke rapportert {d.NotReported}";
        return new BarChart(
            title,
            $"{lead} Status: {Words(status)}. Risiko: {Words(risk)}.",
            [.. RagColours.Select(c => new BarSeries(c.Rag.Label(), c.Fill)), new BarSeries(NotReportedLabel, NotReportedFill)],
            [new BarGroup("Status", Values(status)), new BarGroup("Risiko", Values(risk))]);
    }

    public static string ToSvg(PortfolioReport r) => SvgBarChart.Render(Chart(r));

    public static byte[] ToPng(PortfolioReport r) => PngBarChart.Render(Chart(r));

    public static byte[] ToDocx(PortfolioReport r)
    {
        var title = Title(r);
        using var doc = new DocxWriter(title, footerText: title);
        doc.Title("Nasjonal e-helseportefølje")
            .Subtitle($"Statusrapport {r.Period.Name}");
        doc.Paragraph($"Rapporteringsperiode: {Norwegian.Date(r.Period.Start)} – {Norwegian.Date(r.Period.End)}. " +
                      $"Rapporten er generert {Norwegian.DateTime(r.GeneratedAt)} fra Samstyring.");
        if (r.Rows.Any(x => x.IsDemo))
            doc.Paragraph("Rapporten inneholder demodata. Tiltak merket med * har oppdiktede detaljer (fase, datoer, kontaktperson eller rapport) og må ikke leses som reelle opplysninger.", italic: true);

        var inPortfolio = r.Rows.Count(x => x.IsInPortfolio);
        var reported = inPortfolio - r.NotReported.Count;
        doc.Heading("Nøkkeltall");
        doc.Paragraph($"Porteføljen består av {r.Counts.Active} aktive tiltak og {r.Counts.Paused} tiltak i pause. " +
                      $"{reported} av {inPortfolio} tiltak har rapportert for perioden.");
        doc.Table(["Nøkkeltall", "Antall"], KeyFigures(r).Select(k => (IReadOnlyList<DocxCell>)[k.Label, k.Value.ToString(Norwegian.Culture)]),
            [12.0, 5.0]);

        doc.Heading("Status og risiko");
        var chart = Chart(r);
        doc.Image(PngBarChart.Render(chart), SvgBarChart.DefaultWidth * 2, SvgBarChart.DefaultHeight * 2, 14.5, chart.Description, SvgBarChart.Render(chart));
        doc.Table(["Vurdering", "Grønn", "Gul", "Rød", NotReportedLabel],
            [DistributionRow("Status", r.StatusDistribution), DistributionRow("Risiko", r.RiskDistribution)],
            [4.2, 3.0, 3.0, 3.0, 3.8], caption: "Antall tiltak etter status og risiko");
        doc.Table(["Segment", "Antall tiltak"], r.Segments.Select(s => (IReadOnlyList<DocxCell>)[SegmentLabel(s.Segment), s.Count.ToString(Norwegian.Culture)]),
            [12.0, 5.0], caption: "Tiltak i porteføljen per segment");

        if (r.Adoption.Count > 0)
        {
            doc.Heading("Innføring av nasjonale løsninger");
            doc.Paragraph($"Andelen kommuner som har tatt i bruk løsningene per {Norwegian.Date(r.AdoptionOn)}.");
            doc.Table(["Løsning", "Tatt i bruk", "Andel", "Neste mål"], r.Adoption.Select(a => (IReadOnlyList<DocxCell>)[a.Name,
                $"{Norwegian.Number(a.InUse)} av {Norwegian.Number(a.Municipalities)} kommuner", a.Percent.ToString("0.#", Norwegian.Culture) + " %", a.NextTarget ?? "–"]));
        }
        doc.Heading("Røde flagg");
        if (r.RedFlags.Count == 0) doc.Paragraph("Ingen tiltak har rød status eller rød risiko for perioden.");
        else doc.Paragraph($"{r.RedFlags.Count} tiltak har rød status eller rød risiko for perioden.");
        foreach (var flag in r.RedFlags)
        {
            var rep = flag.Report!;
            doc.Heading($"{flag.Name}{Demo(flag)} ({flag.Owner})", 2);
            doc.LabelledParagraph($"Status: {rep.Status.Label()}.", Or(rep.StatusText));
            doc.LabelledParagraph($"Risiko: {rep.Risk.Label()}.", Or(rep.RiskText));
            if (!string.IsNullOrWhiteSpace(rep.Progress)) doc.LabelledParagraph("Fremdrift:", rep.Progress);
            if (rep.HasFigures) doc.LabelledParagraph("Kostnader:", Figures(rep));
            if (!string.IsNullOrWhiteSpace(rep.Cost)) doc.LabelledParagraph(rep.HasFigures ? "Kommentar til kostnader:" : "Kostnader:", rep.Cost);
        }

        doc.Heading("Avhengigheter med høy kritikalitet og rød status");
        if (r.RedDependencies.Count == 0)
            doc.Paragraph("Ingen avhengigheter med høy kritikalitet har rød status.");
        else
            doc.Table(["Tiltak", "Eier", "Avhengighet", "Frist"],
                r.RedDependencies.Select(d => (IReadOnlyList<DocxCell>)[d.Initiative, d.Owner, $"{d.Target}: {d.Description}", Deadline(d)]),
                [3.8, 3.2, 7.4, 2.6]);

        doc.Heading("Kostnader");
        if (r.Costs.Total.Initiatives == 0)
            doc.Paragraph("Ingen tiltak har oppgitt budsjett, påløpte kostnader eller prognose for perioden.");
        else
        {
            doc.Paragraph($"{r.Costs.Total.Initiatives} tiltak har oppgitt kostnadstall for perioden: budsjett {Norwegian.Kroner(r.Costs.Total.BudgetOre)}, " +
                          $"påløpt hittil {Norwegian.Kroner(r.Costs.Total.SpentOre)} og prognose {Norwegian.Kroner(r.Costs.Total.ForecastOre)}. " +
                          "Tallene er fra hvert tiltaks rapport for perioden; et tall som ikke er oppgitt, telles ikke med.");
            CostTable(doc, "Eier", r.Costs.ByOwner, r.Costs.Total, "Kostnader per eier");
            CostTable(doc, "Segment", r.Costs.BySegment, r.Costs.Total, "Kostnader per segment");
            CostTable(doc, "Finansieringskilde", r.Costs.ByFundingSource, r.Costs.Total, "Kostnader per finansieringskilde");
        }

        AchievementSection(doc, r.Achievement);

        doc.Heading("Tiltak som ikke har rapportert");
        if (r.NotReported.Count == 0) doc.Paragraph("Alle tiltak i porteføljen har rapportert for perioden.");
        else doc.Bullets(r.NotReported.Select(n => $"{n.Name}{Demo(n)} ({n.Owner})"));

        doc.Heading("Alle tiltak");
        doc.Paragraph("Aktive tiltak og tiltak i pause, og tiltak som ble ferdigstilt eller gikk ut av porteføljen i perioden. " +
                      "Status og risiko gjelder rapporten for perioden; «–» betyr ikke rapportert.");
        doc.Table(["Tiltak", "Eier", "Segment", "Livsløp", "Fase", "Status", "Risiko"],
            r.Rows.Select(x => (IReadOnlyList<DocxCell>)
            [
                x.Name + Demo(x), x.Owner, SegmentLabel(x.Segment), x.Lifecycle.Label(), x.Phase.Label(),
                RagCell(x.Report?.Status), RagCell(x.Report?.Risk),
            ]),
            [4.5, 3.3, 2.2, 1.8, 2.6, 1.3, 1.3]);
        return doc.ToArray();
    }

    public static byte[] ToXlsx(PortfolioReport r)
    {
        using var x = new XlsxWriter(Title(r));
        x.AddSheet("Tiltak",
            ["Tiltak", "Eier", "Aktørgruppe", "Type", "Segment", "Livsløp", "Fase", "Planlagt start", "Planlagt slutt",
             "Status", "Statuskommentar", "Risiko", "Risikokommentar", "Fremdrift", "Kommentar til kostnader", "Rapportert", "Demodata",
             "Budsjett (kr)", "Påløpt hittil (kr)", "Prognose (kr)", "Finansieringskilde"],
            r.Rows.Select(i => (IReadOnlyList<object?>)
            [
                i.Name, i.Owner, i.OwnerActorGroup.Label(), i.Kind.Label(), SegmentLabel(i.Segment), i.Lifecycle.Label(), i.Phase.Label(),
                i.PlannedStart, i.PlannedEnd,
                i.Report?.Status.Label() ?? NotReportedLabel, i.Report?.StatusText, i.Report?.Risk.Label() ?? NotReportedLabel, i.Report?.RiskText,
                i.Report?.Progress, i.Report?.Cost, i.Report?.ReportedAt, i.IsDemo ? "Ja" : "Nei",
                Kr(i.Report?.BudgetOre), Kr(i.Report?.SpentOre), Kr(i.Report?.ForecastOre), i.Report?.FundingSource?.Label(),
            ]),
            [56, 40, 24, 18, 14, 12, 16, 13, 13, 12, 50, 12, 50, 40, 40, 16, 10, 18, 18, 18, 22]);
        x.AddSheet("Avhengigheter",
            ["Tiltak", "Eier", "Avhengighet til", "Beskrivelse", "Kritikalitet", "Status", "Frist", "Frist passert"],
            r.RedDependencies.Select(d => (IReadOnlyList<object?>)
            [
                d.Initiative, d.Owner, d.Target, d.Description, Criticality.High.Label(), Rag.Red.Label(), d.Deadline, d.Overdue ? "Ja" : "Nei",
            ]),
            [44, 36, 30, 60, 12, 10, 12, 12]);
        x.AddSheet("Kostnader", ["Gruppering", "Gruppe", "Antall tiltak", "Budsjett (kr)", "Påløpt hittil (kr)", "Prognose (kr)"],
            CostRows("Eier", r.Costs.ByOwner).Concat(CostRows("Segment", r.Costs.BySegment))
                .Concat(CostRows("Finansieringskilde", r.Costs.ByFundingSource)).Concat(CostRows("Totalt", [r.Costs.Total])),
            [20, 44, 14, 20, 20, 20]);
        AchievementSheets(x, r.Achievement);
        x.AddSheet("Nøkkeltall", ["Nøkkeltall", "Antall"],
            KeyFigures(r).Select(k => (IReadOnlyList<object?>)[k.Label, k.Value])
                .Concat(Distribution("Status", r.StatusDistribution)).Concat(Distribution("Risiko", r.RiskDistribution))
                .Concat(r.Segments.Select(s => (IReadOnlyList<object?>)[$"Segment: {SegmentLabel(s.Segment)}", s.Count])),
            [50, 12]);
        return x.ToArray();
    }

    public static readonly IReadOnlyList<string> CsvHeaders =
    [
        "id", "name", "owner", "ownerActorGroup", "kind", "segment", "lifecycle", "phase", "plannedStart", "plannedEnd",
        "period", "status", "statusText", "risk", "riskText", "progress", "cost", "reportedAt", "isDemo",
        "budgetOre", "spentOre", "forecastOre", "fundingSource",
    ];

    /// <summary>One row per initiative, for open data.</summary>
    public static byte[] ToCsv(PortfolioReport r) => CsvExport.ToBytes(CsvHeaders, r.Rows.Select(i => (IReadOnlyList<object?>)
    [
        i.Id, i.Name, i.Owner, i.OwnerActorGroup.Code(), i.Kind.Code(), i.Segment?.Code(), i.Lifecycle.Code(), i.Phase.Code(),
        i.PlannedStart, i.PlannedEnd, r.Period.Code,
        i.Report?.Status.Code(), i.Report?.StatusText, i.Report?.Risk.Code(), i.Report?.RiskText, i.Report?.Progress, i.Report?.Cost,
        i.Report?.ReportedAt, i.IsDemo,
        i.Report?.BudgetOre, i.Report?.SpentOre, i.Report?.ForecastOre, i.Report?.FundingSource?.Code(),
    ]));

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>The whole report as open data: English camelCase names, enum codes ("red"), ISO dates.</summary>
    public static byte[] ToJson(PortfolioReport r)
    {
        static PortfolioReportJson.Distribution Dist(RagDistribution d) => new(d.Green, d.Yellow, d.Red, d.NotReported);
        var body = new PortfolioReportJson(
            Title(r),
            new PortfolioReportJson.PeriodPart(r.Period.Code, r.Period.Name, r.Period.Start, r.Period.End),
            DateTime.SpecifyKind(r.GeneratedAt, DateTimeKind.Utc),
            new PortfolioReportJson.CountsPart(
                r.Counts.Active, r.Counts.Paused, r.Counts.Candidates,
                r.Counts.NewInPeriod, r.Counts.CompletedInPeriod, r.Counts.LeftInPeriod,
                r.NotReported.Count),
            Dist(r.StatusDistribution),
            Dist(r.RiskDistribution),
            r.Segments.Select(s => new PortfolioReportJson.SegmentPart(s.Segment?.Code(), s.Count)),
            r.Rows.Select(i => new PortfolioReportJson.InitiativePart(
                i.Id, i.Name, i.Owner, i.OwnerActorGroup.Code(), i.Kind.Code(),
                i.Segment?.Code(), i.Lifecycle.Code(), i.Phase.Code(),
                i.PlannedStart, i.PlannedEnd, i.IsDemo,
                i.Report is { } rep
                    ? new PortfolioReportJson.ReportPart(
                        rep.Status.Code(), rep.StatusText, rep.Risk.Code(), rep.RiskText,
                        rep.Progress, rep.Cost, DateTime.SpecifyKind(rep.ReportedAt, DateTimeKind.Utc),
                        rep.BudgetOre, rep.SpentOre, rep.ForecastOre, rep.FundingSource?.Code())
                    : null)),
            r.RedFlags.Select(f => f.Id),
            r.RedDependencies.Select(d => new PortfolioReportJson.RedDependencyPart(
                d.InitiativeId, d.Initiative, d.Owner, d.Target, d.Description,
                Criticality.High.Code(), Rag.Red.Code(), d.Deadline, d.Overdue)),
            r.NotReported.Select(n => n.Id), r.AdoptionOn, r.Adoption,
            new PortfolioReportJson.CostsPart(CostJson(r.Costs.Total), r.Costs.ByOwner.Select(CostJson),
                r.Costs.BySegment.Select(CostJson), r.Costs.ByFundingSource.Select(CostJson)),
            AchievementJson(r.Achievement));
        return JsonSerializer.SerializeToUtf8Bytes(body, Json);
    }

    private static PortfolioReportJson.BenefitCountsPart CountsJson(Benefits.TrackCounts c) => new(c.OnTrack, c.AtRisk, c.Late, c.NotReported, c.Total);

    private static PortfolioReportJson.AchievementPart AchievementJson(StrategicAchievement a)
    {
        var cov = a.Coverage;
        var f = a.Benefits;
        return new PortfolioReportJson.AchievementPart(
            StrategicAchievement.Heading, f.Today,
            cov is null ? null : new PortfolioReportJson.StrategyPart(cov.Strategy.Id, cov.Strategy.Title, cov.Strategy.Period, cov.Strategy.Status.Code(), cov.Strategy.IsDemo),
            (cov?.Areas ?? []).Select(x => new PortfolioReportJson.AreaPart(
                x.AreaId, x.Number, x.Title, x.Initiatives.Select(i => i.Id), new PortfolioReportJson.AreaCostPart(x.Cost.Reported, x.Cost.BudgetOre, x.Cost.SpentOre, x.Cost.ForecastOre),
                x.RedFlags.Select(i => i.Id), x.OutsidePortfolio, CountsJson(a.CountsFor(x.AreaId) ?? new(0, 0, 0, 0)),
                x.Initiatives.Any(i => i.IsDemo))),
            cov?.InitiativesWithoutArea.Select(i => i.Id) ?? [],
            cov is null ? null : new PortfolioReportJson.AreaCostPart(cov.Total.Reported, cov.Total.BudgetOre, cov.Total.SpentOre, cov.Total.ForecastOre),
            cov?.RedFlags ?? 0,
            CountsJson(f.Total), CountsJson(f.WithoutArea),
            f.PerOwner.Select(g => new PortfolioReportJson.BenefitGroupPart(g.Id, g.Name, CountsJson(g.Counts))),
            f.Benefits.Select(b => new PortfolioReportJson.BenefitPart(
                b.BenefitId, b.Title, b.InitiativeId, b.Initiative, b.OwnerId, b.Owner, b.Type.Code(), b.Unit, b.Baseline, b.Target, b.TargetDue,
                b.Standing.Track.Code(), b.Standing.Period, b.Standing.Planned is { } pl ? decimal.Round(pl, 4) : null, b.Standing.Realised,
                b.Standing.AchievedShare is { } ac ? decimal.Round(ac, 4) : null, b.Standing.PlannedShare is { } ps ? decimal.Round(ps, 4) : null)),
            f.Returns.Select(x => new PortfolioReportJson.ReturnPart(
                x.InitiativeId, x.Initiative, Benefits.DiscountRate.ToPercent(x.RateBasisPoints), x.BaseYear, x.Alternatives, x.BestNumber, x.BestAlternative,
                x.NetPresentValueOre, x.PresentCostOre, x.PresentBenefitOre, x.BreakEvenYear, x.IsDemo)));
    }

    private static string Count(int n) => n.ToString(Norwegian.Culture);

    private static IReadOnlyList<DocxCell> CountCells(DocxCell name, Benefits.TrackCounts c) =>
        [name, Count(c.OnTrack), Count(c.AtRisk), Count(c.Late), Count(c.NotReported), Count(c.Total)];

    private static readonly string[] CountHeaders = ["I rute", "I faresonen", "Forsinket", NotReportedLabel, "Sum"];

    /// <summary>Strategisk måloppnåelse og samfunnsøkonomisk avkastning: coverage and benefits per area, benefits per owner and one by one, and net present values.</summary>
    private static void AchievementSection(DocxWriter doc, StrategicAchievement a)
    {
        var f = a.Benefits;
        doc.Heading(StrategicAchievement.Heading);
        doc.Paragraph("«Oppfølgingen av porteføljen bør utvikles til å fokusere på grad av strategisk oppnåelse og samfunnsøkonomisk lønnsomhet.» " +
                      $"Tallene gjelder per {Norwegian.Date(f.Today)}, uansett rapporteringsperiode: dekningen bygger på hvert tiltaks siste statusrapport, " +
                      "gevinstene på siste realiserte verdi.");
        if (a.Coverage is { } cov)
        {
            doc.Heading($"Dekning og gevinster per målområde: {cov.Strategy.Title}", 2);
            doc.Paragraph("Tiltakene i porteføljen (aktive og i pause) per målområde i den vedtatte strategien, med budsjett, påløpt hittil og prognose, " +
                          "tiltak med rød status og gevinstene deres. Et tiltak som tjener to målområder, telles i begge; gevinstene også." +
                          (cov.Strategy.IsDemo || cov.Areas.Any(x => x.Initiatives.Any(i => i.IsDemo)) ? " Koblingene mellom tiltak og målområder er demodata." : ""));
            doc.Table(["Målområde", "Tiltak", "Budsjett", "Påløpt hittil", "Prognose", "Røde"],
                cov.Areas.Select(x => (IReadOnlyList<DocxCell>)
                [
                    $"{x.Number}. {x.Title}", Count(x.Initiatives.Count), Norwegian.Kroner(x.Cost.BudgetOre), Norwegian.Kroner(x.Cost.SpentOre),
                    Norwegian.Kroner(x.Cost.ForecastOre), Count(x.RedFlags.Count),
                ]).Append(
                [
                    new DocxCell("Totalt (hvert tiltak én gang)", Bold: true), Count(cov.Areas.SelectMany(x => x.Initiatives).DistinctBy(i => i.Id).Count()),
                    Norwegian.Kroner(cov.Total.BudgetOre), Norwegian.Kroner(cov.Total.SpentOre), Norwegian.Kroner(cov.Total.ForecastOre), Count(cov.RedFlags),
                ]),
                [6.0, 1.6, 2.8, 2.8, 2.8, 1.2], caption: "Dekning per målområde");
            doc.Table(["Målområde", .. CountHeaders],
                cov.Areas.Select(x => CountCells($"{x.Number}. {x.Title}", a.CountsFor(x.AreaId) ?? new(0, 0, 0, 0)))
                    .Append(CountCells("Tiltak uten målområde", f.WithoutArea)),
                [6.2, 2.0, 2.4, 2.2, 2.4, 1.6], caption: "Gevinster per målområde");
            if (cov.AreasWithoutInitiative.Count > 0)
                doc.Paragraph("Målområder uten tiltak i porteføljen: " + string.Join(", ", cov.AreasWithoutInitiative.Select(x => $"{x.Number}. {x.Title}")) + ".");
        }
        else doc.Paragraph("Ingen strategi er vedtatt, så gevinstene følges ikke opp per målområde.");

        doc.Heading("Gevinster per gevinsteier", 2);
        if (f.Benefits.Count == 0) doc.Paragraph("Ingen tiltak i porteføljen har registrert gevinster.");
        else
        {
            doc.Paragraph($"Til sammen {f.Total.Total} gevinster: {f.Total.OnTrack} i rute, {f.Total.AtRisk} i faresonen (mer enn 10 prosentpoeng bak planen), " +
                          $"{f.Total.Late} forsinket (mer enn 25 poeng bak, eller fristen er passert) og {f.Total.NotReported} ikke rapportert.");
            doc.Table(["Gevinsteier", .. CountHeaders], f.PerOwner.Select(g => CountCells(g.Name, g.Counts)).Append(CountCells(new DocxCell("Totalt", Bold: true), f.Total)),
                [6.2, 2.0, 2.4, 2.2, 2.4, 1.6], caption: "Gevinster per gevinsteier");

            doc.Heading("Realisert mot planlagt", 2);
            doc.Table(["Gevinst", "Tiltak", "Periode", "Planlagt", "Realisert", "Mål", "Status"],
                f.Benefits.Select(b => (IReadOnlyList<DocxCell>)
                [
                    b.Title, b.Initiative, b.Standing.Period is { } p ? ReportingPeriod.NameOf(p) : "–",
                    b.Standing.Planned is { } pl ? Benefits.BenefitChart.Num(decimal.Round(pl, 1)) : "–",
                    b.Standing.Realised is { } re ? Benefits.BenefitChart.Num(re) : "–",
                    $"{Benefits.BenefitChart.Num(b.Target)} {b.Unit} innen {Norwegian.ShortDate(b.TargetDue)}", b.Standing.Track.Label(),
                ]),
                [4.0, 3.2, 2.2, 1.7, 1.7, 2.8, 1.9], caption: "Siste realiserte verdi mot planen ved slutten av perioden den gjelder");
        }

        doc.Heading("Samfunnsøkonomisk avkastning", 2);
        if (f.Returns.Count == 0) doc.Paragraph("Ingen tiltak i porteføljen har en samfunnsøkonomisk analyse.");
        else
        {
            doc.Paragraph("Netto nåverdi for alternativet med størst netto nåverdi i hvert tiltaks samfunnsøkonomiske analyse, neddiskontert til analysens første år " +
                          "med analysens egen rente." + (f.Returns.Any(x => x.IsDemo) ? " Analyser merket med * er demodata." : ""));
            doc.Table(["Tiltak", "Alternativ med størst netto nåverdi", "Netto nåverdi", "Rente", "Lønner seg fra"],
                f.Returns.Select(x => (IReadOnlyList<DocxCell>)
                [
                    x.Initiative + (x.IsDemo ? " *" : ""), $"{x.BestNumber}. {x.BestAlternative} (av {x.Alternatives})", Norwegian.Kroner(x.NetPresentValueOre),
                    Norwegian.Percent(Benefits.DiscountRate.ToPercent(x.RateBasisPoints)), x.BreakEvenYear?.ToString(Norwegian.Culture) ?? "Lønner seg ikke i perioden",
                ]),
                [4.4, 4.6, 3.2, 1.6, 3.0], caption: "Netto nåverdi per tiltak");
        }
    }

    private static IEnumerable<IReadOnlyList<object?>> CountRows(string grouping, string name, Benefits.TrackCounts c) =>
        [[grouping, name, c.OnTrack, c.AtRisk, c.Late, c.NotReported, c.Total]];

    /// <summary>Three sheets for the section: per area (coverage and benefit counts) and per owner, each benefit, and the net present values.</summary>
    private static void AchievementSheets(XlsxWriter x, StrategicAchievement a)
    {
        var f = a.Benefits;
        var areaRows = (a.Coverage?.Areas ?? []).Select(ar =>
        {
            var c = a.CountsFor(ar.AreaId) ?? new(0, 0, 0, 0);
            return (IReadOnlyList<object?>)
            [
                "Målområde", $"{ar.Number}. {ar.Title}", ar.Initiatives.Count, Kr(ar.Cost.BudgetOre), Kr(ar.Cost.SpentOre), Kr(ar.Cost.ForecastOre), ar.RedFlags.Count,
                c.OnTrack, c.AtRisk, c.Late, c.NotReported, c.Total,
            ];
        });
        IReadOnlyList<object?> CountsOnly(string grouping, string name, Benefits.TrackCounts c) =>
            [grouping, name, null, null, null, null, null, c.OnTrack, c.AtRisk, c.Late, c.NotReported, c.Total];
        var rest = new List<IReadOnlyList<object?>>();
        if (a.Coverage is not null) rest.Add(CountsOnly("Målområde", "Tiltak uten målområde", f.WithoutArea));
        rest.AddRange(f.PerOwner.Select(g => CountsOnly("Gevinsteier", g.Name, g.Counts)));
        rest.Add(CountsOnly("Totalt", "Alle gevinster", f.Total));
        x.AddSheet("Måloppnåelse",
            ["Gruppering", "Gruppe", "Tiltak", "Budsjett (kr)", "Påløpt hittil (kr)", "Prognose (kr)", "Røde", "I rute", "I faresonen", "Forsinket", NotReportedLabel, "Gevinster i alt"],
            areaRows.Concat(rest), [14, 50, 10, 18, 18, 18, 8, 10, 12, 10, 16, 14]);
        x.AddSheet("Gevinster",
            ["Gevinst", "Tiltak", "Gevinsteier", "Enhet", "Utgangsverdi", "Mål", "Frist", "Periode", "Planlagt", "Realisert", "Status"],
            f.Benefits.Select(b => (IReadOnlyList<object?>)
            [
                b.Title, b.Initiative, b.Owner, b.Unit, b.Baseline, b.Target, b.TargetDue, b.Standing.Period is { } p ? ReportingPeriod.NameOf(p) : null,
                b.Standing.Planned is { } pl ? decimal.Round(pl, 2) : null, b.Standing.Realised, b.Standing.Track.Label(),
            ]),
            [50, 40, 30, 20, 14, 14, 13, 16, 12, 12, 16]);
        x.AddSheet("Nåverdi",
            ["Tiltak", "Eier", "Alternativ med størst netto nåverdi", "Alternativer", "Rente (%)", "Basisår", "Netto nåverdi (kr)", "Nåverdi kostnader (kr)",
             "Nåverdi nytte (kr)", "Lønner seg fra", "Demodata"],
            f.Returns.Select(r => (IReadOnlyList<object?>)
            [
                r.Initiative, r.Owner, $"{r.BestNumber}. {r.BestAlternative}", r.Alternatives, Benefits.DiscountRate.ToPercent(r.RateBasisPoints), r.BaseYear,
                Kr(r.NetPresentValueOre), Kr(r.PresentCostOre), Kr(r.PresentBenefitOre), r.BreakEvenYear, r.IsDemo ? "Ja" : "Nei",
            ]),
            [44, 32, 40, 12, 10, 10, 20, 20, 20, 14, 10]);
    }

    private static PortfolioReportJson.CostPart CostJson(CostSum c) => new(c.Code, c.Label, c.Initiatives, c.BudgetOre, c.SpentOre, c.ForecastOre);

    /// <summary>Kroner as a number for a spreadsheet cell (øre as decimals), so sums and filters work in Excel.</summary>
    private static decimal? Kr(long? ore) => ore is { } o ? o / 100m : null;

    private static IEnumerable<IReadOnlyList<object?>> CostRows(string grouping, IEnumerable<CostSum> sums) =>
        sums.Select(c => (IReadOnlyList<object?>)[grouping, c.Label, c.Initiatives, Kr(c.BudgetOre), Kr(c.SpentOre), Kr(c.ForecastOre)]);

    private static void CostTable(DocxWriter doc, string what, IEnumerable<CostSum> sums, CostSum total, string caption) =>
        doc.Table([what, "Tiltak", "Budsjett", "Påløpt hittil", "Prognose"],
            sums.Append(total).Select(c => (IReadOnlyList<DocxCell>)
            [
                new(ReferenceEquals(c, total) ? "Totalt" : c.Label, Bold: ReferenceEquals(c, total)), c.Initiatives.ToString(Norwegian.Culture),
                Norwegian.Kroner(c.BudgetOre), Norwegian.Kroner(c.SpentOre), Norwegian.Kroner(c.ForecastOre),
            ]),
            [5.6, 1.6, 3.3, 3.3, 3.3], caption: caption);

    /// <summary>A report's cost figures in one line: «budsjett 12 000 000 kr, påløpt hittil 4 500 000 kr (samfinansiering)».</summary>
    public static string Figures(PeriodReport rep)
    {
        var parts = new List<string>();
        if (rep.BudgetOre is { } b) parts.Add($"budsjett {Norwegian.Kroner(b)}");
        if (rep.SpentOre is { } s) parts.Add($"påløpt hittil {Norwegian.Kroner(s)}");
        if (rep.ForecastOre is { } f) parts.Add($"prognose {Norwegian.Kroner(f)}");
        var text = string.Join(", ", parts);
        if (text.Length > 0) text = char.ToUpper(text[0], Norwegian.Culture) + text[1..];
        return rep.FundingSource is { } source ? $"{text} ({source.Label().ToLower(Norwegian.Culture)})." : text + ".";
    }

    private static IEnumerable<(string Label, int Value)> KeyFigures(PortfolioReport r)
    {
        yield return ("Aktive tiltak", r.Counts.Active);
        yield return ("Tiltak i pause", r.Counts.Paused);
        yield return ("Kandidater til porteføljen", r.Counts.Candidates);
        yield return ("Nye tiltak i perioden", r.Counts.NewInPeriod);
        yield return ("Ferdigstilt i perioden", r.Counts.CompletedInPeriod);
        yield return ("Gått ut av porteføljen i perioden", r.Counts.LeftInPeriod);
        yield return ("Har rapportert for perioden", r.Rows.Count(x => x.IsInPortfolio) - r.NotReported.Count);
        yield return ("Har ikke rapportert for perioden", r.NotReported.Count);
        yield return ("Røde flagg (rød status eller risiko)", r.RedFlags.Count);
        yield return ("Avhengigheter med høy kritikalitet og rød status", r.RedDependencies.Count);
    }

    private static IEnumerable<IReadOnlyList<object?>> Distribution(string what, RagDistribution d) =>
    [
        [$"{what}: grønn", d.Green], [$"{what}: gul", d.Yellow], [$"{what}: rød", d.Red], [$"{what}: ikke rapportert", d.NotReported],
    ];

    private static IReadOnlyList<DocxCell> DistributionRow(string label, RagDistribution d) =>
    [
        new(label, Bold: true), d.Green.ToString(Norwegian.Culture), d.Yellow.ToString(Norwegian.Culture),
        d.Red.ToString(Norwegian.Culture), d.NotReported.ToString(Norwegian.Culture),
    ];

    /// <summary>The colour is a help; the word says it, so the table reads the same in black and white.</summary>
    private static DocxCell RagCell(Rag? rag)
    {
        if (rag is not { } v) return new DocxCell("–");
        var (_, fill, text) = RagColours.Single(c => c.Rag == v);
        return new DocxCell(v.Label(), fill, text, Bold: true);
    }

    private static string Deadline(RedDependencyRow d) => d.Deadline is { } dl
        ? Norwegian.ShortDate(dl) + (d.Overdue ? " (passert)" : "")
        : "Ikke satt";

    private static string SegmentLabel(Segment? s) => s?.Label() ?? "Uten segment";
    private static string Demo(PortfolioReportRow row) => row.IsDemo ? " *" : "";
    private static string Or(string text) => string.IsNullOrWhiteSpace(text) ? "Ingen kommentar." : text;
}

/// <summary>
/// The portfolio report as open data (<see cref="PortfolioReportDocuments.ToJson"/>): English camelCase names, enum codes
/// as strings ("red"), ISO dates. A named shape so that the API can describe the document it serves.
/// </summary>
public sealed record PortfolioReportJson(
    string Title, PortfolioReportJson.PeriodPart Period, DateTime GeneratedAt, PortfolioReportJson.CountsPart Counts,
    PortfolioReportJson.Distribution StatusDistribution, PortfolioReportJson.Distribution RiskDistribution,
    IEnumerable<PortfolioReportJson.SegmentPart> Segments, IEnumerable<PortfolioReportJson.InitiativePart> Initiatives, IEnumerable<int> RedFlags,
    IEnumerable<PortfolioReportJson.RedDependencyPart> RedDependencies, IEnumerable<int> NotReported,
    DateOnly AdoptionOn, IEnumerable<Solutions.AdoptionBrief> Adoption, PortfolioReportJson.CostsPart Costs,
    PortfolioReportJson.AchievementPart StrategicAchievement)
{
    /// <summary>
    /// Strategisk måloppnåelse og samfunnsøkonomisk avkastning, as of <c>asOf</c> whatever the period: the adopted strategy
    /// (null when none is), per area its initiatives in the portfolio (ids), their summed cost figures (øre), those whose
    /// latest status is red and the benefit counts (an initiative serving two areas counts in both); the benefits per owner
    /// and one by one, realised against planned; and per initiative with a socio-economic analysis its best alternative's
    /// net present value (øre, <c>discountRate</c> in percent).
    /// </summary>
    public sealed record AchievementPart(
        string Title, DateOnly AsOf, StrategyPart? Strategy, IEnumerable<AreaPart> Areas, IEnumerable<int> InitiativesWithoutArea, AreaCostPart? Total,
        int RedFlags, BenefitCountsPart Benefits, BenefitCountsPart BenefitsWithoutArea, IEnumerable<BenefitGroupPart> BenefitsPerOwner,
        IEnumerable<BenefitPart> BenefitList, IEnumerable<ReturnPart> Returns);

    public sealed record StrategyPart(int Id, string Title, string Period, string Status, bool IsDemo);

    /// <param name="Reported">How many of the area's initiatives gave cost figures in their latest report.</param>
    public sealed record AreaCostPart(int Reported, long BudgetOre, long SpentOre, long ForecastOre);

    public sealed record AreaPart(
        int Id, int Number, string Title, IEnumerable<int> Initiatives, AreaCostPart Cost, IEnumerable<int> Red, int OutsidePortfolio,
        BenefitCountsPart Benefits, bool DemoLinks);

    public sealed record BenefitCountsPart(int OnTrack, int AtRisk, int Late, int NotReported, int Total);

    public sealed record BenefitGroupPart(int Id, string Name, BenefitCountsPart Benefits);

    /// <summary><c>track</c>: on-track, at-risk, late or not-reported; <c>planned</c> is where the plan was at the end of <c>period</c>.</summary>
    public sealed record BenefitPart(
        int Id, string Title, int InitiativeId, string Initiative, int OwnerId, string Owner, string Type, string Unit, decimal Baseline, decimal Target,
        DateOnly TargetDue, string Track, string? Period, decimal? Planned, decimal? Realised, decimal? AchievedShare, decimal? PlannedShare);

    public sealed record ReturnPart(
        int InitiativeId, string Initiative, decimal DiscountRate, int? BaseYear, int Alternatives, int BestAlternative, string BestAlternativeName,
        long NetPresentValueOre, long PresentCostOre, long PresentBenefitOre, int? BreakEvenYear, bool IsDemo);

    /// <summary>Cost figures (øre) summed over the initiatives that gave any; <c>code</c> is the segment's or funding source's code.</summary>
    public sealed record CostPart(string? Code, string Label, int Initiatives, long BudgetOre, long SpentOre, long ForecastOre);

    public sealed record CostsPart(CostPart Total, IEnumerable<CostPart> ByOwner, IEnumerable<CostPart> BySegment, IEnumerable<CostPart> ByFundingSource);

    public sealed record PeriodPart(string Code, string Name, DateOnly Start, DateOnly End);

    public sealed record CountsPart(int Active, int Paused, int Candidates, int NewInPeriod, int CompletedInPeriod, int LeftInPeriod, int NotReported);

    public sealed record Distribution(int Green, int Yellow, int Red, int NotReported);

    public sealed record SegmentPart(string? Segment, int Count);

    public sealed record InitiativePart(
        int Id, string Name, string Owner, string OwnerActorGroup, string Kind, string? Segment, string Lifecycle, string Phase,
        DateOnly? PlannedStart, DateOnly? PlannedEnd, bool IsDemo, ReportPart? Report);

    /// <summary><c>cost</c> is the free-text comment; the figures are øre, <c>fundingSource</c> a code (budget, co-financing, own-funds, grant).</summary>
    public sealed record ReportPart(
        string Status, string StatusText, string Risk, string RiskText, string Progress, string Cost, DateTime ReportedAt,
        long? BudgetOre, long? SpentOre, long? ForecastOre, string? FundingSource);

    public sealed record RedDependencyPart(
        int InitiativeId, string Initiative, string Owner, string Target, string Description, string Criticality, string Status, DateOnly? Deadline,
        bool Overdue);
}
