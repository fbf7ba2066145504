using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Samstyring.Core.Evaluation;

namespace Samstyring.Web.Evaluation;

/// <summary>
/// The ranking as horizontal bars drawn on the server: one bar per candidate, its total on the 0–4 scale, the share of
/// random draws in the top N beside it when computed. Every number is in the description and in the tables too.
/// </summary>
public static class RankingChart
{
    public static string Svg(IReadOnlyList<RankingRow> ranking, SensitivityView? sensitivity)
    {
        const int width = 720, row = 28, top = 24, labelWidth = 260, barMax = 340;
        var height = top + ranking.Count * row + 28;
        var enc = HtmlEncoder.Default;
        var shares = sensitivity?.DrawResults.ToDictionary(d => d.CandidateId, d => d.TopNShare) ?? [];
        var description = string.Join("; ", ranking.Select(r => $"{r.Rank}. {r.Title}: {EvaluationDocuments.Total(r.Total)}"
            + (shares.TryGetValue(r.CandidateId, out var s) && sensitivity is not null ? $", i topp {sensitivity.TopN} i {EvaluationDocuments.Share(s)} av trekningene" : "")));
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"rangering-tittel rangering-beskrivelse\" class=\"ranking-chart\">");
        sb.Append("<title id=\"rangering-tittel\">Rangering: vektet sum per forslag (0–4)</title>");
        sb.Append(CultureInfo.InvariantCulture, $"<desc id=\"rangering-beskrivelse\">{enc.Encode(description)}. Tallene står også i tabellen.</desc>");
        for (var t = 0; t <= 4; t++)
        {
            var x = labelWidth + barMax * t / 4.0;
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.#}\" y1=\"{top - 6}\" x2=\"{x:0.#}\" y2=\"{height - 24}\" stroke=\"#d1d5db\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{height - 8}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#1f2937\">{t}</text>");
        }
        for (var i = 0; i < ranking.Count; i++)
        {
            var r = ranking[i];
            var y = top + i * row;
            var w = barMax * Math.Clamp(r.Total, 0, 4) / 4;
            var label = r.Title.Length > 38 ? r.Title[..37] + "…" : r.Title;
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 8}\" y=\"{y + 15}\" text-anchor=\"end\" font-size=\"12\" fill=\"#1f2937\">{r.Rank}. {enc.Encode(label)}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{w:0.#}\" height=\"{row - 8}\" fill=\"#1E5AA8\" stroke=\"#1f2937\"/>");
            var extra = shares.TryGetValue(r.CandidateId, out var share) && sensitivity is not null ? $" · topp {sensitivity.TopN}: {EvaluationDocuments.Share(share)}" : "";
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + w + 6:0.#}\" y=\"{y + 15}\" font-size=\"11\" fill=\"#1f2937\">{enc.Encode(EvaluationDocuments.Total(r.Total) + extra)}</text>");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }
}
