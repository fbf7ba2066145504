using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>Ends the member's term on a date. This, not deleting, is how someone leaves a body: their attendance stays in the minutes.</summary>
[UseCase]
public sealed class EndMemberTerm(SamstyringDb db)
{
    public async Task<BodyMember> HandleAsync(int id, string? termEnd, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        var member = await MemberRules.LoadForChangeAsync(db, id, user, ct);
        db.ExpectVersion(member, expectedVersion);
        var v = new Validator();
        v.Date("termEnd", termEnd, "Siste dag i perioden", true, out var end);
        if (end is { } e && e < member.TermStart)
            v.Add("termEnd", $"Siste dag i perioden kan ikke være før perioden startet ({Norwegian.Date(member.TermStart)}).");
        if (end is { } e2 && await MemberRules.AttendedAfterAsync(db, id, e2, ct))
            v.Add("termEnd", MemberRules.AttendedAfterMessage);
        v.ThrowIfInvalid();
        member.TermEnd = end;
        await db.SaveChangesAsync(ct);
        return member;
    }
}
