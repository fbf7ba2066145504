using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.EInnsyn;

/// <summary>
/// The office sends a record again that eInnsyn refused or that gave up, once the cause is mended. It is queued now with
/// its tries counted from zero; the office's name is kept on it. A record already published is not sent twice.
/// </summary>
[UseCase]
public sealed class ResendEInnsyn(SamstyringDb db)
{
    public async Task<EInnsynMessage> HandleAsync(int id, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        EInnsynAccess.RequireOffice(user);
        var m = await db.EInnsynOutbox.SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException($"Fant ingen eInnsyn-post med id {id}.");
        db.ExpectVersion(m, expectedVersion);
        if (m.Status == EInnsynStatus.Pending)
            throw ValidationFailedException.For("status", "Posten venter allerede på å bli sendt.");
        if (m.Status == EInnsynStatus.Sent)
            throw ValidationFailedException.For("status", "Posten er allerede publisert i eInnsyn, og sendes ikke to ganger.");
        m.Status = EInnsynStatus.Pending;
        m.Attempts = 0;
        m.NextAttemptAt = db.UtcNow;
        m.LastError = null;
        m.HttpStatus = null;
        m.ResentBy = user!.UserName;
        await db.SaveChangesAsync(ct);
        return m;
    }
}
