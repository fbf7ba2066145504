using System.Text.Json;
using Samstyring.Core.Common;
using Samstyring.Core.Documents;

namespace Samstyring.Core.Roadmap;

/// <summary>
/// The roadmap as open data: the JSON shape of <c>GET /api/v1/roadmap/versions/{version}</c> (also written by
/// <c>samstyring report roadmap --format json</c>) and the CSV with one row per plan.
/// </summary>
public static class RoadmapExport
{
    public static RoadmapVersionDto ToDto(RoadmapView v) => new(
        v.Number, v.Status.Code(), v.PublishedOn, v.Title, v.Kind.Code(), v.BasedOn, v.Summary,
        Step(v.Recommended), Step(v.Endorsed), v.IsDemo, v.DemoNote,
        v.Services.Select(s => new RoadmapServiceDto(
            s.Id, s.Key, s.Area, s.Goal, s.Description, s.Version,
            s.Solutions.Select(x => new RoadmapLinkDto(x.Key, x.Name)).ToList(),
            s.Initiatives.Select(x => new RoadmapLinkDto(x.Key, x.Name)).ToList(),
            InUse(s.FirstInUse), InUse(s.LastInUse), s.HasLateDependency,
            s.Dependencies.Select(d => new RoadmapDependencyDto(d.Id, d.Target.Code(), d.TargetKey, d.TargetName, d.Description, d.IsLate, d.LateReason)).ToList(),
            s.Plans.Select(p => new RoadmapPlanDto(p.Id, p.ActorGroup, p.Kind.Code(), p.Date.Written, p.Date.Start, p.Date.End,
                p.Date.Qualifier.Code(), p.Note, p.Version)).ToList())).ToList(),
        v.Milestones.Select(m => new MilestoneDto(
            m.Id, m.Version, m.Code, m.Title, m.ReachCriterion, m.Target?.Written,
            m.Prerequisites.Select(p => new PrerequisiteDto(p.Id, p.Text, p.Status.Code(), p.Status.Label(), p.Assessment, p.AssessedOn)).ToList(),
            m.Phases.Select(p => new PhaseDto(p.Id, p.Phase.Code(), p.Phase.Label(), p.Date.Written, p.Date.Start, p.Date.End)).ToList())).ToList());

    public static byte[] ToJson(RoadmapView v) =>
        JsonSerializer.SerializeToUtf8Bytes(ToDto(v), new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });

    public static IReadOnlyList<RoadmapChangeDto> ToDto(RoadmapDiff diff) =>
        diff.Changes.Select(c => new RoadmapChangeDto(
            c.Service, c.ServiceKey, c.Area, c.ActorGroup, c.Kind?.Code(), c.Change.Code(), c.From, c.To, c.DelayMonths, c.DelayText, c.NewActorGroup, c.WholeService)).ToList();

    public static byte[] ToJson(RoadmapDiff diff) =>
        JsonSerializer.SerializeToUtf8Bytes(ToDto(diff), new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });

    public static readonly string[] CsvHeaders = ["version", "area", "serviceKey", "service", "actorGroup", "kind", "written", "start", "end", "note"];

    public static byte[] ToCsv(RoadmapView v) =>
        CsvExport.ToBytes(CsvHeaders, v.Services.SelectMany(s => s.Plans.Select(p => (IReadOnlyList<object?>)
            [v.Number, s.Area, s.Key, s.Goal, p.ActorGroup, p.Kind.Code(), p.Date.Written, p.Date.Start, p.Date.End, p.Note])));

    private static RoadmapStepDto? Step(CaseStepView? s) => s is null ? null : new(s.CaseId, s.Reference, s.Title, s.On, s.Decision);

    private static RoadmapInUseDto? InUse(PlanView? p) => p is null ? null : new(p.ActorGroup, p.Kind.Code(), p.Date.Written);
}

/// <summary>
/// One change between two versions, per plan. <c>wholeService</c> marks the plans of a service added or removed as a whole;
/// a service without plans is one row with <c>actorGroup</c> and <c>kind</c> null. <c>newActorGroup</c> is true on every added
/// plan of an actor group the old version had no plan for.
/// </summary>
public sealed record RoadmapChangeDto(
    string Service, string ServiceKey, string Area, string? ActorGroup, string? Kind, string Change, string? From, string? To,
    int? DelayMonths, string? DelayText, bool NewActorGroup, bool WholeService);

public sealed record RoadmapVersionDto(
    string Version, string Status, DateOnly? PublishedOn, string Title, string Kind, string? BasedOn, string Summary,
    RoadmapStepDto? Recommended, RoadmapStepDto? Endorsed, bool IsDemo, string? DemoNote,
    IReadOnlyList<RoadmapServiceDto> Services, IReadOnlyList<MilestoneDto> Milestones);

public sealed record RoadmapStepDto(int CaseId, string Reference, string Title, DateOnly? On, string? Decision);

public sealed record RoadmapServiceDto(
    int Id, string Key, string Area, string Goal, string Description, int Version, IReadOnlyList<RoadmapLinkDto> Solutions,
    IReadOnlyList<RoadmapLinkDto> Initiatives, RoadmapInUseDto? FirstInUse, RoadmapInUseDto? LastInUse, bool HasLateDependency,
    IReadOnlyList<RoadmapDependencyDto> Dependencies, IReadOnlyList<RoadmapPlanDto> Plans);

public sealed record RoadmapLinkDto(string Key, string Name);

public sealed record RoadmapInUseDto(string ActorGroup, string Kind, string Written);

public sealed record RoadmapDependencyDto(int Id, string Target, string Key, string Name, string Description, bool IsLate, string? LateReason);

/// <summary>A plan: <c>start</c>/<c>end</c> are the interval of what was written, both null when postponed indefinitely.</summary>
public sealed record RoadmapPlanDto(int Id, string ActorGroup, string Kind, string Written, DateOnly? Start, DateOnly? End, string Qualifier, string? Note, int Version);

public sealed record MilestoneDto(int Id, int Version, string Code, string Title, string ReachCriterion, string? Target, IReadOnlyList<PrerequisiteDto> Prerequisites, IReadOnlyList<PhaseDto> Phases);

public sealed record PrerequisiteDto(int Id, string Text, string Status, string StatusLabel, string Assessment, DateOnly? AssessedOn);

public sealed record PhaseDto(int Id, string Phase, string Label, string Written, DateOnly? Start, DateOnly? End);
