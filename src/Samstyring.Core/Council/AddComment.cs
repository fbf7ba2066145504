using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

public sealed record CommentInput(string? Author, int? OrganizationId, string? ReceivedOn, string? Text);

/// <summary>
/// Input on a case. A member sends it in their own name before the deadline; the secretariat records input received
/// by other means, with who sent it and when.
/// </summary>
[UseCase]
public sealed class AddComment(SamstyringDb db)
{
    public async Task<CaseComment> HandleAsync(int id, CommentInput input, CurrentUser? user, CancellationToken ct = default)
    {
        if (!CouncilAccess.CanComment(user)) throw new ForbiddenException(user is null ? "Du må logge inn." : "Bare medlemmer og sekretariatet kan gi innspill på saker.");
        var c = await db.Cases.Include(x => x.Meeting).SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException($"Fant ikke sak {id}.");
        var v = new Validator();
        v.Required("text", input.Text, "Innspill", CouncilCase.TextMax);
        string author;
        int? org;
        DateOnly received;
        if (CouncilAccess.IsSecretariat(user))
        {
            v.Required("author", input.Author, "Avsender", 200);
            v.Date("receivedOn", input.ReceivedOn, "Mottatt dato", true, out var r);
            if (input.OrganizationId is { } o && !await db.Organizations.AnyAsync(x => x.Id == o, ct))
                v.Add("organizationId", "Fant ikke organisasjonen.");
            author = input.Author?.Trim() ?? "";
            org = input.OrganizationId;
            received = r ?? db.Today;
        }
        else
        {
            author = user!.DisplayName;
            org = user.OrganizationId;
            received = db.Today;
            if (c.CommentDeadline is null) v.Add("text", "Saken er ikke sendt på innspill.");
            else if (received > c.CommentDeadline) v.Add("text", $"Fristen for innspill var {Norwegian.Date(c.CommentDeadline.Value)}.");
        }
        v.ThrowIfInvalid();
        var comment = new CaseComment { CaseId = id, Author = author, OrganizationId = org, ReceivedOn = received, Text = input.Text!.Trim(), CreatedAt = db.UtcNow };
        db.CaseComments.Add(comment);
        await db.SaveChangesAsync(ct);
        return comment;
    }
}
