using Samstyring.Core.Common;
using Samstyring.Core.Documents;

namespace Samstyring.Core.Financing;

/// <summary>The invoice basis as a letter the actor can understand (PDF, DOCX), and all lines for the supplier's invoicing system (CSV, XLSX).</summary>
public static class InvoiceDocuments
{
    public const string DemoNotice = "Demodata – beløpene er oppdiktet og er ikke reelle krav.";

    /// <param name="date">The letter's date; today when not given.</param>
    public static byte[] Pdf(InvoiceBasis basis, DateOnly? date = null) => Letter(basis, date).ToPdf();

    /// <param name="date">The letter's date; today when not given.</param>
    public static byte[] Docx(InvoiceBasis basis, DateOnly? date = null) => Letter(basis, date).ToDocx();

    public static string Title(InvoiceBasis basis) => $"Fakturagrunnlag {basis.Year} – {basis.Actor.Name}";

    /// <summary>
    /// The letter, written once for both PDF and DOCX: who, what is invoiced, what is deducted from the block grant instead,
    /// voluntary purchases, and per solution the chain from the solution's total cost to the actor's amount.
    /// </summary>
    public static FlowDocument Letter(InvoiceBasis basis, DateOnly? date = null)
    {
        ArgumentNullException.ThrowIfNull(basis);
        var title = Title(basis);
        var name = basis.Actor.Name;
        var doc = new FlowDocument(title, headerText: title, footerText: "Samstyring – samfinansiering av nasjonale e-helseløsninger");
        doc.Title(title);
        var header = new List<(string, string)> { ("Til", name), ("Organisasjonsnummer", OrgNumber(basis.OrgNumber)), ("Dato", Norwegian.Date(date ?? Today())), ("År", basis.Year.ToString(Norwegian.Culture)) };
        if (basis.Model is { } m) header.Add(("Prismodell", $"{m.Name} ({m.Status.Label().ToLowerInvariant()})"));
        doc.KeyValueBlock([.. header]);
        if (basis.Model?.IsDemo == true) doc.Notice(DemoNotice);

        doc.Paragraph("Fra 1. januar 2022 betaler aktørene i helse- og omsorgssektoren for forvaltning og drift av de nasjonale " +
                      "e-helseløsningene: Helsenettet (med grunndata og HelseID), kjernejournal, e-resept og helsenorge.no. Ordningen følger " +
                      "av pasientjournalloven og forskrift om standarder og nasjonale e-helseløsninger. Hvor mye hver aktør betaler, endres " +
                      "hvert år etter behandling i den nasjonale rådsmodellen for e-helse og i teknisk beregningsutvalg, endring av forskriften " +
                      "etter offentlig høring, og konsultasjonene mellom staten og KS.");
        doc.Paragraph($"Dette brevet viser hva {name} skal betale for {basis.Year}, hva som i stedet trekkes i rammetilskuddet, " +
                      "og hvordan beløpene er beregnet. Tjenester som er bestilt i tillegg (frivillige kjøp), faktureres til full kostnad.");

        var cofinanced = basis.Invoiced.Where(l => !l.Voluntary).ToList();
        var voluntary = basis.Invoiced.Where(l => l.Voluntary).ToList();

        doc.Heading("Til fakturering");
        if (cofinanced.Count == 0)
            doc.Paragraph($"{name} har ingen andel av samfinansieringen som faktureres for {basis.Year}.");
        else
            doc.Table(["Løsning", "Beskrivelse", "Beløp"],
                [.. cofinanced.Select(l => (IReadOnlyList<DocxCell>)[l.SolutionName, l.Description, Right(l.AmountOre)]),
                 ["Sum samfinansiering", "", new DocxCell(Norwegian.Kroner(cofinanced.Sum(l => l.AmountOre)), Bold: true)]],
                [4.5, 8.5, 4.0], "Samfinansiering som faktureres av leverandøren");

        if (voluntary.Count > 0)
        {
            doc.Heading("Frivillige kjøp");
            doc.Paragraph("Tjenester utenfor den obligatoriske samfinansieringen, bestilt av aktøren og fakturert til full kostnad (antall × enhetspris).");
            doc.Table(["Løsning", "Tjeneste", "Antall × enhetspris", "Beløp"],
                [.. voluntary.Select(l => (IReadOnlyList<DocxCell>)[l.SolutionName, l.Description, QuantityTimesPrice(l), Right(l.AmountOre)]),
                 ["Sum frivillige kjøp", "", "", new DocxCell(Norwegian.Kroner(voluntary.Sum(l => l.AmountOre)), Bold: true)]],
                [3.8, 6.0, 3.7, 3.5], "Frivillige kjøp");
        }
        doc.Paragraph($"Sum til fakturering for {basis.Year}: {Norwegian.Kroner(basis.InvoicedTotalOre)}", bold: true);

        if (basis.Deducted.Count > 0)
        {
            doc.Heading("Trekk i rammetilskuddet (til orientering)");
            doc.Paragraph("Disse beløpene faktureres ikke. De trekkes i stedet i rammetilskuddet fra staten, og vises her til orientering " +
                          "så det samlede bidraget går fram.");
            doc.Table(["Løsning", "Beskrivelse", "Beløp"],
                [.. basis.Deducted.Select(l => (IReadOnlyList<DocxCell>)[l.SolutionName, l.Description, Right(l.AmountOre)]),
                 ["Sum trekk i rammetilskuddet", "", new DocxCell(Norwegian.Kroner(basis.DeductedTotalOre), Bold: true)]],
                [4.5, 8.5, 4.0], "Trekk i rammetilskuddet (faktureres ikke)");
        }

        doc.Heading("Slik er beløpet beregnet");
        if (basis.Explanation.Count == 0)
            doc.Paragraph(basis.Model is null
                ? $"Det er ingen vedtatt prismodell for {basis.Year}, og derfor ingen andel av samfinansieringen å beregne."
                : $"{name} har ingen andel av samfinansieringen i prismodellen for {basis.Year}.");
        else
        {
            doc.Paragraph("For hver løsning fordeles den samlede kostnaden først på aktørgruppene etter gruppens andel. Gruppens beløp " +
                          "fordeles deretter på aktørene i gruppen etter en fordelingsnøkkel: folketall på en bestemt dato, en fast nøkkel, " +
                          "bruk, eller like deler. Beløpene rundes av til hele øre slik at summen for gruppen stemmer nøyaktig " +
                          "(største-rest-metoden).");
            foreach (var line in basis.Explanation)
            {
                doc.Heading(line.SolutionName, 2);
                doc.Table(["Steg", "Grunnlag", "Beløp"], Chain(line, name), [4.3, 8.9, 3.8]);
            }
        }
        return doc;
    }

