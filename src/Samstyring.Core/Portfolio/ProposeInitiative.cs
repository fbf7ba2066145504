using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Portfolio;

/// <summary>The fields an owner or the office fills in for an initiative. Values as codes ("rollout-project").</summary>
public sealed record InitiativeInput(
    string? Name, string? Description, int? OwnerId, string? Kind, string? Phase,
    string? PlannedStart, string? PlannedEnd, string? ContactPerson, string? Segment = null);

internal static class InitiativeInputRules
{
    public static (InitiativeKind Kind, Phase Phase, DateOnly? Start, DateOnly? End, Segment? Segment) Validate(InitiativeInput input, Validator v)
    {
        v.Name("name", input.Name, "Navn", Initiative.NameMax);
        v.MaxLength("description", input.Description, "Beskrivelse", Initiative.TextMax);
        v.Name("contactPerson", input.ContactPerson, "Kontaktperson", 200, required: false);
        v.Enum<InitiativeKind>("kind", input.Kind, "Type tiltak", true, out var kind);
        v.Enum<Phase>("phase", input.Phase ?? "ide", "Fase", true, out var phase);
        v.Enum<Segment>("segment", input.Segment, "Segment", false, out var segment);
        v.Date("plannedStart", input.PlannedStart, "Planlagt start", false, out var start);
        v.Date("plannedEnd", input.PlannedEnd, "Planlagt slutt", false, out var end);
        if (start is { } s && end is { } e && e < s) v.Add("plannedEnd", "Planlagt slutt kan ikke være før planlagt start.");
        return (kind ?? default, phase ?? default, start, end, segment);
    }
}

/// <summary>An owner (or the office) proposes a candidate for the portfolio.</summary>
[UseCase]
public sealed class ProposeInitiative(SamstyringDb db)
{
    public async Task<Initiative> HandleAsync(InitiativeInput input, CurrentUser? user, CancellationToken ct = default)
    {
        if (!PortfolioAccess.CanPropose(user)) throw new ForbiddenException("Du har ikke tilgang til å foreslå tiltak.");
        var v = new Validator();
        var (kind, phase, start, end, _) = InitiativeInputRules.Validate(input, v);
        // An owner always proposes for its own organisation.
        var ownerId = user!.Role == Role.InitiativeOwner ? user.OrganizationId : input.OwnerId;
        Organization? owner = null;
        if (ownerId is null) v.Add("ownerId", "Eier må velges.");
        else if ((owner = await db.Organizations.FindAsync([ownerId], ct)) is null) v.Add("ownerId", "Eieren finnes ikke.");
        if (UnicodeText.Normal(input.Name) is { Length: > 0 } name && await db.Initiatives.AnyAsync(i => i.Name == name && i.OwnerId == ownerId, ct))
            v.Add("name", "Eieren har allerede et tiltak med dette navnet.");
        v.ThrowIfInvalid();

        var now = db.UtcNow;
        var initiative = new Initiative
        {
            Name = UnicodeText.Normal(input.Name)!, Description = input.Description?.Trim() ?? "", OwnerId = owner!.Id, Kind = kind,
            Lifecycle = Lifecycle.Candidate, Phase = phase, PlannedStart = start, PlannedEnd = end,
            ContactPerson = input.ContactPerson?.Trim(), Submission = SubmissionState.Proposed, CreatedAt = now, UpdatedAt = now,
        };
        initiative.SubmissionSteps.Add(new SubmissionStep { Action = SubmissionAction.Proposed, ByUser = user.UserName, ByName = user.DisplayName, At = now });
        db.Initiatives.Add(initiative);
        await db.SaveChangesAsync(ct);
        initiative.Owner = owner;
        return initiative;
    }
}

/// <summary>Changes an initiative's details. The segment is the office's to set.</summary>
[UseCase]
public sealed class UpdateInitiative(SamstyringDb db)
{
    public async Task<Initiative> HandleAsync(int id, InitiativeInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        var i = await PortfolioAccess.LoadForEditAsync(db, id, user, ct);
        db.ExpectVersion(i, expectedVersion);
        var v = new Validator();
        var (kind, _, start, end, segment) = InitiativeInputRules.Validate(input with { Phase = i.Phase.Code() }, v);
        if (input.Segment is not null && segment != i.Segment && !user!.IsOffice)
            v.Add("segment", "Bare porteføljekontoret kan endre segment.");
        if (i.Lifecycle is Lifecycle.Active or Lifecycle.Paused && input.Segment is not null && segment is null)
            v.Add("segment", "Et tiltak i porteføljen må ha et segment.");
        if (user!.IsOffice && input.OwnerId is { } newOwner && newOwner != i.OwnerId && await db.Organizations.FindAsync([newOwner], ct) is null)
            v.Add("ownerId", "Eieren finnes ikke.");
        var ownerAfter = user.IsOffice && input.OwnerId is { } o2 ? o2 : i.OwnerId;
        if (UnicodeText.Normal(input.Name) is { Length: > 0 } name && await db.Initiatives.AnyAsync(x => x.Id != i.Id && x.OwnerId == ownerAfter && x.Name == name, ct))
            v.Add("name", "Eieren har allerede et tiltak med dette navnet.");
        v.ThrowIfInvalid();

        i.Name = UnicodeText.Normal(input.Name)!;
        i.Description = input.Description?.Trim() ?? "";
        i.Kind = kind;
        i.PlannedStart = start;
        i.PlannedEnd = end;
        i.ContactPerson = input.ContactPerson?.Trim();
        if (user.IsOffice)
        {
            if (segment is not null) i.Segment = segment;
            if (input.OwnerId is { } o) i.OwnerId = o;
        }
        i.UpdatedAt = db.UtcNow;
        await db.SaveChangesAsync(ct);
        return i;
    }
}
