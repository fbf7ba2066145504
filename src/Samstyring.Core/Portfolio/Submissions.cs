using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Portfolio;

/// <summary>The KS coordinator endorses or returns a municipal submission before the office decides.</summary>
[UseCase]
public sealed class ReviewMunicipalSubmission(SamstyringDb db)
{
    public async Task<Initiative> HandleAsync(int id, bool endorse, string? comment, CurrentUser? user, CancellationToken ct = default)
    {
        if (user is not { Role: Role.KsCoordinator }) throw new ForbiddenException("Bare KS-koordinatoren kan anbefale eller returnere kommunale innmeldinger.");
        var i = await db.Initiatives.Include(x => x.Owner).SingleOrDefaultAsync(x => x.Id == id, ct)
                ?? throw new NotFoundException($"Fant ikke tiltak {id}.");
        var v = new Validator();
        if (i.Owner.Type != OrganizationType.Kommune) v.Add("id", "Bare tiltak som eies av en kommune behandles av KS-koordinatoren.");
        if (i.Submission != SubmissionState.Proposed) v.Add("id", $"Innmeldingen er «{i.Submission.Label()}» og kan ikke behandles av KS nå.");
        if (!endorse) v.Required("comment", comment, "Kommentar ved retur", Initiative.TextMax);
        else v.MaxLength("comment", comment, "Kommentar", Initiative.TextMax);
        v.ThrowIfInvalid();

        i.Submission = endorse ? SubmissionState.EndorsedByKs : SubmissionState.ReturnedByKs;
        i.SubmissionSteps.Add(new SubmissionStep
        {
            Action = endorse ? SubmissionAction.KsEndorsed : SubmissionAction.KsReturned,
            Comment = comment?.Trim(), ByUser = user.UserName, ByName = user.DisplayName, At = db.UtcNow,
        });
        i.UpdatedAt = db.UtcNow;
        await db.SaveChangesAsync(ct);
        return i;
    }
}

/// <summary>An owner sends a returned submission back in after changing it.</summary>
[UseCase]
public sealed class ResubmitInitiative(SamstyringDb db)
{
    public async Task<Initiative> HandleAsync(int id, string? comment, CurrentUser? user, CancellationToken ct = default)
    {
        var i = await PortfolioAccess.LoadForEditAsync(db, id, user, ct);
        if (i.Submission is not (SubmissionState.ReturnedByKs or SubmissionState.Rejected))
            throw ValidationFailedException.For("id", "Bare returnerte eller avslåtte innmeldinger kan sendes inn på nytt.");
        new Validator().MaxLength("comment", comment, "Kommentar", Initiative.TextMax).ThrowIfInvalid();
        i.Submission = SubmissionState.Proposed;
        if (i.Lifecycle == Lifecycle.Left) i.ChangeLifecycle(Lifecycle.Candidate, null, null);
        i.SubmissionSteps.Add(new SubmissionStep { Action = SubmissionAction.Resubmitted, Comment = comment?.Trim(), ByUser = user!.UserName, ByName = user.DisplayName, At = db.UtcNow });
        i.UpdatedAt = db.UtcNow;
        await db.SaveChangesAsync(ct);
        return i;
    }
}

public sealed record AssessmentInput(
    bool Criterion1Met, IReadOnlyList<string>? Criterion2Ways, IReadOnlyList<string>? AlsoWanted,
    bool MinorHelsenorgeOnly, bool Criterion2MetByDialogue, string? Dialogue);

