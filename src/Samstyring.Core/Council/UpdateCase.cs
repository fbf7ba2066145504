using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>Changes a case's content.</summary>
[UseCase]
public sealed class UpdateCase(SamstyringDb db)
{
    public async Task<CouncilCase> HandleAsync(int id, CaseInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        var c = await CaseRules.LoadForChangeAsync(db, id, user, ct);
        db.ExpectVersion(c, expectedVersion);
        var published = (c.Title, c.Type, c.Confidential);
        var v = new Validator();
        CaseRules.Apply(v, c, input);
        v.ThrowIfInvalid();
        c.UpdatedAt = db.UtcNow;
        // A decided case is in the decision feed: a new title or type there is a change its subscribers should see.
        if (c.IsDecided && published != (c.Title, c.Type, c.Confidential)) c.DecisionChangedAt = db.UtcNow;
        await db.SaveChangesAsync(ct);
        return c;
    }
}
