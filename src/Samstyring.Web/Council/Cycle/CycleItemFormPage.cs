using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Web.Council.Bodies;

namespace Samstyring.Web.Council.Cycle;

/// <summary>The inputs of a recurring case template, shared by New and Edit.</summary>
public abstract class CycleItemFormPage(CouncilQueries queries) : CouncilOfficePage
{
    protected CouncilQueries Queries { get; } = queries;

    [BindProperty(Name = "body")] public string? BodySlug { get; set; }
    [BindProperty] public string? Month { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Type { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? ProposedDecision { get; set; }

    public List<(string, string)> Bodies { get; private set; } = [];

    protected async Task LoadOptionsAsync(CancellationToken ct) => Bodies = await BodyOptionsAsync(Queries, ct);

    protected bool TryInput(out CycleInput input)
    {
        var ok = TryParseNumber("month", Month, "Måned", out var month);
        input = new CycleInput(BodySlug, month, Title, Type, Description, ProposedDecision);
        return ok;
    }

    protected void Fill(CycleItem i)
    {
        BodySlug = i.Body.Slug;
        Month = i.Month.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Title = i.Title;
        Type = i.Type.Code();
        Description = i.Description;
        ProposedDecision = i.ProposedDecision;
    }
}
