using System.Globalization;
using System.Text;
using Samstyring.Core.Common;
using Samstyring.Core.Documents;

namespace Samstyring.Core.Financing;

/// <summary>A year's financing (adopted model, cost bases, group shares, every actor's amount) as DOCX and XLSX, and the allocation as CSV.</summary>
public static class FinancingDocuments
{
    public static string Title(ModelDetails model) => $"Finansiering av nasjonale e-helseløsninger {model.Model.Year}";

    public static byte[] Docx(ModelDetails model, IReadOnlyList<CostBasisView> costs, IReadOnlyList<AllocationRow> rows)
    {
        ArgumentNullException.ThrowIfNull(model);
        var m = model.Model;
        var title = Title(model);
        using var doc = new DocxWriter(title, footerText: title);
        doc.Title(title).Subtitle($"{m.Name} – {m.Status.Label()}");
        if (m.IsDemo || costs.Any(c => c.IsDemo))
            doc.Paragraph("Demodata – beløpene, andelene og nøklene er oppdiktet og må ikke leses som reelle tall.", italic: true);
        doc.Paragraph("Aktørene i sektoren betaler for forvaltning og drift av de nasjonale e-helseløsningene. Kostnaden for hver løsning " +
                      "fordeles først på aktørgruppene etter gruppens andel, og deretter på aktørene i gruppen etter en fordelingsnøkkel " +
                      "(folketall på en dato, fast nøkkel, bruk eller like deler). Beløpene er avrundet til hele øre med største-rest-metoden, " +
                      "slik at de summerer nøyaktig til kostnaden.");

        doc.Heading("Prismodellen");
        var pairs = new List<KeyValuePair<string, string>>
        {
            new("År", m.Year.ToString(CultureInfo.InvariantCulture)),
            new("Prismodell", $"{m.Name} (versjon {m.Number})"),
            new("Status", m.Status.Label()),
        };
        if (model.BasedOnName is { } basedOn) pairs.Add(new("Basert på", basedOn));
        pairs.Add(new("Samlet kostnad fordelt", Norwegian.Kroner(model.TotalOre)));
        if (!string.IsNullOrWhiteSpace(m.Note)) pairs.Add(new("Merknad", m.Note));
        doc.KeyValues(pairs);
        if (model.Problems.Count > 0)
        {
            doc.Heading("Merknader fra beregningen", 2);
            doc.Bullets(model.Problems);
        }

        doc.Heading("Behandling");
        if (model.Steps.Count == 0) doc.Paragraph("Ingen steg er registrert.");
        else
            doc.Table(["Steg", "Dato", "Sak eller dokument"],
                model.Steps.OrderBy(s => s.On).ThenBy(s => s.Id).Select(s => (IReadOnlyList<DocxCell>)[s.Step.Label(), Norwegian.Date(s.On), StepReference(s)]),
                [6.0, 3.5, 7.5]);

        doc.Heading("Kostnadsgrunnlag");
        if (costs.Count == 0) doc.Paragraph($"Ingen kostnadsgrunnlag er registrert for {m.Year}.");
        else
        {
            doc.Paragraph("Forvaltning, drift og videreutvikling er løpende kostnad; investering vises for seg. Beløpet som fordeles er " +
                          "teknisk beregningsutvalgs tall der det finnes, ellers budsjettet (løpende kostnad og investering).");
            doc.Table(["Løsning", "Forvaltning", "Drift", "Videre­utvikling", "Investering", "TBU", "Fordeles"],
                [.. costs.Select(c => (IReadOnlyList<DocxCell>)
                [
                    c.SolutionName + (c.IsDemo ? " *" : ""), Norwegian.Kroner(c.ManagementOre), Norwegian.Kroner(c.OperationOre), Norwegian.Kroner(c.DevelopmentOre),
                    Norwegian.Kroner(c.InvestmentOre), c.TbuOre is { } t ? Norwegian.Kroner(t) : "–", new DocxCell(Norwegian.Kroner(c.AllocatedOre), Bold: true),
                ]),
                [new DocxCell("Sum", Bold: true), Norwegian.Kroner(costs.Sum(c => c.ManagementOre)), Norwegian.Kroner(costs.Sum(c => c.OperationOre)),
                 Norwegian.Kroner(costs.Sum(c => c.DevelopmentOre)), Norwegian.Kroner(costs.Sum(c => c.InvestmentOre)), "",
                 new DocxCell(Norwegian.Kroner(costs.Sum(c => c.AllocatedOre)), Bold: true)]],
                [3.5, 2.3, 2.3, 2.3, 2.2, 2.1, 2.3]);
        }

        doc.Heading("Andeler per løsning");
        doc.Table(["Løsning", "Aktørgruppe", "Andel", "Fordelingsnøkkel", "Innkreving", "Beløp"],
            model.Solutions.SelectMany(s => s.Shares.Select(sh => (IReadOnlyList<DocxCell>)
            [
                s.Name, sh.Group.Label(), PriceModelCalculator.Percent(sh.BasisPoints), KeyLabel(sh.Key, sh.PopulationOn), sh.Collection.Label(), Norwegian.Kroner(sh.AmountOre),
            ])),
            [3.2, 3.0, 1.6, 3.4, 3.2, 2.6]);

        doc.Heading("Sum per aktørgruppe");
        doc.Table(["Aktørgruppe", "Beløp", "Andel av samlet kostnad"],
            model.GroupTotals.OrderBy(g => g.Key).Select(g => (IReadOnlyList<DocxCell>)
            [
                g.Key.Label(), Norwegian.Kroner(g.Value), model.TotalOre == 0 ? "–" : Norwegian.Percent(Math.Round(g.Value * 100m / model.TotalOre, 2)),
            ]).Append([new DocxCell("Sum", Bold: true), new DocxCell(Norwegian.Kroner(model.TotalOre), Bold: true), ""]),
            [7.0, 5.0, 5.0]);

        doc.Heading("Beløp per aktør");
        var actors = ByActor(rows);
        doc.Paragraph($"{Norwegian.Number(actors.Count)} aktører betaler i {m.Year}. Beløp som trekkes i rammetilskuddet, faktureres ikke.");
        doc.Table(["Aktør", "Org.nr.", "Faktureres", "Trekk i rammetilskuddet", "Over statsbudsjettet", "Sum"],
            actors.Select(a => (IReadOnlyList<DocxCell>)
            [
                a.Name, a.OrgNumber ?? "", Norwegian.Kroner(a.Invoice), Norwegian.Kroner(a.Deduction), Norwegian.Kroner(a.StateBudget), new DocxCell(Norwegian.Kroner(a.Total), Bold: true),
            ]),
            [4.6, 2.2, 2.6, 2.6, 2.4, 2.6]);
        return doc.ToArray();
    }

