using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Council;

namespace Samstyring.Web.Council.Office;

/// <summary>
/// The agenda editor: the secretariat reorders by typing position numbers, sets times and presenters, names or removes
/// breaks and adds one. Works without script: the rows are saved in the order of the numbers entered.
/// </summary>
[Authorize(Policy = "office")]
public sealed class AgendaModel(SaveAgenda saveAgenda, CouncilQueries queries) : Bodies.CouncilOfficePage
{
    public sealed class Row
    {
        public string? Kind { get; set; }
        public int? CaseId { get; set; }
        public string? Position { get; set; }
        public string? StartsAt { get; set; }
        public string? Title { get; set; }
        public string? Presenter { get; set; }
        public bool Remove { get; set; }
    }

    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public List<Row> Rows { get; set; } = [];
    [BindProperty] public string? BreakTitle { get; set; }
    [BindProperty] public string? BreakStartsAt { get; set; }
    [BindProperty] public string? BreakPosition { get; set; }

    public MeetingView View { get; private set; } = null!;
    public MeetingSummary M => View.Meeting;
    public bool IsClosed => M.Status is MeetingStatus.MinutesApproved or MeetingStatus.Cancelled;

    public static readonly string CaseKind = AgendaItemKind.Case.Code(), BreakKind = AgendaItemKind.Break.Code();

    public CaseView? CaseOf(Row r) => r.CaseId is { } id ? View.Cases.FirstOrDefault(c => c.Id == id) : null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        View = await queries.GetMeetingAsync(Id, CurrentUser, ct);
        Fill();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var (items, origin) = Arrange();
        var ok = ModelState.IsValid && await TryAsync(() => saveAgenda.HandleAsync(Id, items, Version, CurrentUser, ct));
        if (ok)
        {
            Flash = "Dagsordenen er lagret.";
            return Redirect($"/sekretariat/moter/{Id}/dagsorden");
        }
        View = await queries.GetMeetingAsync(Id, CurrentUser, ct);
        if (ConflictMessage is not null)
        {
            ModelState.Clear();
            Fill();
            return Page();
        }
        // The use case numbers the rows in saved order; show each error on the row it belongs to as displayed.
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("agenda[", StringComparison.Ordinal)).ToList())
        {
            var close = key.IndexOf(']');
            if (close < 0 || !int.TryParse(key[7..close], CultureInfo.InvariantCulture, out var k) || k >= origin.Count) continue;
            var field = key[(close + 1)..].TrimStart('.');
            var target = origin[k] is { } row
                ? field is "startsAt" or "title" or "presenter" ? $"rows[{row}].{field}" : ""
                : field is "startsAt" or "title" ? (field == "title" ? "breakTitle" : "breakStartsAt") : "";
            MoveErrors(key, target);
        }
        MoveErrors("agenda", "");
        MoveErrors("status", "");
        return Page();
    }

    /// <summary>
    /// The rows to save, sorted by the numbers entered (ties keep the order shown), and for each the displayed row it came
    /// from (null for the new break).
    /// </summary>
    private (List<AgendaInput> Items, List<int?> Origin) Arrange()
    {
        var entries = new List<(double Key, int Order, int? Row, AgendaInput Item)>();
        for (var i = 0; i < Rows.Count; i++)
        {
            var r = Rows[i];
            if (r.Remove && r.Kind == BreakKind) continue;
            TryParseNumber($"rows[{i}].position", r.Position, $"Nummeret for punkt {i + 1}", out var pos);
            entries.Add((pos ?? i + 1, i, i, new AgendaInput(r.CaseId, r.Kind, r.StartsAt, r.Title, r.Presenter)));
        }
        if (!string.IsNullOrWhiteSpace(BreakTitle) || !string.IsNullOrWhiteSpace(BreakStartsAt) || !string.IsNullOrWhiteSpace(BreakPosition))
        {
            TryParseNumber("breakPosition", BreakPosition, "Nummeret for den nye pausen", out var pos);
            double key;
            if (pos is { } p) key = p - 0.5; // before the row that had the number: "3" puts the break third
            else if (TimeOnly.TryParse(BreakStartsAt, CultureInfo.InvariantCulture, out var t))
            {
                // Without a number the break goes before the first row that starts later.
                var later = entries.Where(e => TimeOnly.TryParse(e.Item.StartsAt, CultureInfo.InvariantCulture, out var et) && et > t).ToList();
                key = later.Count > 0 ? later.Min(e => e.Key) - 0.5 : double.MaxValue;
            }
            else key = double.MaxValue;
            entries.Add((key, int.MaxValue, null, new AgendaInput(null, BreakKind, BreakStartsAt, BreakTitle, null)));
        }
        var sorted = entries.OrderBy(e => e.Key).ThenBy(e => e.Order).ToList();
        return (sorted.Select(e => e.Item).ToList(), sorted.Select(e => e.Row).ToList());
    }

    private void Fill()
    {
        Version = View.Version;
        Rows = View.Agenda.Select((a, i) => new Row
        {
            Kind = a.Kind.Code(), CaseId = a.Case?.Id, Position = (i + 1).ToString(CultureInfo.InvariantCulture),
            StartsAt = OfficeHtml.Time(a.StartsAt), Title = a.Title, Presenter = a.Presenter,
        }).ToList();
        BreakTitle = BreakStartsAt = BreakPosition = null;
    }
}
