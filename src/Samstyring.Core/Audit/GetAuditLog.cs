using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Audit;

public sealed record AuditFilter(string? EntityType = null, string? EntityId = null, string? UserName = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>The audit trail, newest first, for the office to read and export.</summary>
[UseCase]
public sealed class GetAuditLog(SamstyringDb db)
{
    public IQueryable<AuditEntry> Query(AuditFilter f, CurrentUser? user)
    {
        PortfolioAccess.RequireOffice(user);
        var q = db.AuditLog.AsNoTracking().AsQueryable();
        if (!string.IsNullOrWhiteSpace(f.EntityType)) q = q.Where(a => a.EntityType == f.EntityType);
        if (!string.IsNullOrWhiteSpace(f.EntityId)) q = q.Where(a => a.EntityId == f.EntityId);
        if (!string.IsNullOrWhiteSpace(f.UserName)) q = q.Where(a => a.UserName == f.UserName);
        if (f.From is { } from) { var t = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc); q = q.Where(a => a.At >= t); }
        if (f.To is { } to) { var t = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc); q = q.Where(a => a.At < t); }
        return q.OrderByDescending(a => a.Id);
    }

    /// <summary>The kinds of entity the log has entries for, for the filter's list.</summary>
    public async Task<List<string>> EntityTypesAsync(CurrentUser? user, CancellationToken ct = default)
    {
        PortfolioAccess.RequireOffice(user);
        return await db.AuditLog.AsNoTracking().Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
    }
}
