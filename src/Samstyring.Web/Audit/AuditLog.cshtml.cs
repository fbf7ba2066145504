using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Audit;
using Samstyring.Core.Common;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Audit;

/// <summary>The audit trail for the office: who changed what and when, with the values before and after.</summary>
[Authorize(Roles = nameof(Role.PortfolioOffice))]
public sealed class AuditLogModel(GetAuditLog auditLog) : SamstyringPage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? EntityType { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityId { get; set; }
    [BindProperty(SupportsGet = true)] public string? UserName { get; set; }
    [BindProperty(SupportsGet = true, Name = "side")] public int PageNumber { get; set; } = 1;

    public List<AuditEntry> Entries { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public List<(string, string)> EntityTypes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var q = auditLog.Query(new AuditFilter(Clean(EntityType), Clean(EntityId), Clean(UserName)), CurrentUser);
        Total = await q.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Entries = await q.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        EntityTypes = (await auditLog.EntityTypesAsync(CurrentUser, ct))
            .Select(t => (t, t)).ToList();
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private string Query(IEnumerable<(string Key, string? Value)> values) =>
        string.Join('&', values.Where(v => !string.IsNullOrWhiteSpace(v.Value)).Select(v => $"{v.Key}={Uri.EscapeDataString(v.Value!.Trim())}"));

    private (string, string?)[] Filters => [("entityType", EntityType), ("entityId", EntityId), ("userName", UserName)];

    public string PageLink(int page) => "/kontor/revisjonslogg?" + Query([.. Filters, ("side", page.ToString())]);

    public string ExportLink => "/api/v1/audit/export.csv" + (Query(Filters) is { Length: > 0 } q ? "?" + q : "");

    /// <summary>The fields a change touched (book-keeping fields left out), so the list reads without opening every entry.</summary>
    public static string ChangedFields(AuditEntry a)
    {
        if (a.Before is null || a.After is null) return "";
        try
        {
            using var before = System.Text.Json.JsonDocument.Parse(a.Before);
            using var after = System.Text.Json.JsonDocument.Parse(a.After);
            var old = before.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());
            return string.Join(", ", after.RootElement.EnumerateObject()
                .Where(p => p.Name is not ("Version" or "UpdatedAt") && (!old.TryGetValue(p.Name, out var v) || v != p.Value.GetRawText()))
                .Select(p => p.Name));
        }
        catch (System.Text.Json.JsonException)
        {
            return "";
        }
    }

    /// <summary>Pretty-printed JSON for reading; the page encodes it.</summary>
    public static string Pretty(string? json)
    {
        if (string.IsNullOrEmpty(json)) return "";
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(json);
            return System.Text.Json.JsonSerializer.Serialize(doc.RootElement, new System.Text.Json.JsonSerializerOptions
            {
                WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            });
        }
        catch (System.Text.Json.JsonException)
        {
            return json;
        }
    }
}
