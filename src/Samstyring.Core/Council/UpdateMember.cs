using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>The secretariat changes a member of a body.</summary>
[UseCase]
public sealed class UpdateMember(SamstyringDb db)
{
    public async Task<BodyMember> HandleAsync(int id, MemberInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        var member = await MemberRules.LoadForChangeAsync(db, id, user, ct);
        db.ExpectVersion(member, expectedVersion);
        await MemberRules.ApplyAsync(db, member, input, ct);
        await db.SaveChangesAsync(ct);
        return member;
    }
}
