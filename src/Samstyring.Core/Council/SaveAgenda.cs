using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

public sealed record AgendaInput(int? CaseId, string? Kind, string? StartsAt, string? Title, string? Presenter);

/// <summary>Replaces the agenda: every case of the meeting exactly once, breaks with a title, times in order.</summary>
[UseCase]
public sealed class SaveAgenda(SamstyringDb db)
{
    public async Task<Meeting> HandleAsync(int id, IReadOnlyList<AgendaInput> items, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        var meeting = await MeetingRules.LoadForChangeAsync(db, id, user, ct);
        db.ExpectVersion(meeting, expectedVersion);
        MeetingRules.RequireOpen(meeting);
        var caseIds = await db.Cases.Where(c => c.MeetingId == id).Select(c => c.Id).ToListAsync(ct);
        var v = new Validator();
        var result = new List<AgendaItem>();
        TimeOnly? previous = null;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var field = $"agenda[{i}]";
            v.Enum<AgendaItemKind>($"{field}.kind", item.Kind, "Type punkt", true, out var kind);
            v.Time($"{field}.startsAt", item.StartsAt, $"Tidspunkt for punkt {i + 1}", false, out var time);
            v.MaxLength($"{field}.presenter", item.Presenter, $"Innleder for punkt {i + 1}", 200);
            if (kind == AgendaItemKind.Case && (item.CaseId is not { } cid || !caseIds.Contains(cid)))
                v.Add($"{field}.caseId", $"Punkt {i + 1} viser til en sak som ikke hører til møtet.");
            if (kind == AgendaItemKind.Break) v.Required($"{field}.title", item.Title, $"Navn på pausen i punkt {i + 1}", 200);
            if (time is { } t)
            {
                if (previous is { } p && t < p) v.Add($"{field}.startsAt", $"Punkt {i + 1} starter kl. {t:HH\\.mm}, før punktet over (kl. {p:HH\\.mm}). Tidene må komme i rekkefølge.");
                if (t < meeting.StartTime || t > meeting.EndTime)
                    v.Add($"{field}.startsAt", $"Punkt {i + 1} starter kl. {t:HH\\.mm}, utenfor møtetiden {meeting.TimeText}.");
                previous = t;
            }
            result.Add(new AgendaItem
            {
                MeetingId = id, Position = i + 1, Kind = kind ?? AgendaItemKind.Case, StartsAt = time,
                CaseId = kind == AgendaItemKind.Case ? item.CaseId : null,
                Title = kind == AgendaItemKind.Break ? item.Title?.Trim() : null,
                Presenter = string.IsNullOrWhiteSpace(item.Presenter) ? null : item.Presenter.Trim(),
            });
        }
        var listed = items.Where(x => x.CaseId is not null && EnumText.TryParse<AgendaItemKind>(x.Kind, out var k) && k == AgendaItemKind.Case)
            .Select(x => x.CaseId!.Value).ToList();
        foreach (var dup in listed.GroupBy(x => x).Where(g => g.Count() > 1))
            v.Add("agenda", "En sak står flere ganger på dagsordenen.");
        if (caseIds.Except(listed).Any())
            v.Add("agenda", "Alle sakene i møtet må stå på dagsordenen.");
        v.ThrowIfInvalid();

        db.AgendaItems.RemoveRange(meeting.Agenda);
        meeting.Agenda.Clear();
        meeting.Agenda.AddRange(result);
        meeting.UpdatedAt = db.UtcNow;
        await db.SaveChangesAsync(ct);
        return meeting;
    }
}
