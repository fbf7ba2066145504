using Samstyring.Core.Portfolio;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Portfolio;

/// <summary>Shared bits of the initiative pages: loading an initiative to change.</summary>
public abstract class InitiativePage : SamstyringPage
{
    /// <summary>Loads an initiative for a page that changes it; refused unless the user may change it (the use case checks again when saving).</summary>
    protected async Task<InitiativeDetails> LoadEditableAsync(GetInitiative getInitiative, int id, CancellationToken ct,
        string refusal = "Du kan bare endre tiltak som din egen organisasjon eier.")
    {
        var details = await getInitiative.HandleAsync(id, CurrentUser, ct);
        return details.CanEdit ? details : throw new Samstyring.Core.Common.ForbiddenException(refusal);
    }
}
