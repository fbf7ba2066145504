using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Audit;
using Samstyring.Core.Common;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Audit;

public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/audit").WithTags("Revisjonslogg").RequireAuthorization();
        api.MapGet("", (GetAuditLog uc, [FromServices] CurrentUser? user, string? entityType, string? entityId, string? userName, int? take, CancellationToken ct) =>
            ProblemResults.Run(async () =>
                Results.Ok(await uc.Query(new AuditFilter(entityType, entityId, userName), user).Take(Math.Clamp(take ?? 200, 1, 5000)).ToListAsync(ct))))
            .WithName("ListAuditEntries")
            .WithSummary("Revisjonsloggen, nyeste først (porteføljekontoret), valgfritt filtrert på entityType, entityId og userName; take er høyst 5000 (standard 200).")
            .Produces<List<AuditEntry>>();
        api.MapGet("/export.csv", (GetAuditLog uc, [FromServices] CurrentUser? user, string? entityType, string? entityId, string? userName, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var rows = await uc.Query(new AuditFilter(entityType, entityId, userName), user).ToListAsync(ct);
                var sb = new StringBuilder("id,at,user,action,entityType,entityId,before,after\n");
                foreach (var a in rows)
                    sb.AppendJoin(',', a.Id.ToString(CultureInfo.InvariantCulture), a.At.ToString("O"), Csv(a.UserName), a.Action, a.EntityType, Csv(a.EntityId), Csv(a.Before), Csv(a.After)).Append('\n');
                return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(sb.ToString())).ToArray(), "text/csv; charset=utf-8", "revisjonslogg.csv");
            })).WithName("ExportAuditLogCsv")
            .WithSummary("Revisjonsloggen som CSV (porteføljekontoret).")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        return app;
    }

    /// <summary>RFC 4180 quoting; a leading formula character is neutralised so spreadsheets don't execute it.</summary>
    public static string Csv(string? s)
    {
        if (string.IsNullOrEmpty(s)) return "";
        if (s[0] is '=' or '+' or '-' or '@') s = "'" + s;
        return "\"" + s.Replace("\"", "\"\"") + "\"";
    }
}