    public static byte[] Xlsx(ModelDetails model, IReadOnlyList<CostBasisView> costs, IReadOnlyList<AllocationRow> rows)
    {
        ArgumentNullException.ThrowIfNull(model);
        var m = model.Model;
        using var x = new XlsxWriter($"{Title(model)} – {m.Name}");
        x.AddSheet("Løsninger",
            ["År", "Løsning (nøkkel)", "Løsning", "Forvaltning (kr)", "Drift (kr)", "Videreutvikling (kr)", "Investering (kr)", "Løpende kostnad (kr)",
             "TBU-beregnet (kr)", "Fordelt (kr)", "Fordelt etter", "Demodata"],
            model.Solutions.Select(s => (IReadOnlyList<object?>)
            [
                m.Year, s.Key, s.Name, Nok(s.Cost?.ManagementOre), Nok(s.Cost?.OperationOre), Nok(s.Cost?.DevelopmentOre), Nok(s.Cost?.InvestmentOre),
                Nok(s.Cost?.RunningOre), Nok(s.Cost?.TbuOre), Nok(s.TotalOre), s.FromTbu ? "TBU" : "Budsjett", s.Cost?.IsDemo == true || m.IsDemo ? "Ja" : "Nei",
            ])
            // Cost bases of solutions the model does not share (yet) are shown too, so the sheet accounts for every cost.
            .Concat(costs.Where(c => model.Solutions.All(s => s.SolutionId != c.SolutionId)).Select(c => (IReadOnlyList<object?>)
            [
                c.Year, c.SolutionKey, c.SolutionName, Nok(c.ManagementOre), Nok(c.OperationOre), Nok(c.DevelopmentOre), Nok(c.InvestmentOre),
                Nok(c.RunningOre), Nok(c.TbuOre), null, "Ikke i prismodellen", c.IsDemo ? "Ja" : "Nei",
            ])),
            [8, 20, 30, 16, 16, 18, 16, 18, 16, 16, 18, 10]);
        x.AddSheet("Andeler",
            ["År", "Løsning", "Aktørgruppe", "Andel (%)", "Fordelingsnøkkel", "Folketall per", "Innkreving", "Beløp (kr)", "Samlet vekt", "Antall aktører"],
            model.Solutions.SelectMany(s => s.Shares.Select(sh => (IReadOnlyList<object?>)
            [
                m.Year, s.Name, sh.Group.Label(), sh.BasisPoints / 100m, sh.Key.Label(), sh.PopulationOn, sh.Collection.Label(), Nok(sh.AmountOre),
                sh.TotalWeight, sh.Actors.Count,
            ]))
            .Concat(model.GroupTotals.OrderBy(g => g.Key).Select(g => (IReadOnlyList<object?>)
                [m.Year, "Sum alle løsninger", g.Key.Label(), model.TotalOre == 0 ? null : Math.Round(g.Value * 100m / model.TotalOre, 2), null, null, null, Nok(g.Value), null, null])),
            [8, 30, 24, 10, 22, 14, 24, 16, 14, 12]);
        x.AddSheet("Aktører",
            ["År", "Aktør-id", "Aktør", "Organisasjonsnummer", "Løsning", "Aktørgruppe", "Fordelingsnøkkel", "Vekt", "Samlet vekt", "Innkreving",
             "Beløp (øre)", "Beløp (kr)"],
            rows.Select(r => (IReadOnlyList<object?>)
            [
                r.Year, r.OrganizationId, r.OrganizationName, r.OrgNumber, r.SolutionName, r.Group.Label(), r.Key.Label(), r.Weight, r.TotalWeight,
                r.Collection.Label(), r.AmountOre, InvoiceDocuments.Nok(r.AmountOre),
            ]),
            [8, 10, 36, 18, 28, 22, 20, 12, 14, 22, 14, 16]);
        return x.ToArray();
    }

