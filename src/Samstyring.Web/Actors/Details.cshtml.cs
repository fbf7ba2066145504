using Samstyring.Core.Actors;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Actors;

/// <summary>One actor: who owns it, what it owns, and its initiatives.</summary>
public sealed class DetailsModel(OrganizationQueries organizations) : SamstyringPage
{
    public OrganizationDetails Details { get; private set; } = null!;
    public Organization Organization => Details.Organization;

    public async Task OnGetAsync(int id, CancellationToken ct) => Details = await organizations.GetAsync(id, ct);
}
