using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Strategy;

/// <summary>Adds a target area to a strategy (the office; needs the strategy's version, which moves on). Links are set on the area afterwards.</summary>
[UseCase]
public sealed class AddTargetArea(SamstyringDb db)
{
    public async Task<TargetArea> HandleAsync(int strategyId, TargetAreaInput input, int? expectedStrategyVersion, CurrentUser? user, CancellationToken ct = default)
    {
        StrategyAccess.RequireEditor(user);
        var strategy = await StrategyEditing.LoadAsync(db, strategyId, ct);
        db.ExpectVersion(strategy, expectedStrategyVersion);
        StrategyEditing.RequireChangeable(strategy);
        if (strategy.Areas.Count >= 50) throw ValidationFailedException.For("number", "En strategi kan ha høyst 50 målområder.");

        var area = StrategyEditing.AddArea(db, strategy, input);
        await db.SaveChangesAsync(ct);
        return area;
    }
}
