using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>What the secretariat may change on a body without renaming it.</summary>
public sealed record BodySettingsInput(
    string? Kind, string? Description, string? QuorumRule, int? QuorumCount, int? NationalSolutionId, int? SortOrder);

/// <summary>The secretariat changes a body's settings (not its name: that is a dated rename, see <see cref="RenameBody"/>).</summary>
[UseCase]
public sealed class UpdateBody(SamstyringDb db)
{
    public async Task<Body> HandleAsync(string slug, BodySettingsInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        CouncilAccess.RequireSecretariat(user);
        var body = await BodyRules.LoadAsync(db, slug, ct);
        db.ExpectVersion(body, expectedVersion);
        var v = new Validator();
        var settings = await BodyRules.ValidateSettingsAsync(db, v, input, ct);
        if (input.SortOrder is < 0 or > 10000) v.Add("sortOrder", "Rekkefølge må være et tall fra 0 til 10000.");
        v.ThrowIfInvalid();
        settings.ApplyTo(body);
        if (input.SortOrder is { } order) body.SortOrder = order;
        await db.SaveChangesAsync(ct);
        return body;
    }
}
