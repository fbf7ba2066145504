using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Strategy;

/// <summary>Changes a strategy's title, period, vision, plan and source (the office; needs the version it started from).</summary>
[UseCase]
public sealed class UpdateStrategy(SamstyringDb db)
{
    public async Task<Strategy> HandleAsync(int id, StrategyInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        StrategyAccess.RequireEditor(user);
        var strategy = await StrategyEditing.LoadAsync(db, id, ct);
        db.ExpectVersion(strategy, expectedVersion);
        StrategyEditing.RequireChangeable(strategy);

        var v = new Validator();
        StrategyEditing.Check(v, input);
        v.ThrowIfInvalid();

        StrategyEditing.Apply(strategy, input);
        await db.SaveChangesAsync(ct);
        return strategy;
    }
}
