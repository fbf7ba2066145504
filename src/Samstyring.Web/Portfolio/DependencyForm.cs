using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;

namespace Samstyring.Web.Portfolio;

/// <summary>
/// The dependency form shared by "new" and "edit". Without JavaScript there is one select per kind of target
/// (targetInitiativeId, targetSolutionId, targetOrganizationId); the chosen kind decides which one counts.
/// </summary>
public abstract class DependencyFormPage(SamstyringDb db) : InitiativePage
{
    protected SamstyringDb Db { get; } = db;

    [BindProperty] public string? TargetKind { get; set; }
    [BindProperty] public int? TargetInitiativeId { get; set; }
    [BindProperty] public int? TargetSolutionId { get; set; }
    [BindProperty] public int? TargetOrganizationId { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? Criticality { get; set; }
    [BindProperty] public string? Status { get; set; }
    [BindProperty] public string? Deadline { get; set; }

    public Initiative Initiative { get; protected set; } = null!;
    public List<(string, string)> Initiatives { get; private set; } = [];
    public List<(string, string)> Solutions { get; private set; } = [];
    public List<(string, string)> Organizations { get; private set; } = [];

    protected DependencyInput Input()
    {
        int? target = !EnumText.TryParse<DependencyTargetKind>(TargetKind, out var kind) ? null : kind switch
        {
            DependencyTargetKind.Initiative => TargetInitiativeId,
            DependencyTargetKind.Solution => TargetSolutionId,
            _ => TargetOrganizationId,
        };
        return new DependencyInput(TargetKind, target, Description, Criticality, Status, Deadline);
    }

    /// <summary>The use case reports a missing target as "targetId": show it at the select for the chosen kind.</summary>
    protected void MoveTargetErrors()
    {
        MoveErrors("targetId", !EnumText.TryParse<DependencyTargetKind>(TargetKind, out var kind) ? "targetKind" : kind switch
        {
            DependencyTargetKind.Initiative => "targetInitiativeId",
            DependencyTargetKind.Solution => "targetSolutionId",
            _ => "targetOrganizationId",
        });
    }

    protected void Fill(Dependency d)
    {
        TargetKind = d.TargetKind.Code();
        TargetInitiativeId = d.TargetInitiativeId;
        TargetSolutionId = d.TargetSolutionId;
        TargetOrganizationId = d.TargetOrganizationId;
        Description = d.Description;
        Criticality = d.Criticality.Code();
        Status = d.Status.Code();
        Deadline = d.Deadline?.ToString("yyyy-MM-dd");
    }

    protected async Task LoadOptionsAsync(CancellationToken ct)
    {
        var self = Initiative.Id;
        Initiatives = (await Db.Initiatives.AsNoTracking().Where(i => i.Id != self).OrderBy(i => i.Name)
                .Select(i => new { i.Id, i.Name, Owner = i.Owner.Name }).ToListAsync(ct))
            .Select(i => (i.Id.ToString(), $"{i.Name} ({i.Owner})")).ToList();
        Solutions = (await Db.NationalSolutions.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct))
            .Select(s => (s.Id.ToString(), s.Name)).ToList();
        Organizations = await OrganizationOptionsAsync(Db, ct);
    }
}
