using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>Removes a member registered by mistake. Someone with attendance, or who has a substitute, stays; end the term instead.</summary>
[UseCase]
public sealed class DeleteMember(SamstyringDb db)
{
    public async Task HandleAsync(int id, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        var member = await MemberRules.LoadForChangeAsync(db, id, user, ct);
        // Removal may skip the version (the record is gone either way), but a given one must still match.
        if (expectedVersion is not null) db.ExpectVersion(member, expectedVersion);
        if (await db.Attendance.AnyAsync(a => a.MemberId == id, ct))
            throw ValidationFailedException.For("id", $"{member.Name} har registrert oppmøte og kan ikke slettes. Avslutt perioden i stedet.");
        if (await db.BodyMembers.AnyAsync(m => m.SubstituteForId == id, ct))
            throw ValidationFailedException.For("id", $"{member.Name} har en stedfortreder og kan ikke slettes. Avslutt perioden i stedet, eller endre stedfortrederen først.");
        db.BodyMembers.Remove(member);
        await db.SaveChangesAsync(ct);
    }
}
