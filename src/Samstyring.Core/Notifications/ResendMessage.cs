using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Notifications;

/// <summary>
/// The office sends a message again: a failed one after the mail server is mended, or a sent one that did not arrive.
/// It is queued now with its tries counted from zero; the office's name is kept on it.
/// </summary>
[UseCase]
public sealed class ResendMessage(SamstyringDb db)
{
    public async Task<OutboxMessage> HandleAsync(int id, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        NotificationAccess.RequireOffice(user);
        var m = await db.OutboxMessages.SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException($"Fant ingen e-post med id {id}.");
        db.ExpectVersion(m, expectedVersion);
        if (m.Status == OutboxStatus.Pending)
            throw ValidationFailedException.For("status", "E-posten venter allerede på å bli sendt.");
        m.Status = OutboxStatus.Pending;
        m.Attempts = 0;
        m.NextAttemptAt = db.UtcNow;
        m.LastError = null;
        m.ResentBy = user!.UserName;
        await db.SaveChangesAsync(ct);
        return m;
    }
}

/// <summary>Who sees the outbox: the office only (messages hold names, addresses and content for their recipients).</summary>
public static class NotificationAccess
{
    public static bool CanSeeOutbox(CurrentUser? user) => user is { IsOffice: true };

    public static void RequireOffice(CurrentUser? user)
    {
        if (!CanSeeOutbox(user)) throw new ForbiddenException("Bare porteføljekontoret kan se og sende utgående e-post.");
    }
}
