using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>Points the case at a portfolio item: an initiative, a reporting period's portfolio report, or a criteria set.</summary>
[UseCase]
public sealed class AddCaseReference(SamstyringDb db)
{
    public async Task<CaseReference> HandleAsync(int id, string? kind, int? targetId, CurrentUser? user, CancellationToken ct = default)
    {
        var c = await CaseRules.LoadForChangeAsync(db, id, user, ct);
        var v = new Validator();
        v.Enum<CaseReferenceKind>("kind", kind, "Hva saken gjelder", true, out var k);
        if (targetId is null) v.Add("targetId", "Velg hva saken gjelder.");
        else if (k is { } kk)
        {
            var exists = kk switch
            {
                CaseReferenceKind.Initiative => await db.Initiatives.AnyAsync(x => x.Id == targetId, ct),
                CaseReferenceKind.PortfolioPeriod => await db.ReportingPeriods.AnyAsync(x => x.Id == targetId, ct),
                _ => await db.CriteriaSets.AnyAsync(x => x.Id == targetId, ct),
            };
            if (!exists) v.Add("targetId", $"Fant ikke {kk.Label().ToLowerInvariant()} {targetId}.");
            else if (c.References.Any(r => r.Kind == kk && (r.InitiativeId ?? r.ReportingPeriodId ?? r.CriteriaSetId) == targetId))
                v.Add("targetId", "Saken viser allerede til dette.");
        }
        v.ThrowIfInvalid();
        var reference = new CaseReference
        {
            CaseId = c.Id, Kind = k!.Value,
            InitiativeId = k == CaseReferenceKind.Initiative ? targetId : null,
            ReportingPeriodId = k == CaseReferenceKind.PortfolioPeriod ? targetId : null,
            CriteriaSetId = k == CaseReferenceKind.CriteriaSet ? targetId : null,
        };
        db.CaseReferences.Add(reference);
        await db.SaveChangesAsync(ct);
        return reference;
    }
}
