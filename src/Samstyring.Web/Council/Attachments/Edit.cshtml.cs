using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Council;

namespace Samstyring.Web.Council.Attachments;

/// <summary>Changes an attachment's number, title and openness, or deletes it (after a confirmation).</summary>
[Authorize(Policy = "office")]
public sealed class EditModel(UpdateAttachment updateAttachment, DeleteAttachment deleteAttachment, CouncilQueries queries) : AttachmentFormPage(queries)
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public int Version { get; set; }
    public Attachment Attachment { get; private set; } = null!;
    public bool ConfirmDelete { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => FillStored(await LoadAsync(ct));

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Attachment? saved = null;
        if (await TryAsync(async () => saved = await updateAttachment.HandleAsync(Id, new AttachmentEdit(Label, Title, Confidential, LegalBasis), Version, CurrentUser, ct)))
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
        await deleteAttachment.HandleAsync(Id, CurrentUser, ct);
        Flash = $"Vedlegg {a.Label} er slettet.";
        return Redirect($"/sekretariat/saker/{a.CaseId}/vedlegg");
    }

    private async Task<Attachment> LoadAsync(CancellationToken ct)
    {
        Attachment = await Queries.GetAttachmentAsync(Id, ct);
        await LoadCaseAsync(Attachment.CaseId, ct);
        SuggestedLabel = await Queries.SuggestAttachmentLabelAsync(Attachment.CaseId, ct);
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
