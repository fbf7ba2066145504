using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>Withdraws a case not yet decided. Only the last case in the body's year can go, so the numbering keeps no gaps.</summary>
[UseCase]
public sealed class WithdrawCase(SamstyringDb db)
{
    public async Task HandleAsync(int id, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        // In the body's numbering turn: a case numbered while this one is withdrawn would otherwise leave a gap.
        await using var tx = db.Database.CurrentTransaction is null ? await db.BeginWriteTransactionAsync(ct) : null;
        var c = await CaseRules.LoadForChangeAsync(db, id, user, ct);
        await Numbering.WaitForTurnAsync(db, c.BodyId, ct);
        db.ExpectVersion(c, expectedVersion);
        var last = await db.Cases.Where(x => x.BodyId == c.BodyId && x.Year == c.Year).MaxAsync(x => x.Number, ct);
        var v = new Validator();
        if (c.IsDecided) v.Add("case", "Saken er vedtatt og kan ikke trekkes.");
        if (c.Standing != StandingCase.None) v.Add("case", "De faste sakene i møtet kan ikke trekkes.");
        if (c.Number != last) v.Add("case", $"Bare den siste saken i året ({CouncilCase.FormatNumber(last, c.Year)}) kan trekkes, så saksnumrene ikke får hull. Flytt heller saken til et senere møte.");
        if (await db.Attachments.AnyAsync(a => a.CaseId == id, ct)) v.Add("case", "Saken har vedlegg. Slett vedleggene før saken trekkes.");
        if (await db.Attendance.AnyAsync(a => a.UpToCaseId == id, ct) || await db.CaseLinks.AnyAsync(l => l.RelatedCaseId == id, ct))
            v.Add("case", "Andre registreringer viser til saken.");
        if (await db.RoadmapVersions.AnyAsync(r => r.RecommendedCaseId == id || r.EndorsedCaseId == id, ct))
            v.Add("case", "En veikartversjon er registrert behandlet i saken, så den kan ikke trekkes.");
        v.ThrowIfInvalid();
        db.Cases.Remove(c);
        await db.SaveChangesAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
    }
}