    public static readonly IReadOnlyList<string> AllocationCsvHeaders =
    [
        "year", "solutionKey", "solutionName", "group", "percent", "key", "collection", "organizationId", "organizationName", "orgNumber",
        "weight", "totalWeight", "amountOre",
    ];

    /// <summary>Open data: one row per actor and solution in the adopted model; codes, not labels; percent as a decimal.</summary>
    public static byte[] AllocationCsv(IReadOnlyList<AllocationRow> rows) =>
        CsvExport.ToBytes(AllocationCsvHeaders, rows.Select(r => (IReadOnlyList<object?>)
        [
            r.Year, r.SolutionKey, r.SolutionName, r.Group.Code(), r.BasisPoints / 100m, r.Key.Code(), r.Collection.Code(), r.OrganizationId,
            r.OrganizationName, r.OrgNumber, r.Weight, r.TotalWeight, r.AmountOre,
        ]));

    // ------------------------------------------------------------------ comparison chart

    private const int MinChartWidth = 800, RowHeight = 26, ChartTop = 96, ChartBottom = 44;
    private const int NameRight = 236, MinZeroX = 516, HalfBar = 170;
    private const string MoreFill = "#9a3412", LessFill = "#1d4ed8", Ink = "#1f2937", Muted = "#4b5563";

    /// <summary>Who pays more and who pays less: a server-drawn SVG bar chart of the comparison (largest changes), with a title and description for screen readers.</summary>
    /// <remarks>
    /// Bars grow right (pays more) or left (pays less) from a zero line, largest absolute change first; every bar has its name
    /// and its change in kroner and percent as visible text, so colour is never the only carrier of meaning.
    /// </remarks>
    public static string ComparisonSvg(ModelComparison comparison, int maxActors = 30)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var changed = comparison.Actors.Where(a => a.ChangeOre != 0).ToList();
        var shown = changed
            .OrderByDescending(a => Math.Abs(a.ChangeOre)).ThenBy(a => a.Name, StringComparer.Create(Norwegian.Culture, false)).ThenBy(a => a.OrganizationId)
            .Take(Math.Max(0, maxActors)).ToList();
        var more = changed.Count(a => a.ChangeOre > 0);
        var less = changed.Count - more;
        var same = comparison.Actors.Count - changed.Count;

