using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;

namespace Samstyring.Web.Portfolio;

/// <summary>
/// The dependency form shared by "new" and "edit". Without JavaScript there is one select per kind of target
/// (targetInitiativeId, targetSolutionId, targetOrganizationId); the chosen kind decides which one counts.
/// </summary>
public abstract class DependencyFormPage(GetDependencyForm form) : InitiativePage
{
    protected GetDependencyForm Form { get; } = form;

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
        var options = await Form.TargetOptionsAsync(Initiative.Id, ct);
        (Initiatives, Solutions, Organizations) = (options.Initiatives, options.Solutions, options.Organizations);
    }
}
