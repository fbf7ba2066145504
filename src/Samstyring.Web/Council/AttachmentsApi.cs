using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Council;

public sealed record AttachmentBody(string? Label, string? Title, bool Confidential, string? LegalBasis, int? Version);

public sealed record AttachmentDto(
    int Id, int CaseId, string Label, string Title, string? FileName, string? ContentType, long? SizeBytes, string? Sha256,
    bool Confidential, string? LegalBasis, DateTime UploadedAt, string? UploadedBy, int Version, string? Url)
{
    public static AttachmentDto From(Attachment a) => new(
        a.Id, a.CaseId, a.Label, a.Title, a.FileName, a.ContentType, a.SizeBytes, a.Sha256, a.Confidential, a.LegalBasis,
        a.UploadedAt, a.UploadedBy, a.Version, a.HasFile ? AttachmentsApi.DownloadUrl(a.Id) : null);
}

/// <summary>Vedlegg over HTTP: download for whoever may see it, upload/change/delete for the secretariat.</summary>
public static class AttachmentsApi
{
    /// <summary>
    /// What the server reads of an upload request: the file limit plus room for the other fields and the multipart
    /// framing, and a margin so a file somewhat over the limit gets the exact message from the use case.
    /// </summary>
    public const long MaxRequestBytes = AttachmentAccess.MaxBytes + 8L * 1024 * 1024;

    public static string DownloadUrl(int id) => $"/api/v1/attachments/{id}";

    public static IEndpointRouteBuilder MapAttachmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Vedlegg");
        api.MapGet("/attachments/{id:int}", Download).WithName("DownloadAttachment")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").ProducesProblem(404)
            .WithSummary("Last ned et vedlegg. Vedlegg unntatt offentlighet, og vedlegg til møter der innkallingen ikke er sendt, bare for sekretariatet og medlemmene.");

        var write = api.MapGroup("").RequireAuthorization("office");
        write.MapPost("/cases/{caseId:int}/attachments", Upload).WithName("UploadAttachment")
            .Produces<AttachmentDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(404)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary($"Last opp et vedlegg til en sak (sekretariatet). multipart/form-data med file, label, title, confidential, legalBasis. Høyst {AttachmentAccess.MaxMegabytes} MB.")
            .DisableAntiforgery();
        write.MapPut("/attachments/{id:int}", (int id, AttachmentBody body, HttpRequest req, HttpResponse response, UpdateAttachment uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var a = await uc.HandleAsync(id, new AttachmentEdit(body.Label, body.Title, body.Confidential, body.LegalBasis), Versions.Expected(req, body.Version), user, ct);
                response.SetVersion(a.Version);
                return Results.Ok(AttachmentDto.From(a));
            })).WithName("UpdateAttachment")
            .WithSummary("Endre nummer, tittel og offentlighet for et vedlegg (sekretariatet). Krever versjon i If-Match eller body.")
            .Produces<AttachmentDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        write.MapDelete("/attachments/{id:int}", (int id, DeleteAttachment uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                await uc.HandleAsync(id, user, ct);
                return Results.NoContent();
            })).WithName("DeleteAttachment").WithSummary("Slett et vedlegg og filen (sekretariatet).")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(404);
        return app;
    }

    private static Task<IResult> Download(int id, HttpResponse response, CouncilQueries queries, [FromServices] CurrentUser? user, CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var (a, content) = await queries.OpenAttachmentAsync(id, user, ct);
            response.Headers.XContentTypeOptions = "nosniff";
            // Some files are only for the secretariat and members; no shared cache may keep any of them.
            response.Headers.CacheControl = "private, no-cache";
            // Results.File writes Content-Disposition: attachment with an ASCII filename and the UTF-8 filename* (RFC 6266).
            return Results.File(content, a.ContentType ?? "application/octet-stream", a.FileName ?? $"vedlegg-{a.Label}",
                entityTag: a.Sha256 is null ? null : new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{a.Sha256}\""));
        });

    private static async Task<IResult> Upload(int caseId, HttpContext ctx, UploadAttachment uc, IAntiforgery antiforgery,
        [FromServices] CurrentUser? user, CancellationToken ct)
    {
        var request = ctx.Request;
        return await ProblemResults.Run(async () =>
        {
            // Refuse before reading a byte of the body.
            CouncilAccess.RequireSecretariat(user);
            if (!RequestBody.Limit(ctx, MaxRequestBytes)) return TooLarge(request.ContentLength);
            if (!request.HasFormContentType)
                throw ValidationFailedException.For("file", "Send vedlegget som multipart/form-data med filen i feltet «file».");
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = MaxRequestBytes }, ct);
            }
            catch (Exception e) when (e is InvalidDataException || e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return TooLarge(null);
            }
            // A browser session (cookie) must prove the form is ours; Basic-authenticated clients cannot be driven cross-site.
            if (!request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
                await antiforgery.ValidateRequestAsync(ctx);
            var file = form.Files.GetFile("file");
            var input = new AttachmentUpload(file?.FileName, form["label"], form["title"], IsChecked(form["confidential"]), form["legalBasis"]);
            await using var content = file?.OpenReadStream() ?? Stream.Null;
            var a = await uc.HandleAsync(caseId, input, content, user, ct);
            return Results.Created(DownloadUrl(a.Id), AttachmentDto.From(a));
        });
    }

    /// <summary>"true", "on" (an HTML checkbox) or "1".</summary>
    public static bool IsChecked(string? value) =>
        value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value is "on" or "1");

    public static IResult TooLarge(long? requestBytes) => ProblemResults.TooLarge(
        (requestBytes is { } n ? $"Filen er for stor ({AttachmentAccess.Size(n)}). " : "Filen er for stor. ")
        + $"Største tillatte størrelse er {AttachmentAccess.MaxMegabytes} MB.");

}
