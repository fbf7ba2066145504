using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;

namespace Samstyring.Core.Data;

/// <summary>What /healthz reports: the database answers and can take a change, answers but cannot take one, or does not answer.</summary>
public sealed record DatabaseHealthReport(bool Answers, ServiceUnavailableException? Trouble)
{
    public static readonly DatabaseHealthReport Healthy = new(true, null);
    public static readonly DatabaseHealthReport NotAnswering = new(false, null);
}

/// <summary>
/// Whether the database answers (it can be read: connected, and the reference data is there) and, if so, whether a change
/// would go through (<see cref="DatabaseHealth.ProbeWriteAsync"/>).
/// </summary>
[UseCase]
public sealed class CheckDatabaseHealth(SamstyringDb db)
{
    public async Task<DatabaseHealthReport> HandleAsync(CancellationToken ct = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(ct) || !await db.Organizations.AnyAsync(ct))
                return DatabaseHealthReport.NotAnswering;
            if (await DatabaseHealth.ProbeWriteAsync(db, ct) is { } trouble)
                return new DatabaseHealthReport(true, trouble);
            return DatabaseHealthReport.Healthy;
        }
        catch (Exception)
        {
            return DatabaseHealthReport.NotAnswering;
        }
    }
}