        var title = $"Hvem betaler mer og hvem betaler mindre: {comparison.Other.Name} sammenlignet med {comparison.Base.Name}";
        var desc = new StringBuilder();
        desc.Append(CultureInfo.InvariantCulture, $"{Count(more)} betaler mer, {Count(less)} betaler mindre og {Count(same)} har uendret beløp. ");
        if (shown.Count > 0)
        {
            desc.Append(shown.Count < changed.Count ? $"Figuren viser de {shown.Count} største endringene: " : "Endringene: ");
            desc.Append(string.Join("; ", shown.Select(a => $"{a.Name} {Change(a)}"))).Append('.');
        }

        var height = ChartTop + Math.Max(1, shown.Count) * RowHeight + ChartBottom;
        // Room for the longest value label on each side, so a value never runs into the names or off the picture.
        int Room(bool up) => shown.Where(a => a.ChangeOre > 0 == up).Select(a => LabelWidth(Change(a)) + 4).DefaultIfEmpty(0).Max();
        var zeroX = Math.Max(MinZeroX, NameRight + 8 + Room(false) + HalfBar);
        var width = Math.Max(MinChartWidth, zeroX + HalfBar + Room(true) + 8);
        var max = shown.Count == 0 ? 1 : shown.Max(a => Math.Abs(a.ChangeOre));
        var id = "sammenligning-" + ((uint)StableHash(title)).ToString("x8", CultureInfo.InvariantCulture);
        var sb = new StringBuilder(4096);
        sb.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"Liberation Sans, Arial, Helvetica, sans-serif\">\n"));
        sb.Append(Inv($"<title id=\"{id}-title\">{Esc(title)}</title>\n"));
        sb.Append(Inv($"<desc id=\"{id}-desc\">{Esc(desc.ToString())}</desc>\n"));
        sb.Append(Inv($"<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n"));
        sb.Append(Inv($"<text x=\"16\" y=\"28\" font-size=\"16\" font-weight=\"bold\" fill=\"{Ink}\">Hvem betaler mer og hvem betaler mindre</text>\n"));
        sb.Append(Inv($"<text x=\"16\" y=\"50\" font-size=\"12\" fill=\"{Muted}\">{Esc($"{comparison.Other.Name} sammenlignet med {comparison.Base.Name}")}</text>\n"));
        // Legend: the words say it, the swatches only repeat it.
        sb.Append(Inv($"<g font-size=\"12\" fill=\"{Ink}\"><rect x=\"{zeroX - 150}\" y=\"64\" width=\"12\" height=\"12\" fill=\"{LessFill}\"/><text x=\"{zeroX - 134}\" y=\"75\">Betaler mindre</text>"));
        sb.Append(Inv($"<rect x=\"{zeroX + 16}\" y=\"64\" width=\"12\" height=\"12\" fill=\"{MoreFill}\"/><text x=\"{zeroX + 32}\" y=\"75\">Betaler mer</text></g>\n"));

        if (shown.Count == 0)
            sb.Append(Inv($"<text x=\"{width / 2}\" y=\"{ChartTop + 18}\" text-anchor=\"middle\" font-size=\"14\" fill=\"{Muted}\">Ingen aktører får endret beløp.</text>\n"));
        for (var i = 0; i < shown.Count; i++)
        {
            var a = shown[i];
            var y = ChartTop + i * RowHeight;
            var length = Math.Max(1, (int)Math.Round(HalfBar * (double)Math.Abs(a.ChangeOre) / max));
            var up = a.ChangeOre > 0;
            var x = up ? zeroX : zeroX - length;
            var mid = y + RowHeight / 2;
            sb.Append(Inv($"<g class=\"{(up ? "more" : "less")}\" data-change-ore=\"{a.ChangeOre}\"><title>{Esc($"{a.Name}: {Change(a)}")}</title>"));
            sb.Append(Inv($"<text class=\"name\" x=\"{NameRight}\" y=\"{mid + 4}\" text-anchor=\"end\" font-size=\"12\" fill=\"{Ink}\">{Esc(Shorten(a.Name, 34))}</text>"));
            sb.Append(Inv($"<rect x=\"{x}\" y=\"{y + 5}\" width=\"{length}\" height=\"{RowHeight - 10}\" fill=\"{(up ? MoreFill : LessFill)}\"/>"));
            sb.Append(up
                ? Inv($"<text class=\"value\" x=\"{zeroX + length + 4}\" y=\"{mid + 4}\" font-size=\"11\" fill=\"{Ink}\">{Esc(Change(a))}</text>")
                : Inv($"<text class=\"value\" x=\"{zeroX - length - 4}\" y=\"{mid + 4}\" text-anchor=\"end\" font-size=\"11\" fill=\"{Ink}\">{Esc(Change(a))}</text>"));
            sb.Append("</g>\n");
        }
        sb.Append(Inv($"<line x1=\"{zeroX}\" y1=\"{ChartTop - 4}\" x2=\"{zeroX}\" y2=\"{ChartTop + Math.Max(1, shown.Count) * RowHeight + 4}\" stroke=\"{Ink}\" stroke-width=\"1\" aria-hidden=\"true\"/>\n"));
        if (shown.Count < changed.Count)
            sb.Append(Inv($"<text x=\"16\" y=\"{height - 16}\" font-size=\"12\" fill=\"{Muted}\">{Esc($"Viser de {shown.Count} største av {changed.Count} endringer. Alle aktører står i tabellen.")}</text>\n"));
        return sb.Append("</svg>\n").ToString();
    }

    /// <summary>A generous estimate of a value label's width at 11 px (a digit in Liberation Sans is 6.1 px; most other characters are narrower).</summary>
    private static int LabelWidth(string label) => (int)Math.Ceiling(label.Length * 6.2);

    /// <summary>"+1 234 kr (+2,5 %)" / "−1 234 kr (−2,5 %)".</summary>
    internal static string Change(ActorChange a)
    {
        var sign = a.ChangeOre > 0 ? "+" : a.ChangeOre < 0 ? "−" : "";
        var percent = a.ChangePercent is { } p ? $" ({sign}{Norwegian.Percent(Math.Abs(p))})" : " (ny)";
        return sign + Norwegian.Kroner(Math.Abs(a.ChangeOre)) + percent;
    }

    // ------------------------------------------------------------------ helpers

    private sealed record ActorTotals(int Id, string Name, string? OrgNumber, long Invoice, long Deduction, long StateBudget)
    {
        public long Total => Invoice + Deduction + StateBudget;
    }

    private static List<ActorTotals> ByActor(IReadOnlyList<AllocationRow> rows) =>
        rows.GroupBy(r => r.OrganizationId)
            .Select(g => new ActorTotals(g.Key, g.First().OrganizationName, g.First().OrgNumber,
                g.Where(r => r.Collection == CollectionMethod.Invoice).Sum(r => r.AmountOre),
                g.Where(r => r.Collection == CollectionMethod.BlockGrantDeduction).Sum(r => r.AmountOre),
                g.Where(r => r.Collection == CollectionMethod.StateBudget).Sum(r => r.AmountOre)))
            .OrderBy(a => a.Name, StringComparer.Create(Norwegian.Culture, false)).ThenBy(a => a.Id)
            .ToList();

    private static string KeyLabel(DistributionKey key, DateOnly? populationOn) =>
        key == DistributionKey.Population && populationOn is { } on ? $"{key.Label()} {Norwegian.Date(on)}" : key.Label();

    private static string StepReference(StepView s) =>
        string.Join(" – ", new[] { s.CaseNumber is null ? null : $"Sak {s.CaseNumber}", s.CaseTitle, s.Reference }.Where(t => !string.IsNullOrWhiteSpace(t)));

    private static decimal? Nok(long? ore) => ore is { } o ? InvoiceDocuments.Nok(o) : null;

    private static string Count(int n) => n == 1 ? "1 aktør" : $"{Norwegian.Number(n)} aktører";

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..(max - 1)].TrimEnd() + "…";

    private static string Esc(string s) => SvgBarChart.Esc(s);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static int StableHash(string s)
    {
        unchecked
        {
            var h = 17;
            foreach (var c in s) h = h * 31 + c;
            return h;
        }
    }
}