/// <summary>The office assesses an initiative against the current criteria set (case 37/21). Each assessment is a new version.</summary>
[UseCase]
public sealed class AssessInclusion(SamstyringDb db)
{
    public async Task<InclusionAssessment> HandleAsync(int id, AssessmentInput input, CurrentUser? user, CancellationToken ct = default)
    {
        PortfolioAccess.RequireOffice(user);
        var i = await db.Initiatives.Include(x => x.Assessments).SingleOrDefaultAsync(x => x.Id == id, ct)
                ?? throw new NotFoundException($"Fant ikke tiltak {id}.");
        var set = await db.CriteriaSets.Include(s => s.Criteria).SingleOrDefaultAsync(s => s.IsCurrent, ct)
                  ?? throw new InvalidOperationException("Det finnes ikke et gjeldende kriteriesett.");
        var v = new Validator();
        var ways = Codes(input.Criterion2Ways, set, CriterionKind.Criterion2Way, "criterion2Ways", "måte kriterium 2 kan oppfylles på", v);
        var wanted = Codes(input.AlsoWanted, set, CriterionKind.AlsoWanted, "alsoWanted", "«i tillegg ønsket»-type", v);
        v.MaxLength("dialogue", input.Dialogue, "Dialog med porteføljekontoret", Initiative.TextMax);
        // The list of ways is not exhaustive: meeting criterion 2 otherwise must rest on a recorded dialogue.
        if (input.Criterion2MetByDialogue && string.IsNullOrWhiteSpace(input.Dialogue))
            v.Add("dialogue", "Når kriterium 2 er oppfylt etter dialog, må dialogen med porteføljekontoret beskrives.");
        v.ThrowIfInvalid();

        var assessment = new InclusionAssessment
        {
            InitiativeId = i.Id, Number = i.Assessments.Count == 0 ? 1 : i.Assessments.Max(a => a.Number) + 1,
            CriteriaSetId = set.Id, Criterion1Met = input.Criterion1Met, Criterion2Ways = string.Join(' ', ways),
            AlsoWanted = string.Join(' ', wanted), MinorHelsenorgeOnly = input.MinorHelsenorgeOnly,
            Criterion2MetByDialogue = input.Criterion2MetByDialogue, Dialogue = input.Dialogue?.Trim() ?? "",
            AssessedBy = user!.UserName, AssessedAt = db.UtcNow,
        };
        db.InclusionAssessments.Add(assessment);
        i.SubmissionSteps.Add(new SubmissionStep
        {
            Action = SubmissionAction.Assessed, ByUser = user.UserName, ByName = user.DisplayName, At = db.UtcNow,
            Comment = assessment.MayBeIncluded ? "Begge kriteriene er oppfylt: kan tas inn." : "Kriteriene er ikke oppfylt.",
        });
        await db.SaveChangesAsync(ct);
        assessment.CriteriaSet = set;
        return assessment;
    }

