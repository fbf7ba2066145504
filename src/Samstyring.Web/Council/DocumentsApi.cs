using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Council;

/// <summary>
/// The council's documents as files: notice, minutes and case paper as DOCX or PDF, and the board package as one PDF.
/// The reader's identity decides what is in them (anonymous readers get confidential cases redacted), so responses
/// are never stored in a shared cache. Minutes asked for before the meeting is held are 404 with the reason.
/// </summary>
public static class DocumentsApi
{
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Pdf = "application/pdf";

    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Råd og utvalg: dokumenter");

        api.MapGet("/meetings/{id:int}/notice.docx", (int id, HttpContext http, CouncilDocuments docs, [FromServices] CurrentUser? user) =>
                Serve(http, async ct => Word(await docs.NoticeAsync(id, user, ct))))
            .WithName("GetMeetingNoticeDocx")
            .WithSummary("Innkallingen med dagsorden og forslag til vedtak som Word-dokument (offentlig når innkallingen er sendt; saker unntatt offentlighet vises bare med nummer og hjemmel).")
            .Produces(200, contentType: Docx).ProducesProblem(404);
        api.MapGet("/meetings/{id:int}/notice.pdf", (int id, HttpContext http, CouncilDocuments docs, [FromServices] CurrentUser? user) =>
                Serve(http, async ct => AsPdf(await docs.NoticeAsync(id, user, ct))))
            .WithName("GetMeetingNoticePdf")
            .WithSummary("Innkallingen som PDF (som Word-utgaven).")
            .Produces(200, contentType: Pdf).ProducesProblem(404);
        api.MapGet("/meetings/{id:int}/minutes.docx", (int id, HttpContext http, CouncilDocuments docs, [FromServices] CurrentUser? user) =>
                Serve(http, async ct => Word(await docs.MinutesAsync(id, user, ct))))
            .WithName("GetMeetingMinutesDocx")
            .WithSummary("Referatet med oppmøte, vedtaksførhet og vedtak som Word-dokument (offentlig når møtet er avholdt; før det 404).")
            .Produces(200, contentType: Docx).ProducesProblem(404);
        api.MapGet("/meetings/{id:int}/minutes.pdf", (int id, HttpContext http, CouncilDocuments docs, [FromServices] CurrentUser? user) =>
                Serve(http, async ct => AsPdf(await docs.MinutesAsync(id, user, ct))))
            .WithName("GetMeetingMinutesPdf")
            .WithSummary("Referatet som PDF (som Word-utgaven).")
            .Produces(200, contentType: Pdf).ProducesProblem(404);
        api.MapGet("/meetings/{id:int}/package.pdf", (int id, HttpContext http, CouncilDocuments docs, [FromServices] CurrentUser? user) =>
                Serve(http, async ct =>
                {
                    var p = await docs.PackageAsync(id, user, ct);
                    return Results.File(p.Pdf, Pdf, p.FileName + ".pdf");
                }))
            .WithName("GetMeetingPackagePdf")
            .WithSummary("Saksdokumentene samlet i én PDF: innkalling, alle saksfremlegg og vedleggsliste, med bokmerker (offentlig når innkallingen er sendt).")
            .Produces(200, contentType: Pdf).ProducesProblem(404);
        api.MapGet("/cases/{id:int}/paper.docx", (int id, HttpContext http, CouncilDocuments docs, [FromServices] CurrentUser? user) =>
                Serve(http, async ct => Word(await docs.CasePaperAsync(id, user, ct))))
            .WithName("GetCasePaperDocx")
            .WithSummary("Saksfremlegget som Word-dokument (offentlig; for saker unntatt offentlighet bare nummer og hjemmel).")
            .Produces(200, contentType: Docx).ProducesProblem(404);
        api.MapGet("/cases/{id:int}/paper.pdf", (int id, HttpContext http, CouncilDocuments docs, [FromServices] CurrentUser? user) =>
                Serve(http, async ct => AsPdf(await docs.CasePaperAsync(id, user, ct))))
            .WithName("GetCasePaperPdf")
            .WithSummary("Saksfremlegget som PDF (som Word-utgaven).")
            .Produces(200, contentType: Pdf).ProducesProblem(404);
        return app;
    }

    /// <summary>"private, no-cache": what a member downloads may hold confidential content and must not land in a shared cache.</summary>
    private static Task<IResult> Serve(HttpContext http, Func<CancellationToken, Task<IResult>> produce) =>
        ProblemResults.Run(async () =>
        {
            var result = await produce(http.RequestAborted);
            http.Response.Headers.CacheControl = "private, no-cache";
            return result;
        });

    // Results.File writes Content-Disposition: attachment with an ASCII filename and the UTF-8 filename* (RFC 6266).
    private static IResult Word(CouncilDocument d) => Results.File(d.Document.ToDocx(), Docx, d.FileName + ".docx");

    private static IResult AsPdf(CouncilDocument d) => Results.File(d.Document.ToPdf(), Pdf, d.FileName + ".pdf");
}
