using Samstyring.Core.Benefits;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Benefits;

/// <summary>Portfolio follow-up of benefits: on track, at risk, late or not reported, per target area of the adopted strategy, per owner and per initiative, and the net present values. Public.</summary>
public sealed class FollowUpModel(GetBenefitFollowUp followUp) : SamstyringPage
{
    public BenefitFollowUp Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Data = await followUp.HandleAsync(ct);
}
