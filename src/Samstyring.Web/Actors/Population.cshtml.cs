using Samstyring.Core.Actors;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Actors;

/// <summary>
/// The dates with population figures (folketall) and how whole each is: public, since the figures are SSB's and adopted
/// price models key on them. The office gets the link to import a date's figures.
/// </summary>
public sealed class PopulationModel(OrganizationQueries organizations) : SamstyringPage
{
    public IReadOnlyList<PopulationDate> Dates { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Dates = await organizations.PopulationDatesAsync(ct);
}
