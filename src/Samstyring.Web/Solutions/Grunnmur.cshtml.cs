using Samstyring.Core.Solutions;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Solutions;

/// <summary>The common foundation (felles grunnmur) as a whole: its five areas and their components.</summary>
public sealed class GrunnmurModel(SolutionQueries queries) : SamstyringPage
{
    public IReadOnlyList<GrunnmurAreaView> Areas { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Areas = await queries.GrunnmurAsync(ct);
}
