using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Portfolio;

public sealed record DependencyInput(
    string? TargetKind, int? TargetId, string? Description, string? Criticality, string? Status, string? Deadline);

/// <summary>Adds, changes or removes what an initiative depends on.</summary>
[UseCase]
public sealed class SaveDependency(SamstyringDb db)
{
    public async Task<Dependency> AddAsync(int initiativeId, DependencyInput input, CurrentUser? user, CancellationToken ct = default)
    {
        var i = await PortfolioAccess.LoadForEditAsync(db, initiativeId, user, ct);
        var d = new Dependency { InitiativeId = i.Id, Description = "" };
        await ApplyAsync(d, input, ct);
        db.Dependencies.Add(d);
        await db.SaveChangesAsync(ct);
        return d;
    }

    public async Task<Dependency> UpdateAsync(int dependencyId, DependencyInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        var d = await LoadAsync(dependencyId, user, ct);
        db.ExpectVersion(d, expectedVersion);
        await ApplyAsync(d, input, ct);
        await db.SaveChangesAsync(ct);
        return d;
    }

    public async Task DeleteAsync(int dependencyId, CurrentUser? user, CancellationToken ct = default)
    {
        var d = await LoadAsync(dependencyId, user, ct);
        db.Dependencies.Remove(d);
        await db.SaveChangesAsync(ct);
    }

    private async Task<Dependency> LoadAsync(int id, CurrentUser? user, CancellationToken ct)
    {
        PortfolioAccess.RequireEditorRole(user);
        var d = await db.Dependencies.SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException($"Fant ikke avhengighet {id}.");
        await PortfolioAccess.LoadForEditAsync(db, d.InitiativeId, user, ct);
        return d;
    }

    private async Task ApplyAsync(Dependency d, DependencyInput input, CancellationToken ct)
    {
        var v = new Validator();
        v.Enum<DependencyTargetKind>("targetKind", input.TargetKind, "Hva det er avhengighet til", true, out var kind);
        v.Required("description", input.Description, "Beskrivelse", Initiative.TextMax);
        v.Enum<Criticality>("criticality", input.Criticality, "Kritikalitet", true, out var criticality);
        v.Enum<Rag>("status", input.Status, "Status", true, out var status);
        v.Date("deadline", input.Deadline, "Frist", false, out var deadline);
        if (input.TargetId is null) v.Add("targetId", "Velg hva tiltaket er avhengig av.");
        else if (kind is { } k)
        {
            var exists = k switch
            {
                DependencyTargetKind.Initiative => input.TargetId != d.InitiativeId && await db.Initiatives.AnyAsync(x => x.Id == input.TargetId, ct),
                DependencyTargetKind.Solution => await db.NationalSolutions.AnyAsync(x => x.Id == input.TargetId, ct),
                _ => await db.Organizations.AnyAsync(x => x.Id == input.TargetId, ct),
            };
            if (!exists) v.Add("targetId", k == DependencyTargetKind.Initiative && input.TargetId == d.InitiativeId
                ? "Et tiltak kan ikke være avhengig av seg selv."
                : $"Fant ikke {k.Label().ToLowerInvariant()} med id {input.TargetId}.");
        }
        v.ThrowIfInvalid();
        d.TargetKind = kind!.Value;
        d.TargetInitiativeId = kind == DependencyTargetKind.Initiative ? input.TargetId : null;
        d.TargetSolutionId = kind == DependencyTargetKind.Solution ? input.TargetId : null;
        d.TargetOrganizationId = kind == DependencyTargetKind.Organization ? input.TargetId : null;
        d.Description = input.Description!.Trim();
        d.Criticality = criticality!.Value;
        d.Status = status!.Value;
        d.Deadline = deadline;
    }
}
