using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Roadmap;

public sealed record PlanInput(string? ActorGroup, string? Kind, string? Written, string? Note);

/// <summary>What adding and changing a plan share: the checks of its fields, and one spelling per actor group.</summary>
internal static class RoadmapPlanEditing
{
    public static async Task ApplyAsync(SamstyringDb db, RoadmapPlan plan, RoadmapService service, PlanInput input, CancellationToken ct)
    {
        var v = new Validator();
        v.Required("actorGroup", input.ActorGroup, "Aktørgruppe", RoadmapPlan.ActorGroupMax);
        v.Enum<PlanKind>("kind", input.Kind, "Type plan", true, out var kind);
        PlannedDate? date = null;
        if (!PlannedDate.TryParse(input.Written, out date, out var error)) v.Add("written", error);
        v.MaxLength("note", input.Note, "Merknad", RoadmapPlan.NoteMax);

        string? group = null;
        if (!string.IsNullOrWhiteSpace(input.ActorGroup) && input.ActorGroup.Trim().Length <= RoadmapPlan.ActorGroupMax)
        {
            group = string.Join(' ', input.ActorGroup.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            // The spelling already in use, so "legevakt" and "Legevakt" stay one actor group in filters and the diff.
            var known = await db.RoadmapPlans.Select(p => p.ActorGroup).Distinct().ToListAsync(ct);
            group = known.Where(k => string.Equals(k, group, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).FirstOrDefault() ?? group;
            if (kind is { } k)
            {
                var clash = await db.RoadmapPlans.Where(p => p.ServiceId == service.Id && p.Id != plan.Id && p.Kind == k)
                    .Select(p => p.ActorGroup).ToListAsync(ct);
                if (clash.Any(c => string.Equals(c, group, StringComparison.OrdinalIgnoreCase)))
                    v.Add("actorGroup", $"Tjenesten har allerede en plan for {k.Label().ToLowerInvariant()} hos {group}. Endre den planen i stedet.");
            }
        }
        v.ThrowIfInvalid();

        plan.ActorGroup = group!;
        plan.Kind = kind!.Value;
        plan.Date = date!;
        plan.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
    }
}
