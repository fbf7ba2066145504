using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Data;

namespace Samstyring.Web.Council.Attachments;

/// <summary>Changes an attachment's number, title and openness, or deletes it (after a confirmation).</summary>
[Authorize(Policy = "office")]
public sealed class AttachmentEditModel(AttachmentUseCases attachments, SamstyringDb db) : AttachmentFormPage(db)
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public int Version { get; set; }
    public Attachment Attachment { get; private set; } = null!;
    public bool ConfirmDelete { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => FillStored(await LoadAsync(ct));

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Attachment? saved = null;
        if (await TryAsync(async () => saved = await attachments.UpdateAsync(Id, new AttachmentEdit(Label, Title, Confidential, LegalBasis), Version, CurrentUser, ct)))
        {
            Flash = $"Vedlegg {saved!.Label} er endret.";
            return Redirect($"/sekretariat/saker/{saved.CaseId}/vedlegg");
        }
        var stored = await LoadAsync(ct);
        if (ConflictMessage is not null)
        {
            ModelState.Clear();
            FillStored(stored);
        }
        return Page();
    }

    /// <summary>GET ?handler=slett shows the confirmation; the confirmation posts to ?handler=slett.</summary>
    public async Task OnGetSlettAsync(CancellationToken ct)
    {
        FillStored(await LoadAsync(ct));
        ConfirmDelete = true;
    }

    public async Task<IActionResult> OnPostSlettAsync(CancellationToken ct)
    {
        var a = await LoadAsync(ct);
        await attachments.DeleteAsync(Id, CurrentUser, ct);
        Flash = $"Vedlegg {a.Label} er slettet.";
        return Redirect($"/sekretariat/saker/{a.CaseId}/vedlegg");
    }

    private async Task<Attachment> LoadAsync(CancellationToken ct)
    {
        Attachment = await Db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == Id, ct)
                     ?? throw new NotFoundException($"Fant ikke vedlegg {Id}.");
        await LoadCaseAsync(Attachment.CaseId, ct);
        SuggestedLabel = await attachments.SuggestLabelAsync(Attachment.CaseId, ct);
        return Attachment;
    }

    private void FillStored(Attachment a)
    {
        Label = a.Label;
        Title = a.Title;
        Confidential = a.Confidential;
        LegalBasis = a.LegalBasis;
        Version = a.Version;
    }
}
