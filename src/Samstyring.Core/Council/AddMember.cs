using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>A person on a body. <c>SubstituteForId</c> is required for a substitute and names a member of the same body.</summary>
public sealed record MemberInput(
    string? Name, string? Title, int? OrganizationId, string? Role, int? SubstituteForId, string? TermStart, string? TermEnd, string? Email = null);

/// <summary>The secretariat adds a person to a body: who sits for which organisation, in which role, for which term.</summary>
[UseCase]
public sealed class AddMember(SamstyringDb db)
{
    public async Task<BodyMember> HandleAsync(string slug, MemberInput input, CurrentUser? user, CancellationToken ct = default)
    {
        CouncilAccess.RequireSecretariat(user);
        var bodyId = await MemberRules.BodyIdAsync(db, slug, ct);
        var member = new BodyMember { BodyId = bodyId, Name = "" };
        await MemberRules.ApplyAsync(db, member, input, ct);
        db.BodyMembers.Add(member);
        await db.SaveChangesAsync(ct);
        return member;
    }
}
