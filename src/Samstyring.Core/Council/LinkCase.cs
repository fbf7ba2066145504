using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>Links a case to an earlier case in another body ("Vedtak på tilsluttende saker").</summary>
[UseCase]
public sealed class LinkCase(SamstyringDb db)
{
    public async Task<CaseLink> HandleAsync(int id, string? related, CurrentUser? user, CancellationToken ct = default)
    {
        var c = await CaseRules.LoadForChangeAsync(db, id, user, ct);
        var target = await CaseRules.FindByReferenceAsync(db, related, ct);
        var v = new Validator();
        if (target is null) v.Add("related", $"Fant ingen sak «{related}». Skriv organ og saksnummer, for eksempel «nuit 38/21».");
        else if (target.Id == c.Id) v.Add("related", "En sak kan ikke vise til seg selv.");
        else if (c.Links.Any(l => l.RelatedCaseId == target.Id)) v.Add("related", $"Saken viser allerede til {target.NumberText}.");
        v.ThrowIfInvalid();
        var link = new CaseLink { CaseId = c.Id, RelatedCaseId = target!.Id };
        db.CaseLinks.Add(link);
        await db.SaveChangesAsync(ct);
        return link;
    }
}
