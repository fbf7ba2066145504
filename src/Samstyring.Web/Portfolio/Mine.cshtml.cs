using Microsoft.AspNetCore.Authorization;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;

namespace Samstyring.Web.Portfolio;

/// <summary>The initiatives the owner's organisation owns: where each submission is and whether the current period is reported.</summary>
[Authorize(Roles = nameof(Role.InitiativeOwner))]
public sealed class MineModel(GetMyInitiatives query) : InitiativePage
{
    public IReadOnlyList<MyInitiativeRow> Rows { get; private set; } = [];
    public ReportingPeriod? Period { get; private set; }
    public string? OrganizationName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var mine = await query.HandleAsync(CurrentUser, ct);
        (OrganizationName, Period, Rows) = (mine.OrganizationName, mine.Period, mine.Rows);
    }
}
