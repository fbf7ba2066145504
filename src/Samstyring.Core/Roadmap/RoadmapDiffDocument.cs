using Samstyring.Core.Common;
using Samstyring.Core.Documents;

namespace Samstyring.Core.Roadmap;

/// <summary>
/// "What changed" between two roadmap versions as a section the office attaches to the NUIT case: a heading, a one-line
/// summary NUIT can quote, then per area and service a table of the plans that changed.
/// </summary>
public static class RoadmapDiffDocument
{
    private const string Issuer = "Direktoratet for e-helse";
    private const string None = "–";

    private static readonly IReadOnlyList<string> Headers = ["Aktørgruppe", "Type", "Endring", "Før", "Nå", "Forsinkelse"];
    private static readonly IReadOnlyList<double> Widths = [4.0, 2.0, 2.6, 2.4, 2.8, 3.2];

    public static string Heading(RoadmapDiff diff) => $"Endringer i veikartet fra versjon {diff.From} til {diff.To}";

    /// <summary>
    /// The counts in one sentence, e.g. "2 tjenester lagt til, 5 planer flyttet, 1 plan utsatt på ubestemt tid, nye
    /// aktørgrupper: Legevakt."; for no changes "Ingen endringer mellom versjon 1.0 og 21.1.". The page shows the same text.
    /// </summary>
    public static string Summary(RoadmapDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        if (diff.Changes.Count == 0) return $"Ingen endringer mellom versjon {diff.From} og {diff.To}.";

        var parts = new List<string>();
        void Part(int n, string one, string many, string what)
        {
            if (n > 0) parts.Add($"{n} {(n == 1 ? one : many)} {what}");
        }
        Part(diff.ServiceCount(ChangeKind.Added), "tjeneste", "tjenester", "lagt til");
        Part(diff.ServiceCount(ChangeKind.Removed), "tjeneste", "tjenester", "fjernet");
        Part(diff.PlanCount(ChangeKind.Added), "plan", "planer", "lagt til");
        Part(diff.PlanCount(ChangeKind.Removed), "plan", "planer", "fjernet");
        Part(diff.PlanCount(ChangeKind.Moved), "plan", "planer", "flyttet");
        Part(diff.PlanCount(ChangeKind.PostponedIndefinitely), "plan", "planer", "utsatt på ubestemt tid");
        if (diff.NewActorGroups.Count > 0)
            parts.Add((diff.NewActorGroups.Count == 1 ? "ny aktørgruppe: " : "nye aktørgrupper: ") + Norwegian.List(diff.NewActorGroups));

        var text = string.Join(", ", parts) + ".";
        return char.ToUpper(text[0], Norwegian.Culture) + text[1..];
    }

    public const string DemoText = "Versjonene bygger på oppdiktede planer, så endringene er også oppdiktet.";

    public static FlowDocument Build(RoadmapDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var heading = Heading(diff);
        var d = new FlowDocument(heading, "Veikart for nasjonale e-helseløsninger", $"Endringer i veikartet {diff.From}–{diff.To} – {Issuer}");
        d.Heading(heading).Paragraph(Summary(diff));
        if (diff.IsDemo) d.Notice("Demodata: " + DemoText);
        if (diff.Changes.Count == 0) return d;

        if (diff.Changes.Any(c => c.DelayMonths is not null)) d.Paragraph(HowToRead(diff), italic: true);
        foreach (var area in Runs(diff.Changes, c => c.Area))
        {
            d.Heading(area[0].Area, 2);
            foreach (var service in Runs(area, c => c.ServiceKey))
            {
                d.Heading(service[0].Service, 3);
                // A service added or removed as a whole says so first; its plans (if any) follow in the table.
                if (service[0].WholeService)
                    d.Paragraph(service[0].Change == ChangeKind.Added
                        ? $"Tjenesten er ny i versjon {diff.To}."
                        : $"Tjenesten er tatt ut av veikartet i versjon {diff.To}.");
                var plans = service.Where(c => c.ActorGroup is not null).ToList();
                if (plans.Count > 0) d.Table(Headers, plans.Select(Row), Widths);
            }
        }
        return d;
    }

    public static byte[] ToDocx(RoadmapDiff diff) => Build(diff).ToDocx();

    public static byte[] ToPdf(RoadmapDiff diff) => Build(diff).ToPdf();

    private static IReadOnlyList<DocxCell> Row(RoadmapChange c) =>
    [
        c.NewActorGroup ? $"{c.ActorGroup}\n(ny aktørgruppe)" : c.ActorGroup,
        c.Kind?.Label() ?? None,
        new DocxCell(c.Change.Label(), Bold: c.Change == ChangeKind.PostponedIndefinitely),
        c.From ?? None,
        c.To ?? None,
        c.DelayText ?? None,
    ];

    /// <summary>Readers otherwise guess whether "ca. 1 år" counts from the start or the end of a period, and what "minimum" means.</summary>
    private static string HowToRead(RoadmapDiff diff)
    {
        var text = $"Forsinkelsen er regnet i måneder fra starten av perioden i versjon {diff.From} til starten i versjon {diff.To}, "
            + "eller fra slutt til slutt når bare slutten er flyttet.";
        if (diff.Changes.Any(c => c.DelayMonths < 0))
            text += " Planer som er flyttet fram, er merket «tidligere».";
        if (diff.Changes.Any(c => c.DelayText?.StartsWith("minimum", StringComparison.Ordinal) == true))
            text += " «Minimum» betyr at den nye datoen er skrevet som «tidligst …».";
        return text;
    }

    /// <summary>Consecutive changes with the same key; the differ already orders by area and service.</summary>
    private static IEnumerable<List<RoadmapChange>> Runs(IEnumerable<RoadmapChange> changes, Func<RoadmapChange, string> key)
    {
        List<RoadmapChange>? run = null;
        foreach (var c in changes)
        {
            if (run is not null && key(run[0]) != key(c))
            {
                yield return run;
                run = null;
            }
            (run ??= []).Add(c);
        }
        if (run is not null) yield return run;
    }
}
