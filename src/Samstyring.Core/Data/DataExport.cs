using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Data;

/// <summary>
/// The data as plain JSON for people and tools: organisations, initiatives, status reports and
/// dependencies, each an array; enums as codes, references as ids and keys. Not a backup (see
/// <see cref="Backup"/>): accounts and the audit log are left out.
/// </summary>
[UseCase]
public sealed class ExportData(SamstyringDb db)
{
    public async Task HandleAsync(Stream output, CurrentUser? user, CancellationToken ct = default)
    {
        PortfolioAccess.RequireOffice(user);
        await using var tx = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, ct);
        var organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Id)
            .Select(o => new
            {
                o.Id, o.Key, o.Name, o.ShortName, o.OrgNumber, Type = o.Type, ActorGroup = o.ActorGroup, Region = o.Region,
                Owners = o.Owners.OrderBy(x => x.OwnerId).Select(x => new { Key = x.Owner!.Key, x.Share }).ToList(),
                o.MunicipalityNumber, o.County, o.Population,
            }).ToListAsync(ct);
        var initiatives = await db.Initiatives.AsNoTracking().OrderBy(i => i.Id)
            .Select(i => new
            {
                i.Id, i.Name, i.Description, i.OwnerId, OwnerKey = i.Owner.Key, i.Kind, i.Lifecycle, i.LeftReason, i.LeftOn,
                i.IncludedOn, i.CompletedOn, i.Phase, i.Segment, i.PlannedStart, i.PlannedEnd, i.ContactPerson, i.Submission,
                i.CarriesOverNextYear, i.StartsNextYear, i.IsDemo, i.DemoNote, i.CreatedAt, i.UpdatedAt,
            }).ToListAsync(ct);
        var reports = await db.StatusReports.AsNoTracking().OrderBy(r => r.Id)
            .Select(r => new
            {
                r.Id, r.InitiativeId, Period = r.Period.Code, r.Status, r.StatusText, r.Risk, r.RiskText, r.Progress, r.Cost,
                r.ReportedBy, r.ReportedAt,
            }).ToListAsync(ct);
        var dependencies = await db.Dependencies.AsNoTracking().OrderBy(d => d.Id)
            .Select(d => new
            {
                d.Id, d.InitiativeId, d.TargetKind, d.TargetInitiativeId,
                TargetSolutionKey = d.TargetSolution == null ? null : d.TargetSolution.Key,
                TargetOrganizationKey = d.TargetOrganization == null ? null : d.TargetOrganization.Key,
                d.Description, d.Criticality, d.Status, d.Deadline, d.IsDemo,
            }).ToListAsync(ct);
        await tx.CommitAsync(ct);

        var document = new
        {
            ExportedAt = db.UtcNow, Organizations = organizations, Initiatives = initiatives, Reports = reports, Dependencies = dependencies,
        };
        await JsonSerializer.SerializeAsync(output, document, Json, ct);
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new EnumCodeJsonConverter() },
    };
}