    /// <summary>The chain total → group share → key → the actor, one row per step.</summary>
    internal static IEnumerable<IReadOnlyList<DocxCell>> Chain(ActorBillLine l, string actorName)
    {
        yield return ["Samlet kostnad", l.FromTbu ? "Beregnet av teknisk beregningsutvalg" : "Kostnadsgrunnlaget for året", Right(l.SolutionTotalOre)];
        yield return [$"Andel for {l.Group.Label().ToLowerInvariant()}", $"{PriceModelCalculator.Percent(l.BasisPoints)} av samlet kostnad", Right(l.GroupAmountOre)];
        yield return ["Fordelingsnøkkel", KeyText(l, actorName), ""];
        yield return [new DocxCell($"Beløp for {actorName}", Bold: true), l.Collection.Label(), new DocxCell(Norwegian.Kroner(l.AmountOre), Bold: true)];
    }

    /// <summary>"Etter folketall 1. januar 2022: 699 827 av 5 425 270 (12,9 %)".</summary>
    internal static string KeyText(ActorBillLine l, string actorName)
    {
        var share = l.TotalWeight == 0 ? "" : $" ({Norwegian.Percent(Math.Round(l.Weight * 100m / l.TotalWeight, 2))})";
        return l.Key switch
        {
            DistributionKey.Population =>
                $"Etter folketall{(l.PopulationOn is { } on ? " " + Norwegian.Date(on) : "")}: {actorName} har {Norwegian.Number(l.Weight)} av {Norwegian.Number(l.TotalWeight)} innbyggere i gruppen{share}",
            DistributionKey.Fixed => $"Fast nøkkel: {Norwegian.Number(l.Weight)} av {Norwegian.Number(l.TotalWeight)}{share}",
            DistributionKey.Usage => $"Etter bruk i året: {Norwegian.Number(l.Weight)} av {Norwegian.Number(l.TotalWeight)}{share}",
            _ => $"Like deler: 1 av {Norwegian.Number(l.TotalWeight)} aktører{share}",
        };
    }

    public static readonly IReadOnlyList<string> CsvHeaders =
    [
        "year", "organizationId", "organizationName", "orgNumber", "solutionKey", "solutionName", "description", "collection", "voluntary",
        "quantity", "unitPriceOre", "amountOre", "amountNok",
    ];

