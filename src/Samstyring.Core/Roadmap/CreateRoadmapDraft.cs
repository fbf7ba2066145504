using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Roadmap;

public sealed record DraftInput(string? Number, string? BasedOn, string? Kind, string? Title, string? Summary);

[UseCase]
public sealed partial class CreateRoadmapDraft(SamstyringDb db)
{
    [GeneratedRegex(@"^\d{1,4}\.\d{1,3}$")]
    private static partial Regex NumberPattern();

    /// <summary>
    /// A new draft. Based on an earlier version it starts as a full copy of it: services with the same keys, plans, links,
    /// dependencies (pointing at the copied services), milestones with prerequisites and phases, all saved at once.
    /// </summary>
    public async Task<RoadmapVersion> HandleAsync(DraftInput input, CurrentUser? user, CancellationToken ct = default)
    {
        RoadmapAccess.RequireOffice(user);
        var v = new Validator();
        var number = input.Number?.Trim() ?? "";
        if (number.Length == 0) v.Add("number", "Versjonsnummeret må fylles ut.");
        else if (!NumberPattern().IsMatch(number))
            v.Add("number", $"«{Validator.Truncate(number)}» er ikke et gyldig versjonsnummer. Versjonsnummeret skrives som år og løpenummer, for eksempel 22.1.");
        else if (await db.RoadmapVersions.AnyAsync(x => x.Number == number, ct))
            v.Add("number", $"Versjon {number} finnes allerede.");
        else if (NumberPattern().IsMatch(number) && (await db.RoadmapVersions.Select(x => x.Number).ToListAsync(ct))
                     .FirstOrDefault(n => RoadmapVersion.SortKey(n) == RoadmapVersion.SortKey(number)) is { } same)
            v.Add("number", $"«{number}» er samme nummer som versjon {same}. Velg et annet nummer.");

        RoadmapVersion? source = null;
        if (!string.IsNullOrWhiteSpace(input.BasedOn))
        {
            var basedOn = input.BasedOn.Trim();
            source = await db.RoadmapVersions.AsNoTracking().SingleOrDefaultAsync(x => x.Number == basedOn, ct);
            if (source is null) v.Add("basedOn", $"Fant ikke veikartversjon {Validator.Truncate(basedOn)}.");
            else if (NumberPattern().IsMatch(number) && RoadmapVersion.SortKey(number).CompareTo(RoadmapVersion.SortKey(source.Number)) <= 0)
                v.Add("number", $"Den nye versjonen må ha et høyere nummer enn versjonen den bygger på ({source.Number}).");
        }
        v.Enum<RoadmapVersionKind>("kind", input.Kind, "Type versjon", false, out var kind);
        v.Name("title", input.Title, "Tittel", RoadmapVersion.TitleMax, required: false);
        v.MaxLength("summary", input.Summary, "Sammendrag", RoadmapVersion.TextMax);
        v.ThrowIfInvalid();

        var now = db.UtcNow;
        var version = new RoadmapVersion
        {
            Number = number, Kind = kind ?? RoadmapVersionKind.Yearly, Status = RoadmapStatus.Draft, BasedOnId = source?.Id,
            Summary = input.Summary?.Trim() ?? "", CreatedAt = now, UpdatedAt = now,
            // A draft copied from demo data carries invented plans: it stays marked.
            IsDemo = source?.IsDemo ?? false,
            DemoNote = source is { IsDemo: true } ? $"Bygger på demodataene i versjon {source.Number}: tidspunktene i planene er oppdiktet." : null,
        };
        if (!string.IsNullOrWhiteSpace(input.Title)) version.Title = input.Title.Trim();
        else if (source is not null) version.Title = source.Title;
        if (source is not null) await CopyContentAsync(source.Id, version, ct);
        db.RoadmapVersions.Add(version);
        await db.SaveChangesAsync(ct);
        return version;
    }

    private async Task CopyContentAsync(int sourceId, RoadmapVersion target, CancellationToken ct)
    {
        var services = await db.RoadmapServices.AsNoTracking().AsSplitQuery().Where(s => s.RoadmapVersionId == sourceId)
            .Include(s => s.Plans).Include(s => s.Solutions).Include(s => s.Initiatives).Include(s => s.Dependencies)
            .OrderBy(s => s.Position).ThenBy(s => s.Id)
            .ToListAsync(ct);
        var copies = new Dictionary<int, RoadmapService>();
        foreach (var s in services)
        {
            var copy = new RoadmapService
            {
                Key = s.Key, Area = s.Area, Goal = s.Goal, Description = s.Description, Position = s.Position,
                Plans = s.Plans.Select(p => new RoadmapPlan
                {
                    ActorGroup = p.ActorGroup, Kind = p.Kind, Written = p.Written, Start = p.Start, End = p.End, Precision = p.Precision,
                    Qualifier = p.Qualifier, Note = p.Note,
                }).ToList(),
                Solutions = s.Solutions.Select(x => new RoadmapServiceSolution { NationalSolutionId = x.NationalSolutionId }).ToList(),
                Initiatives = s.Initiatives.Select(x => new RoadmapServiceInitiative { InitiativeId = x.InitiativeId }).ToList(),
            };
            copies[s.Id] = copy;
            target.Services.Add(copy);
        }
        foreach (var s in services)
        foreach (var d in s.Dependencies)
        {
            copies[s.Id].Dependencies.Add(new RoadmapDependency
            {
                DependsOnService = d.DependsOnServiceId is { } sid ? copies[sid] : null,
                InitiativeId = d.InitiativeId,
                NationalSolutionId = d.NationalSolutionId,
                Description = d.Description,
            });
        }

        var milestones = await db.Milestones.AsNoTracking().AsSplitQuery().Where(m => m.RoadmapVersionId == sourceId)
            .Include(m => m.Prerequisites).Include(m => m.Phases)
            .OrderBy(m => m.Position).ThenBy(m => m.Id)
            .ToListAsync(ct);
        foreach (var m in milestones)
        {
            target.Milestones.Add(new Milestone
            {
                Code = m.Code, Title = m.Title, ReachCriterion = m.ReachCriterion, TargetWritten = m.TargetWritten, TargetStart = m.TargetStart,
                TargetEnd = m.TargetEnd, Position = m.Position,
                Prerequisites = m.Prerequisites.OrderBy(p => p.Position).ThenBy(p => p.Id).Select(p => new Prerequisite
                {
                    Text = p.Text, Status = p.Status, Assessment = p.Assessment, AssessedOn = p.AssessedOn, Position = p.Position,
                }).ToList(),
                Phases = m.Phases.OrderBy(p => p.Position).ThenBy(p => p.Id).Select(p => new MilestonePhasePlan
                {
                    Phase = p.Phase, Written = p.Written, Start = p.Start, End = p.End, Position = p.Position,
                }).ToList(),
            });
        }
    }
}
