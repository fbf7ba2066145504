using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Benefits;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Benefits;

/// <summary>An initiative's benefits, their realised values over time, and its socio-economic analysis. Public.</summary>
public sealed class IndexModel(GetBenefits getBenefits) : SamstyringPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public InitiativeBenefits Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Data = await getBenefits.HandleAsync(Id, CurrentUser, ct);
}
