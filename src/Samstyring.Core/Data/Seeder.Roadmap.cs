using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Roadmap;
using Samstyring.Core.Solutions;

namespace Samstyring.Core.Data;

/// <summary>
/// Demo roadmap from Seed/roadmap.json: versions 1.0 and 21.1 with the four services of case 38/21 and milestones M1–M3
/// from the roadmap report (seed 002), which every version carries.
/// </summary>
public sealed partial class Seeder
{
    private async Task SeedDemoRoadmapAsync(Dictionary<string, NationalSolution> solutions, CancellationToken ct)
    {
        var data = Read<RoadmapSeed>("roadmap.json");
        var initiatives = await db.Initiatives.ToDictionaryAsync(i => i.Name, ct);
        var now = db.UtcNow;
        var versions = new Dictionary<string, RoadmapVersion>();
        foreach (var v in data.Versions)
        {
            var version = new RoadmapVersion
            {
                Number = v.Number, Title = v.Title, Kind = EnumText.Parse<RoadmapVersionKind>(v.Kind), Status = EnumText.Parse<RoadmapStatus>(v.Status),
                BasedOn = v.BasedOn is null ? null : versions[v.BasedOn], Summary = v.Summary ?? "",
                RecommendedCase = await FindCaseAsync(v.RecommendedCase, ct), RecommendedOn = ParseDate(v.RecommendedOn),
                EndorsedCase = await FindCaseAsync(v.EndorsedCase, ct), EndorsedOn = ParseDate(v.EndorsedOn),
                PublishedOn = ParseDate(v.PublishedOn), IsDemo = true, DemoNote = v.DemoNote, CreatedAt = now, UpdatedAt = now,
            };
            versions[v.Number] = version;
            db.RoadmapVersions.Add(version);

            var services = new Dictionary<string, RoadmapService>();
            foreach (var (s, position) in v.Services.Select((s, i) => (s, i + 1)))
            {
                var service = new RoadmapService
                {
                    Key = s.Key, Area = s.Area, Goal = s.Goal, Description = s.Description ?? "", Position = position,
                    Solutions = s.Solutions.Select(k => new RoadmapServiceSolution { NationalSolution = solutions[k] }).ToList(),
                    Initiatives = s.Initiatives.Select(n => new RoadmapServiceInitiative { Initiative = initiatives[n] }).ToList(),
                    Plans = s.Plans.Select(p => new RoadmapPlan
                    {
                        ActorGroup = p.ActorGroup, Kind = EnumText.Parse<PlanKind>(p.Kind), Written = p.Written, Note = p.Note,
                        Date = PlannedDate.Parse(p.Written),
                    }).ToList(),
                };
                services[s.Key] = service;
                version.Services.Add(service);
            }
            foreach (var s in v.Services)
            foreach (var d in s.Dependencies)
            {
                services[s.Key].Dependencies.Add(new RoadmapDependency
                {
                    DependsOnService = d.Service is null ? null : services[d.Service],
                    Initiative = d.Initiative is null ? null : initiatives[d.Initiative],
                    NationalSolution = d.Solution is null ? null : solutions[d.Solution],
                    Description = d.Description ?? "",
                });
            }

            foreach (var (m, position) in data.Milestones.Select((m, i) => (m, i + 1)))
            {
                var target = m.Target is null ? null : PlannedDate.Parse(m.Target);
                version.Milestones.Add(new Milestone
                {
                    Code = m.Code, Title = m.Title, ReachCriterion = m.ReachCriterion ?? "", Position = position,
                    TargetWritten = target?.Written, TargetStart = target?.Start, TargetEnd = target?.End,
                    Prerequisites = m.Prerequisites.Select((p, i) => new Prerequisite
                    {
                        Text = p.Text, Status = EnumText.Parse<PrerequisiteStatus>(p.Status), Assessment = p.Assessment ?? "",
                        AssessedOn = ParseDate(p.AssessedOn), Position = i + 1,
                    }).ToList(),
                    Phases = m.Phases.Select((p, i) =>
                    {
                        var date = PlannedDate.Parse(p.Written);
                        return new MilestonePhasePlan { Phase = EnumText.Parse<MilestonePhase>(p.Phase), Written = date.Written, Start = date.Start, End = date.End, Position = i + 1 };
                    }).ToList(),
                });
            }
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>"nuit 39/21": the body's slug and the case number.</summary>
    private async Task<CouncilCase?> FindCaseAsync(string? reference, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reference)) return null;
        var parts = reference.Split(' ', 2);
        if (parts.Length != 2 || !CouncilCase.TryParseNumber(parts[1], out var number, out var year))
            throw new InvalidDataException($"roadmap.json: ugyldig saksreferanse «{reference}».");
        return await db.Cases.SingleOrDefaultAsync(c => c.Body.Slug == parts[0] && c.Year == year && c.Number == number, ct)
               ?? throw new InvalidDataException($"roadmap.json: fant ikke sak «{reference}».");
    }

    private sealed record RoadmapSeed(List<RoadmapVersionSeed> Versions, List<MilestoneSeed> Milestones);
    private sealed record RoadmapVersionSeed(
        string Number, string Title, string Kind, string Status, string? BasedOn, string? RecommendedCase, string? RecommendedOn,
        string? EndorsedCase, string? EndorsedOn, string? PublishedOn, string? Summary, string? DemoNote, List<ServiceSeed> Services);
    private sealed record ServiceSeed(
        string Key, string Area, string Goal, string? Description, List<string> Solutions, List<string> Initiatives, List<PlanSeed> Plans,
        List<RoadmapDependencySeed> Dependencies);
    private sealed record PlanSeed(string ActorGroup, string Kind, string Written, string? Note);
    private sealed record RoadmapDependencySeed(string? Service, string? Initiative, string? Solution, string? Description);
    private sealed record MilestoneSeed(string Code, string Title, string? ReachCriterion, string? Target, List<PrerequisiteSeed> Prerequisites, List<PhaseSeed> Phases);
    private sealed record PrerequisiteSeed(string Text, string Status, string? Assessment, string? AssessedOn);
    private sealed record PhaseSeed(string Phase, string Written);
}
