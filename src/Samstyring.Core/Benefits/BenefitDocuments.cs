using Samstyring.Core.Common;
using Samstyring.Core.Documents;

namespace Samstyring.Core.Benefits;

/// <summary>
/// The benefit realisation plan (gevinstrealiseringsplan) of one initiative, written once for DOCX and PDF: its benefits
/// with owners and indicators, the timeline from baseline to target with the realised values so far, the actions that
/// realise them, and the socio-economic analysis when there is one.
/// </summary>
public static class BenefitDocuments
{
    public const string DemoNotice = "Inneholder demodata: indikatorer, tall og realiserte verdier merket som demodata er oppdiktet.";

    public static byte[] Pdf(InitiativeBenefits data) => Plan(data).ToPdf();

    public static byte[] Docx(InitiativeBenefits data) => Plan(data).ToDocx();

    public static string FileName(InitiativeBenefits data, string extension) => $"gevinstrealiseringsplan-tiltak-{data.Initiative.Id}.{extension}";

    public static FlowDocument Plan(InitiativeBenefits data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var i = data.Initiative;
        var title = $"Gevinstrealiseringsplan – {i.Name}";
        var doc = new FlowDocument(title, headerText: title, footerText: "Samstyring – nasjonal porteføljestyring for e-helse");
        doc.Title(title);
        doc.KeyValueBlock(("Tiltak", i.Name), ("Tiltakseier", i.Owner?.Name ?? ""), ("Segment", i.Segment?.Label() ?? "ikke satt"),
            ("Dato", Norwegian.Date(data.Today)));
        if (data.Benefits.Any(b => b.Benefit.IsDemo) || data.Analysis?.IsDemo == true) doc.Notice(DemoNotice);

        doc.Heading("Gevinster og gevinsteiere");
        if (data.Benefits.Count == 0) doc.Paragraph("Tiltaket har ingen registrerte gevinster.");
        else
            doc.Table(["Gevinst", "Type", "Interessent", "Gevinsteier", "Status"],
                [.. data.Benefits.Select(v => (IReadOnlyList<DocxCell>)[v.Benefit.Title, v.Benefit.Type.Label(), v.Benefit.Stakeholder.Label(), v.Benefit.Owner?.Name ?? "", v.Standing.Track.Label()])],
                [5.0, 3.5, 3.0, 3.0, 2.5], "Gevinstene");

        doc.Heading("Indikatorer og tidslinje");
        foreach (var v in data.Benefits)
        {
            var b = v.Benefit;
            doc.Heading(b.Title, 2);
            doc.LabelledParagraph("Indikator", $"{b.Indicator} ({b.Unit})");
            doc.LabelledParagraph("Prissetting", b.ValuedInNok ? $"{Norwegian.Kroner(b.NokPerUnitOre ?? 0)} per enhet" : "Ikke prissatt i kroner");
            var rows = new List<IReadOnlyList<DocxCell>>();
            rows.Add([Norwegian.Date(b.BaselineOn), "Utgangsverdi", BenefitChart.Num(b.Baseline)]);
            foreach (var x in v.Values)
            {
                var what = "Realisert, " + x.Period.Name;
                rows.Add([Norwegian.Date(x.Period.End), what, BenefitChart.Num(x.Value)]);
            }
            rows.Add([Norwegian.Date(b.TargetDue), "Mål", BenefitChart.Num(b.Target)]);
            doc.Table(["Dato", "Hva", "Verdi"], rows, [4.0, 8.0, 5.0], $"{b.Indicator}: fra utgangsverdi til mål");
            if (b.ActionList.Count > 0)
            {
                doc.Paragraph("Tiltak som realiserer gevinsten:", bold: true);
                doc.Bullets(b.ActionList);
            }
        }

        if (data.Analysis is { } a && data.Result is { } r)
        {
            doc.Heading("Samfunnsøkonomisk analyse");
            doc.Paragraph($"Diskonteringsrente {Norwegian.Percent(DiscountRate.ToPercent(r.RateBasisPoints))} (reell), neddiskontert til {r.BaseYear}. Kilde: {DiscountRate.Source}.");
            if (!string.IsNullOrWhiteSpace(a.Note)) doc.Paragraph(a.Note);
            doc.Table(["Alternativ", "Netto nåverdi", "Inntjeningsår", "Ikke-prissatte virkninger"],
                [.. r.Alternatives.Select(x => (IReadOnlyList<DocxCell>)[x.Largest ? $"{x.Name} (størst netto nåverdi)" : x.Name,
                    Norwegian.Kroner(x.Result.NetPresentValueOre), x.Result.BreakEvenYear?.ToString(Norwegian.Culture) ?? "Lønner seg ikke i perioden",
                    string.Join("; ", x.NonValuedEffects)])],
                [5.0, 4.0, 3.0, 5.0], "Alternativene sammenlignet");
            doc.Table(["Tilfelle", .. r.Alternatives.Select(x => x.Name)],
                [.. r.Sensitivity.Select(s => (IReadOnlyList<DocxCell>)[s.Case, .. s.NpvOre.Select(n => new DocxCell(Norwegian.Kroner(n)))])],
                null, "Følsomhet for netto nåverdi");
        }
        return doc;
    }
}
