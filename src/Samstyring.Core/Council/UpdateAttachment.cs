using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

public sealed record AttachmentEdit(string? Label, string? Title, bool Confidential, string? LegalBasis);

/// <summary>Changes an attachment's number, title and openness. Only the secretariat changes them.</summary>
[UseCase]
public sealed class UpdateAttachment(SamstyringDb db)
{
    public async Task<Attachment> HandleAsync(int id, AttachmentEdit input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        CouncilAccess.RequireSecretariat(user);
        var a = await db.Attachments.SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw AttachmentRules.Missing(id);
        db.ExpectVersion(a, expectedVersion);
        var c = await AttachmentRules.LoadCaseAsync(db, a.CaseId, ct);
        var v = new Validator();
        await AttachmentRules.ApplyAsync(db, v, a, c, input.Label, input.Title, input.Confidential, input.LegalBasis, ct);
        v.ThrowIfInvalid();
        await db.SaveChangesAsync(ct);
        return a;
    }
}
