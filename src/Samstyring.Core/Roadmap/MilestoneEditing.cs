using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Roadmap;

/// <summary>A milestone: its code ("M4"), name, when it counts as reached, and its target as written ("2021/2022"; empty for none).</summary>
public sealed record MilestoneInput(string? Code, string? Title, string? ReachCriterion, string? Target);

/// <summary>A prerequisite (forutsetning) with its assessment. On update a null <see cref="Text"/> keeps the text: an assessment only.</summary>
public sealed record PrerequisiteInput(string? Text, string? Status, string? Assessment, string? AssessedOn);

/// <summary>One phase of a milestone's plan with its period as written ("2020–medio 2021"). Phases may overlap.</summary>
public sealed record PhaseInput(string? Phase, string? Written);

/// <summary>
/// The office maintains the milestones of a version that can still be changed: the milestone itself, its prerequisites
/// with their assessment, and its phase plan. A milestone and everything in it share one version: every change to a
/// prerequisite or phase is a new version of the milestone, so two people editing the same milestone get a conflict
/// (412) rather than a lost edit. Adding needs no version; changing or removing needs the milestone's.
/// </summary>
internal static partial class MilestoneEditing
{
    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N}.\-]*$")]
    private static partial Regex CodePattern();

    public static async Task ApplyAsync(SamstyringDb db, Milestone milestone, RoadmapVersion version, MilestoneInput input, CancellationToken ct)
    {
        var v = new Validator();
        var code = input.Code?.Trim() ?? "";
        if (code.Length == 0) v.Add("code", "Koden må fylles ut, for eksempel «M4».");
        else if (code.Length > Milestone.CodeMax) v.Add("code", $"Koden kan ikke være lengre enn {Milestone.CodeMax} tegn (er {code.Length}).");
        else if (!CodePattern().IsMatch(code))
            v.Add("code", $"«{Validator.Truncate(code)}» er ikke en gyldig kode. Skriv den med bokstaver og sifre uten mellomrom, for eksempel «M4».");
        else if ((await db.Milestones.Where(m => m.RoadmapVersionId == version.Id && m.Id != milestone.Id).Select(m => m.Code).ToListAsync(ct))
                 .FirstOrDefault(c => string.Equals(c, code, StringComparison.OrdinalIgnoreCase)) is { } taken)
            v.Add("code", $"Versjon {version.Number} har allerede milepæl {taken}.");
        v.Name("title", input.Title, "Navn", Milestone.TitleMax);
        v.MaxLength("reachCriterion", input.ReachCriterion, "Nådd når", Milestone.TextMax);
        PlannedDate? target = null;
        if (!string.IsNullOrWhiteSpace(input.Target) && !PlannedDate.TryParse(input.Target, out target, out var error)) v.Add("target", error);
        v.ThrowIfInvalid();

        milestone.Code = code;
        milestone.Title = input.Title!.Trim();
        milestone.ReachCriterion = input.ReachCriterion?.Trim() ?? "";
        milestone.TargetWritten = target?.Written;
        milestone.TargetStart = target?.Start;
        milestone.TargetEnd = target?.End;
    }

    public static void Apply(SamstyringDb db, Prerequisite prerequisite, PrerequisiteInput input)
    {
        var v = new Validator();
        if (input.Text is not null) v.Required("text", input.Text, "Forutsetning", Prerequisite.TextMax);
        v.Enum<PrerequisiteStatus>("status", input.Status, "Status", true, out var status);
        v.MaxLength("assessment", input.Assessment, "Vurdering", Milestone.TextMax);
        v.Date("assessedOn", input.AssessedOn, "Vurdert dato", false, out var on);
        v.ThrowIfInvalid();
        if (input.Text is not null) prerequisite.Text = input.Text.Trim();
        prerequisite.Status = status!.Value;
        prerequisite.Assessment = input.Assessment?.Trim() ?? "";
        prerequisite.AssessedOn = on ?? (status == PrerequisiteStatus.NotAssessed ? null : db.Today);
    }

    public static void Apply(MilestonePhasePlan phase, PhaseInput input)
    {
        var v = new Validator();
        v.Enum<MilestonePhase>("phase", input.Phase, "Fase", true, out var kind);
        if (!PlannedDate.TryParse(input.Written, out var date, out var error)) v.Add("written", error);
        v.ThrowIfInvalid();
        phase.Phase = kind!.Value;
        phase.Written = date!.Written;
        phase.Start = date.Start;
        phase.End = date.End;
    }

    /// <summary>Adds a prerequisite or phase last in its milestone; <paramref name="apply"/> validates and fills it.</summary>
    public static async Task<T> AddPartAsync<T>(SamstyringDb db, int milestoneId, T part, Action<T> apply, CurrentUser? user, CancellationToken ct)
        where T : class, IMilestonePart
    {
        RoadmapAccess.RequireOffice(user);
        var (milestone, version) = await LoadMilestoneAsync(db, milestoneId, ct);
        part.MilestoneId = milestone.Id;
        apply(part);
        part.Position = await RoadmapEditing.NextPositionAsync(db.Set<T>().Where(p => p.MilestoneId == milestone.Id).Select(p => p.Position), ct);
        db.Set<T>().Add(part);
        await SaveMilestoneAsync(db, milestone, version, ct);
        return part;
    }

    /// <summary>Changes (or with <paramref name="change"/> removes) a prerequisite or phase, given the milestone's version.</summary>
    public static async Task<(T Part, Milestone Milestone)> ChangePartAsync<T>(SamstyringDb db, int id, int? expectedVersion, Action<T> change,
        CurrentUser? user, CancellationToken ct)
        where T : class, IMilestonePart
    {
        RoadmapAccess.RequireOffice(user);
        var part = await db.Set<T>().SingleOrDefaultAsync(p => p.Id == id, ct)
                   ?? throw new NotFoundException(typeof(T) == typeof(Prerequisite) ? $"Fant ikke forutsetning {id}." : $"Fant ikke fase {id}.");
        var (milestone, version) = await LoadMilestoneAsync(db, part.MilestoneId, ct);
        db.ExpectVersion(milestone, expectedVersion);
        change(part);
        await SaveMilestoneAsync(db, milestone, version, ct);
        return (part, milestone);
    }

    /// <summary>The milestone with its roadmap version, refused when that version is frozen. The caller checks the milestone's own version.</summary>
    public static async Task<(Milestone Milestone, RoadmapVersion Version)> LoadMilestoneAsync(SamstyringDb db, int milestoneId, CancellationToken ct)
    {
        var milestone = await db.Milestones.SingleOrDefaultAsync(m => m.Id == milestoneId, ct) ?? throw new NotFoundException($"Fant ikke milepæl {milestoneId}.");
        var version = await db.RoadmapVersions.SingleAsync(x => x.Id == milestone.RoadmapVersionId, ct);
        RoadmapEditing.RequireEditable(version);
        return (milestone, version);
    }

    /// <summary>Saves a change in the milestone or in it: the milestone's version moves with its prerequisites and phases.</summary>
    public static async Task SaveMilestoneAsync(SamstyringDb db, Milestone milestone, RoadmapVersion version, CancellationToken ct)
    {
        if (db.Entry(milestone).State == EntityState.Unchanged) db.Entry(milestone).State = EntityState.Modified;
        RoadmapEditing.Touch(db, version);
        await db.SaveChangesAsync(ct);
    }
}
