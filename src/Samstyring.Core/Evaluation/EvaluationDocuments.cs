using System.Globalization;
using Samstyring.Core.Common;
using Samstyring.Core.Documents;

namespace Samstyring.Core.Evaluation;

/// <summary>
/// An evaluation round as a section for the board's case (DOCX and PDF): the principles and weights, the ranking with
/// each total drawn as a bar of characters, the panel's spread, and the sensitivity; and every score as CSV.
/// </summary>
public static class EvaluationDocuments
{
    public static string Title(EvaluationDetails d) => $"Vurdering mot evalueringsprinsipper: {d.Summary.Title}";

    /// <summary>A total on the 0–4 scale as Norwegian text with two decimals: "2,50".</summary>
    public static string Total(double total) => total.ToString("0.00", Norwegian.Culture);

    /// <summary>A share 0–1 as a whole percent: "75 %".</summary>
    public static string Share(double share) => Math.Round(share * 100, MidpointRounding.AwayFromZero).ToString("0", Norwegian.Culture) + "\u00A0%";

    /// <summary>A weight factor as the change it makes: "−50 %" or "+50 %".</summary>
    public static string Shift(double factor) => factor < 1 ? "\u221250\u00A0%" : "+50\u00A0%";

    /// <summary>A rank change: "opp 2", "ned 1" or "–".</summary>
    public static string Change(int change) => change > 0 ? $"opp {change}" : change < 0 ? $"ned {-change}" : "–";

    public static FlowDocument Section(EvaluationDetails d)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (d.CandidatesHidden) throw new NotFoundException($"Vurderingen «{d.Summary.Title}» er ikke publisert.");
        var title = Title(d);
        var doc = new FlowDocument(title, footerText: title);
        doc.Title(title).Subtitle($"{d.PrincipleSet.Title} (versjon {d.PrincipleSet.Version}) – {d.Summary.Status.Label()}");
        if (d.Summary.IsDemo) doc.Notice("Demodata – forslagene, poengene og begrunnelsene er oppdiktet og må ikke leses som reelle vurderinger.");
        if (!string.IsNullOrWhiteSpace(d.Description)) doc.Paragraph(d.Description);
        doc.Paragraph("Hvert forslag har fått 0–4 poeng per prinsipp av hvert panelmedlem, med en kort begrunnelse. Summen er gjennomsnittet av " +
                      "panelets poeng per prinsipp ganget med prinsippets vekt, der vektene er skalert til å summere til 1; summen ligger derfor også på 0–4. " +
                      "Like summer gir delt plass.");

        doc.Heading("Prinsipper og vekter");
        doc.Paragraph(d.Weights.Text, bold: !d.Weights.Decided);
        doc.Table(["Nr.", "Prinsippet (det enkelte målområdet skal …)", "Vekt", "Andel"],
            d.PrincipleSet.Principles.Select(p =>
            {
                var w = d.Weights.Weights.Single(x => x.Principle == p.Number);
                return (IReadOnlyList<DocxCell>)[p.Number.ToString(CultureInfo.InvariantCulture), p.Text, w.Weight.ToString(CultureInfo.InvariantCulture), Share(w.Normalised)];
            }), [1.2, 11.3, 1.8, 2.7]);

        doc.Heading("Rangering");
        if (d.Ranking.Count == 0) doc.Paragraph("Ingen forslag har fått poeng ennå.");
        else
        {
            doc.Table(["Plass", "Forslag", "Sum (0–4)", "Panelets summer", "Søyle"],
                d.Ranking.Select(r => (IReadOnlyList<DocxCell>)
                [
                    r.Rank.ToString(CultureInfo.InvariantCulture), r.Title, new DocxCell(Total(r.Total), Bold: true),
                    r.ScorerCount == 1 ? Total(r.Total) : $"{Total(r.LowestScorerTotal ?? 0)}–{Total(r.HighestScorerTotal ?? 0)} ({r.ScorerCount})",
                    Bar(r.Total),
                ]), [1.4, 6.4, 2.2, 3.2, 3.8], caption: "Søylen viser summen; hele bredden er 4 poeng.");
        }