    /// <summary>
    /// Every invoiced line of every basis, for the supplier's invoicing system. Amounts deducted from the block grant are not
    /// invoiced and so not here (they are in the letters, and in the allocation file).
    /// </summary>
    public static byte[] LinesCsv(IEnumerable<InvoiceBasis> bases) =>
        CsvExport.ToBytes(CsvHeaders, Lines(bases).Select(l => (IReadOnlyList<object?>)
        [
            l.Year, l.OrganizationId, l.OrganizationName, l.OrgNumber, l.SolutionKey, l.SolutionName, l.Description, l.Collection.Code(), l.Voluntary,
            l.Quantity, l.UnitPriceOre, l.AmountOre, Nok(l.AmountOre),
        ]));

    public static byte[] LinesXlsx(IEnumerable<InvoiceBasis> bases)
    {
        var list = bases.ToList();
        var years = list.Select(b => b.Year).Distinct().Order().ToList();
        using var x = new XlsxWriter("Fakturagrunnlag " + string.Join(", ", years));
        x.AddSheet("Fakturalinjer",
            ["År", "Aktør-id", "Aktør", "Organisasjonsnummer", "Løsning (nøkkel)", "Løsning", "Beskrivelse", "Innkreving", "Frivillig kjøp",
             "Antall", "Enhetspris (øre)", "Beløp (øre)", "Beløp (kr)"],
            Lines(list).Select(l => (IReadOnlyList<object?>)
            [
                l.Year, l.OrganizationId, l.OrganizationName, l.OrgNumber, l.SolutionKey, l.SolutionName, l.Description, l.Collection.Label(),
                l.Voluntary ? "Ja" : "Nei", l.Quantity, l.UnitPriceOre, l.AmountOre, Nok(l.AmountOre),
            ]),
            [8, 10, 36, 18, 22, 30, 48, 22, 12, 10, 16, 16, 16]);
        return x.ToArray();
    }

    /// <summary>
    /// "2022-kommune-0301-oslo-kommune.pdf": year, the actor's registry key (unique) and its name, in lower-case ASCII letters,
    /// digits and hyphens only, so the name is safe on every file system and in a URL.
    /// </summary>
    public static string FileName(InvoiceBasis basis, string? actorKey, string extension) =>
        $"{basis.Year}-{Slug(string.Join('-', new[] { actorKey, basis.Actor.Name }.Where(p => !string.IsNullOrWhiteSpace(p))), 120, $"aktor-{basis.Actor.Id}")}.{Slug(extension, 10, "pdf")}";

    internal static string Slug(string text, int max, string fallback)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        foreach (var ch in text.Normalize(System.Text.NormalizationForm.FormKD).ToLowerInvariant())
        {
            var ascii = ch switch { 'æ' => "ae", 'ø' => "o", 'å' => "a", 'ß' => "ss", _ => null };
            if (ascii is not null) sb.Append(ascii);
            else if (ch is >= 'a' and <= 'z' or >= '0' and <= '9') sb.Append(ch);
            else if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(ch) == System.Globalization.UnicodeCategory.NonSpacingMark) continue;
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        var slug = sb.ToString().Trim('-');
        if (slug.Length > max) slug = slug[..max].TrimEnd('-');
        return slug.Length == 0 ? fallback : slug;
    }

    private static IEnumerable<InvoiceLine> Lines(IEnumerable<InvoiceBasis> bases) => bases.SelectMany(b => b.Invoiced);

    /// <summary>Kroner with exactly two decimals (øre × 0.01m keeps the scale), for spreadsheets and invoicing systems.</summary>
    internal static decimal Nok(long ore) => ore * 0.01m;

    private static DocxCell Right(long ore) => new(Norwegian.Kroner(ore));

    private static string QuantityTimesPrice(InvoiceLine l) =>
        l.Quantity is { } q && l.UnitPriceOre is { } p ? $"{Norwegian.Number(q)} × {Norwegian.Kroner(p)}" : "";

    /// <summary>"974 760 673" as Brønnøysundregistrene write it.</summary>
    internal static string OrgNumber(string? number) =>
        string.IsNullOrWhiteSpace(number) ? "ikke registrert"
        : number.Length == 9 && number.All(char.IsAsciiDigit) ? $"{number[..3]} {number[3..6]} {number[6..]}" : number;

    private static DateOnly Today() => DateOnly.FromDateTime(DateTime.Now);
}
