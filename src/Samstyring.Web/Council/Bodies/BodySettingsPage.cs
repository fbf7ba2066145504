using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Solutions;

namespace Samstyring.Web.Council.Bodies;

/// <summary>The settings inputs shared by "new body" and "edit body": kind, description, quorum rule and count, national solution.</summary>
public abstract class BodySettingsPage(CouncilQueries queries, GetSolutionOptions solutions, TimeProvider clock) : CouncilOfficePage
{
    protected CouncilQueries Queries { get; } = queries;
    protected TimeProvider Clock { get; } = clock;

    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? QuorumRule { get; set; }
    [BindProperty] public string? QuorumCount { get; set; }
    [BindProperty] public int? NationalSolutionId { get; set; }

    public List<(string, string)> Solutions { get; private set; } = [];

    protected async Task LoadOptionsAsync(CancellationToken ct) => Solutions = await SolutionOptionsAsync(solutions, ct);

    /// <summary>Reads the quorum count; false (with a field error) when it is not a number.</summary>
    protected bool TryReadSettings(int? sortOrder, out BodySettingsInput input)
    {
        var ok = TryParseNumber("quorumCount", QuorumCount, "Antall medlemmer", out var count);
        input = new BodySettingsInput(Kind, Description, QuorumRule, count, NationalSolutionId, sortOrder);
        return ok;
    }

    protected void FillSettings(Body b)
    {
        Kind = b.Kind.Code();
        Description = b.Description;
        QuorumRule = b.QuorumRule.Code();
        QuorumCount = b.QuorumCount?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        NationalSolutionId = b.NationalSolutionId;
    }
}
