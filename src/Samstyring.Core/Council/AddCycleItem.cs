using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>A recurring case template of the årshjul: which body, which month, what case.</summary>
public sealed record CycleInput(string? Body, int? Month, string? Title, string? Type, string? Description, string? ProposedDecision);

/// <summary>The secretariat adds a recurring case template to the årshjul.</summary>
[UseCase]
public sealed class AddCycleItem(SamstyringDb db)
{
    public async Task<CycleItem> HandleAsync(CycleInput input, CurrentUser? user, CancellationToken ct = default)
    {
        CouncilAccess.RequireSecretariat(user);
        var item = new CycleItem { Title = "" };
        await CycleRules.ApplyAsync(db, item, input, ct);
        db.CycleItems.Add(item);
        await db.SaveChangesAsync(ct);
        return item;
    }
}
