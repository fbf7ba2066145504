using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Council;
using Samstyring.Core.Roadmap;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Council.Public;

/// <summary>One case (public): the case paper's header and text, the decision, related decisions, references and input.</summary>
public sealed class CaseModel(CouncilQueries queries, RoadmapQueries roadmap) : SamstyringPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public CaseView C { get; private set; } = null!;
    public bool IsSecretariat => CouncilAccess.IsSecretariat(CurrentUser);
    public bool CanComment => CouncilAccess.CanComment(CurrentUser);
    /// <summary>Reporting period codes by id, for links to the portfolio report of a period.</summary>
    public IReadOnlyDictionary<int, string> PeriodCodes { get; private set; } = new Dictionary<int, string>();
    /// <summary>Roadmap versions recommended or endorsed in this case.</summary>
    public IReadOnlyList<CaseRoadmapStep> RoadmapSteps { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        C = await queries.GetCaseAsync(Id, CurrentUser, ct);
        if (!C.Redacted) RoadmapSteps = await roadmap.StepsTakenInCaseAsync(Id, CurrentUser, ct);
        PeriodCodes = C.References.Where(r => r.Kind == CaseReferenceKind.PortfolioPeriod && r.PeriodCode is not null)
            .DistinctBy(r => r.TargetId).ToDictionary(r => r.TargetId, r => r.PeriodCode!);
    }

    public string? ReferenceUrl(ReferenceView r) => r.Kind switch
    {
        CaseReferenceKind.Initiative => $"/tiltak/{r.TargetId}",
        CaseReferenceKind.PortfolioPeriod => PeriodCodes.TryGetValue(r.TargetId, out var code) ? $"/rapport?period={Uri.EscapeDataString(code)}" : "/rapport",
        _ => null,
    };
}
