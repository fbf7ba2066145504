using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Roadmap;

public sealed record VersionInput(string? Title, string? Summary);

/// <summary>Changes the title and summary of a version that is not frozen.</summary>
[UseCase]
public sealed class UpdateRoadmapVersion(SamstyringDb db)
{
    public async Task<RoadmapVersion> HandleAsync(string number, VersionInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        RoadmapAccess.RequireOffice(user);
        var version = await RoadmapEditing.LoadVersionAsync(db, number, ct);
        RoadmapEditing.RequireEditable(version);
        db.ExpectVersion(version, expectedVersion);
        var v = new Validator();
        v.Name("title", input.Title, "Tittel", RoadmapVersion.TitleMax);
        v.MaxLength("summary", input.Summary, "Sammendrag", RoadmapVersion.TextMax);
        v.ThrowIfInvalid();
        version.Title = input.Title!.Trim();
        version.Summary = input.Summary?.Trim() ?? "";
        version.UpdatedAt = db.UtcNow;
        await db.SaveChangesAsync(ct);
        return version;
    }
}
