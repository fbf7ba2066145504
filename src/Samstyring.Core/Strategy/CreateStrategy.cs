using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Strategy;

/// <summary>Registers a new strategy as a draft (the office). Its steps and target areas are added afterwards.</summary>
[UseCase]
public sealed class CreateStrategy(SamstyringDb db)
{
    public async Task<Strategy> HandleAsync(StrategyInput input, CurrentUser? user, CancellationToken ct = default)
    {
        StrategyAccess.RequireEditor(user);
        var v = new Validator();
        StrategyEditing.Check(v, input);
        v.ThrowIfInvalid();

        var strategy = new Strategy { Title = "", Status = StrategyStatus.Draft, CreatedBy = user!.UserName, CreatedAt = db.UtcNow };
        StrategyEditing.Apply(strategy, input);
        db.Strategies.Add(strategy);
        await db.SaveChangesAsync(ct);
        return strategy;
    }
}
