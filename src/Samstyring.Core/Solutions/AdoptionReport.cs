using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Samstyring.Core.Common;
using Samstyring.Core.Documents;

namespace Samstyring.Core.Solutions;

/// <summary>The adoption of one solution on one date as files: the map and chart (SVG), the summary as JSON and as a PDF report.</summary>
public static class AdoptionReport
{
    /// <summary>The map of the municipalities by stage on a date; needs only each municipality's stage (<see cref="SolutionQueries.AdoptionOnAsync"/>).</summary>
    public static string MapSvg(string solutionName, DateOnly on, IReadOnlyList<ActorStage> stages)
    {
        var byNumber = stages.Where(a => a.MunicipalityNumber is not null).ToDictionary(a => a.MunicipalityNumber!, a => a.Stage);
        var names = stages.Where(a => a.MunicipalityNumber is not null).ToDictionary(a => a.MunicipalityNumber!, a => a.Name);
        var counts = string.Join(", ", Enum.GetValues<AdoptionStage>().Reverse()
            .Select(stage => $"{stage.Label().ToLowerInvariant()}: {Norwegian.Number(stages.Count(a => a.Stage == stage))}"));
        return MunicipalityMap.Norway.RenderSvg(byNumber, names, $"Innføring av {solutionName} per {Norwegian.Date(on)}",
            $"Kart over de {Norwegian.Number(stages.Count)} kommunene farget etter innføringsstatus ({counts}).");
    }

    public static string ChartSvg(AdoptionSummary s)
    {
        var municipal = s.Targets.Where(t => t.Group == AdoptionGroup.Municipalities && t.Stage == AdoptionStage.InUse).ToList();
        var targets = municipal.Select(t => new ChartTarget(t.DueOn, TargetPercent(t, s), t.Label)).ToList();
        var next = municipal.Where(t => t.Forecast is not null).OrderBy(t => t.DueOn).FirstOrDefault();
        var forecast = next is null ? null : new ChartPoint(next.Forecast!.Value, TargetPercent(next, s));
        return AdoptionChart.RenderSvg(new AdoptionChartData(
            $"Andel kommuner som har tatt i bruk {s.Solution.Name}",
            $"Per {Norwegian.Date(s.On)}: {Norwegian.Number(s.InUse.Count)} av {Norwegian.Number(s.Municipalities)} kommuner ({s.InUse.Percent.ToString("0.#", Norwegian.Culture)} %).{(s.HasDemoData ? " Demodata." : "")}",
            s.Series.Select(p => new ChartPoint(p.Date, p.Percent)).ToList(), targets, forecast));
    }

    private static double TargetPercent(TargetProgress t, AdoptionSummary s) =>
        t.Measure == TargetMeasure.Percent ? t.Value : AdoptionFigures.Percent(t.Value, s.Municipalities);

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new EnumCodeJsonConverter() },
    };

    /// <summary>The summary as the API gives it (<c>/adoption/summary</c>).</summary>
    public static byte[] ToJson(AdoptionSummary s) => JsonSerializer.SerializeToUtf8Bytes(s, Json);

    public static byte[] ToPdf(AdoptionSummary s)
    {
        static string P(double v) => v.ToString("0.#", Norwegian.Culture) + " %";
        var doc = new FlowDocument($"Innføring av {s.Solution.Name}", $"Innføring av {s.Solution.Name} per {Norwegian.Date(s.On)}", "Samstyring");
        doc.Title($"Innføring av {s.Solution.Name}");
        doc.Subtitle($"Per {Norwegian.Date(s.On)}");
        if (s.HasDemoData) doc.Notice(DemoAdoption.Source + ".");
        doc.Paragraph($"{Norwegian.Number(s.InUse.Count)} av {Norwegian.Number(s.Municipalities)} kommuner ({P(s.InUse.Percent)}) har tatt i bruk {s.Solution.Name}, og de dekker {P(s.InUse.PopulationPercent)} av innbyggerne.");
        doc.Heading("Kommunene per status");
        doc.Table(["Status", "Kommuner", "Andel", "Andel av innbyggerne"],
            s.Stages.Select(c => (IReadOnlyList<DocxCell>)[c.Stage.Label(), Norwegian.Number(c.Count), P(c.Percent), P(c.PopulationPercent)]));
        if (s.Targets.Count > 0)
        {
            doc.Heading("Mål");
            doc.Table(["Mål", "Satt i", "Nå", "Status", "Prognose"], s.Targets.Select(t => (IReadOnlyList<DocxCell>)[
                $"{t.Group.Label()}: {t.Label}", t.Case ?? "–", $"{Norwegian.Number(t.Actual)} ({P(t.ActualPercent)})",
                t.Status.Label() + (t.ReachedOn is { } r ? " " + Norwegian.Date(r) : ""), t.Forecast is { } f ? Norwegian.Date(f) : "–"]));
        }
        doc.Heading("Per helseregion");
        doc.Table(["Helseregion", "Kommuner", "Tatt i bruk", "Andel", "Andel av innbyggerne"],
            s.Regions.Select(r => (IReadOnlyList<DocxCell>)[r.Name, Norwegian.Number(r.Municipalities), Norwegian.Number(r.InUse), P(r.InUsePercent), P(r.PopulationInUsePercent)]));
        doc.Heading("Per fylke");
        doc.Table(["Fylke", "Kommuner", "Tatt i bruk", "Andel", "Andel av innbyggerne"],
            s.Counties.Select(r => (IReadOnlyList<DocxCell>)[r.Name, Norwegian.Number(r.Municipalities), Norwegian.Number(r.InUse), P(r.InUsePercent), P(r.PopulationInUsePercent)]));
        if (s.Groups.Count > 0)
        {
            doc.Heading("Andre aktørgrupper");
            doc.Table(["Gruppe", "Status", "Antall", "Per"], s.Groups.Select(g => (IReadOnlyList<DocxCell>)[g.Group.Label(), g.Stage.Label(),
                Norwegian.Number(g.Count) + (g.Total is { } t ? $" av {Norwegian.Number(t)}" : ""), Norwegian.Date(g.On)]));
        }
        doc.Heading("Kommuner som ligger etter");
        if (s.Behind.Count == 0) doc.Paragraph("Ingen.");
        else doc.Table(["Kommune", "Fylke", "Status", "Siden"], s.Behind.Select(b => (IReadOnlyList<DocxCell>)[b.Name, b.County ?? "", b.Stage.Label(), Norwegian.Date(b.Since)]));
        return doc.ToPdf();
    }
}