        var scored = d.Candidates.Where(c => !c.IsMerged && c.Sheets.Count > 0).ToList();
        if (scored.Count > 0)
        {
            doc.Heading("Panelets spredning", 2);
            doc.Paragraph("Per forslag: laveste og høyeste poeng og standardavviket (populasjon) for hvert prinsipp der panelet er uenig.");
            doc.Table(["Forslag", "Prinsipp", "Snitt", "Lavest–høyest", "Standardavvik"],
                scored.SelectMany(c => c.Spread.Where(s => s.Max != s.Min).Select(s => (IReadOnlyList<DocxCell>)
                [
                    c.Title, s.Principle.ToString(CultureInfo.InvariantCulture), Total(s.Mean), $"{s.Min}–{s.Max}", Total(s.StandardDeviation),
                ])), [6.0, 1.8, 2.2, 3.0, 4.0]);
        }

        if (d.Sensitivity is { } sens)
        {
            doc.Heading("Følsomhet");
            doc.Heading("Én vekt om gangen ±50 %", 2);
            var changed = sens.Shifts.Where(s => s.RankingChanged).ToList();
            if (changed.Count == 0) doc.Paragraph("Rangeringen er den samme når hver vekt for seg halveres eller økes med 50 %.");
            else
            {
                doc.Paragraph($"Rangeringen endrer seg i {changed.Count} av {sens.Shifts.Count} tilfeller. Tabellen viser tilfellene der minst ett forslag flytter seg.");
                var titles = d.Ranking.ToDictionary(r => r.CandidateId, r => r.Title);
                doc.Table(["Prinsipp", "Vekt", "Endringer"],
                    changed.Select(s => (IReadOnlyList<DocxCell>)
                    [
                        s.Principle.ToString(CultureInfo.InvariantCulture), Shift(s.Factor),
                        string.Join("; ", s.Ranks.Where(r => r.Change != 0).Select(r => $"{titles[r.CandidateId]}: plass {r.Rank} ({Change(r.Change)})")),
                    ]), [2.0, 2.0, 13.0]);
            }
            doc.Heading($"Tilfeldige vekter: andel i topp {sens.TopN}", 2);
            doc.Paragraph($"{sens.Draws.ToString("N0", Norwegian.Culture)} trekninger, frø {sens.Seed.ToString(CultureInfo.InvariantCulture)}. {sens.Method}");
            doc.Table(["Forslag", $"I topp {sens.TopN}", "Laveste sum", "Høyeste sum"],
                sens.DrawResults.Select(x => (IReadOnlyList<DocxCell>)[x.Title, new DocxCell(Share(x.TopNShare), Bold: true), Total(x.MinTotal), Total(x.MaxTotal)]),
                [8.0, 3.0, 3.0, 3.0]);
        }
        return doc;
    }

    /// <summary>A bar of block characters, 20 for the full 4 points, that Word and the PDF fonts both draw.</summary>
    public static string Bar(double total)
    {
        var n = (int)Math.Round(Math.Clamp(total, 0, 4) / 4 * 20, MidpointRounding.AwayFromZero);
        return new string('\u2588', n);
    }

    public static byte[] Docx(EvaluationDetails d) => Section(d).ToDocx();

    public static byte[] Pdf(EvaluationDetails d) => Section(d).ToPdf();

    /// <summary>The round as <c>GET /api/v1/evaluations/{id}</c> gives it (written by <c>samstyring report evaluation --format json</c>).</summary>
    public static byte[] Json(EvaluationDetails d) => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(d,
        new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new EnumCodeJsonConverter() } });

    public static readonly string[] CsvHeaders = ["candidate_id", "candidate", "scorer", "principle", "principle_text", "score", "reason", "scored_at"];

    public static byte[] ScoresCsv(IEnumerable<ScoreRow> rows) => CsvExport.ToBytes(CsvHeaders,
        rows.Select(r => (IReadOnlyList<object?>)[r.CandidateId, r.Candidate, r.Scorer, r.Principle, r.PrincipleText, r.Value, r.Reason, r.ScoredAt]));
}
