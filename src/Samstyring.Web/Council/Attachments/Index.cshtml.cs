using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Council;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Council.Attachments;

/// <summary>The secretariat's view of a case's vedlegg: the list, and the upload form.</summary>
[Authorize(Policy = "office")]
[UploadSizeGuard(AttachmentsApi.MaxRequestBytes, AttachmentAccess.MaxMegabytes)]
[RequestSizeLimit(AttachmentsApi.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = AttachmentsApi.MaxRequestBytes)]
public sealed class IndexModel(UploadAttachment uploadAttachment, CouncilQueries queries) : AttachmentFormPage(queries)
{
    [BindProperty(SupportsGet = true)] public int CaseId { get; set; }
    [BindProperty(Name = "file")] public IFormFile? Upload { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Label = SuggestedLabel;
        if (TempData[UploadSizeGuardAttribute.TempDataKey] is string tooLarge)
            ModelState.AddModelError("file", tooLarge);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Attachment? saved = null;
        var ok = await TryAsync(async () =>
        {
            await using var content = Upload?.OpenReadStream() ?? Stream.Null;
            saved = await uploadAttachment.HandleAsync(CaseId, new AttachmentUpload(Upload?.FileName, Label, Title, Confidential, LegalBasis), content, CurrentUser, ct);
        });
        if (ok && saved is not null)
        {
            Flash = $"Vedlegg {saved.Label} «{saved.Title}» er lastet opp.";
            return Redirect($"/sekretariat/saker/{CaseId}/vedlegg");
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await LoadCaseAsync(CaseId, ct);
        SuggestedLabel = await Queries.SuggestAttachmentLabelAsync(CaseId, ct);
    }
}