    private static List<string> Codes(IReadOnlyList<string>? codes, CriteriaSet set, CriterionKind kind, string field, string label, Validator v)
    {
        var valid = set.Criteria.Where(c => c.Kind == kind).Select(c => c.Code).ToHashSet();
        var result = new List<string>();
        foreach (var code in (codes ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct())
        {
            if (valid.Contains(code)) result.Add(code);
            else v.Add(field, $"«{(code.Length > 20 ? code[..20] : code)}» er ikke en gyldig {label}. Gyldige: {string.Join(", ", valid.Order())}.");
        }
        return result;
    }
}

/// <summary>The office decides: take the initiative into the portfolio in a segment, or not.</summary>
[UseCase]
public sealed class DecideInclusion(SamstyringDb db)
{
    public async Task<Initiative> HandleAsync(int id, bool include, string? segment, string? comment, CurrentUser? user, CancellationToken ct = default)
    {
        PortfolioAccess.RequireOffice(user);
        var i = await db.Initiatives.Include(x => x.Owner).Include(x => x.Assessments)
                    .SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException($"Fant ikke tiltak {id}.");
        var v = new Validator();
        v.MaxLength("comment", comment, "Kommentar", Initiative.TextMax);
        if (i.Submission is SubmissionState.Included or SubmissionState.Rejected)
            v.Add("id", $"Innmeldingen er allerede avgjort («{i.Submission.Label()}»).");
        if (i.Owner.Type == OrganizationType.Kommune && i.Submission != SubmissionState.EndorsedByKs && include)
            v.Add("id", "Kommunale innmeldinger må være anbefalt av KS-koordinatoren før porteføljekontoret tar dem inn.");
        Segment? seg = null;
        if (include)
        {
            v.Enum<Segment>("segment", segment, "Segment", true, out seg);
            var latest = i.Assessments.OrderByDescending(a => a.Number).FirstOrDefault();
            if (latest is null) v.Add("id", "Tiltaket må vurderes mot kriteriene før det kan tas inn.");
            else if (!latest.MayBeIncluded) v.Add("id", "Siste vurdering viser at begge kriteriene ikke er oppfylt.");
        }
        else v.Required("comment", comment, "Begrunnelse", Initiative.TextMax);
        v.ThrowIfInvalid();

        var now = db.UtcNow;
        if (include)
        {
            i.Segment = seg;
            i.Submission = SubmissionState.Included;
            i.IncludedOn = DateOnly.FromDateTime(now);
            if (i.Lifecycle == Lifecycle.Candidate) i.ChangeLifecycle(Lifecycle.Active, null, null);
        }
        else i.Submission = SubmissionState.Rejected;
        i.SubmissionSteps.Add(new SubmissionStep
        {
            Action = include ? SubmissionAction.Included : SubmissionAction.Rejected,
            Comment = include ? $"Segment: {seg!.Value.Label()}. {comment}".Trim() : comment!.Trim(),
            ByUser = user!.UserName, ByName = user.DisplayName, At = now,
        });
        i.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return i;
    }
}

/// <summary>The office moves an initiative through its lifecycle (pause, complete, leave with a reason).</summary>
[UseCase]
public sealed class ChangeLifecycle(SamstyringDb db)
{
    public async Task<Initiative> HandleAsync(int id, string? lifecycle, string? reason, string? on, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        PortfolioAccess.RequireOffice(user);
        var i = await PortfolioAccess.LoadForEditAsync(db, id, user, ct);
        db.ExpectVersion(i, expectedVersion);
        var v = new Validator();
        v.Enum<Lifecycle>("lifecycle", lifecycle, "Livsløp", true, out var to);
        v.Date("leftOn", on, "Dato", false, out var date);
        v.ThrowIfInvalid();
        i.ChangeLifecycle(to!.Value, reason, date ?? (to == Lifecycle.Completed ? db.Today : null));
        i.UpdatedAt = db.UtcNow;
        await db.SaveChangesAsync(ct);
        return i;
    }
}

/// <summary>Records a Prosjektveiviser decision point: who decided that the initiative enters a phase, and when.</summary>
[UseCase]
public sealed class RecordPhaseDecision(SamstyringDb db)
{
    public async Task<PhaseDecision> HandleAsync(int id, string? phase, string? decidedOn, string? decidedBy, string? note, CurrentUser? user, CancellationToken ct = default)
    {
        var i = await PortfolioAccess.LoadForEditAsync(db, id, user, ct);
        var v = new Validator();
        v.Enum<Phase>("phase", phase, "Fase", true, out var p);
        v.Date("decidedOn", decidedOn, "Beslutningsdato", true, out var on);
        v.Required("decidedBy", decidedBy, "Hvem som besluttet", 200);
        v.MaxLength("note", note, "Merknad", Initiative.TextMax);
        if (on is { } d && d > db.Today) v.Add("decidedOn", "Beslutningsdatoen kan ikke være i fremtiden.");
        v.ThrowIfInvalid();
        var decision = new PhaseDecision
        {
            InitiativeId = i.Id, Phase = p!.Value, DecidedOn = on!.Value, DecidedBy = decidedBy!.Trim(), Note = note?.Trim(),
            RecordedBy = user!.UserName, RecordedAt = db.UtcNow,
        };
        db.PhaseDecisions.Add(decision);
        i.Phase = p.Value;
        i.UpdatedAt = db.UtcNow;
        await db.SaveChangesAsync(ct);
        return decision;
    }
}
