using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Archive;
using Samstyring.Core.Common;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Council;

/// <summary>
/// The Noark 5 extract of a body's meetings in a period as one ZIP, for the secretariat. The extract is built into a
/// temporary file first (deleted when the response is done), so bad input or a damaged attachment is a proper error
/// answer, never half a ZIP.
/// </summary>
public static class ArchiveApi
{
    public const string Zip = "application/zip";

    public static IEndpointRouteBuilder MapArchiveApi(this IEndpointRouteBuilder app)
    {
        var office = app.MapGroup("/api/v1").WithTags("Arkivuttrekk (sekretariatet)").RequireAuthorization("office");
        office.MapGet("/bodies/{slug}/archive", (string slug, string? from, string? to, HttpContext http, ExportArchive export, [FromServices] CurrentUser? user) =>
                ProblemResults.Run(async () =>
                {
                    var (file, request) = await ZipAsync(export, slug, from, to, user, http.RequestAborted);
                    http.Response.Headers.CacheControl = "private, no-store";
                    return Results.File(file, Zip, request.FileName + ".zip");
                }))
            .WithName("GetBodyArchive")
            .WithSummary("Noark 5-arkivuttrekk (ZIP) av organets møter med møtedato i perioden from–to (åååå-mm-dd, høyst 10 år): arkivstruktur.xml, "
                         + "endringslogg.xml, offentligJournal.xml, arkivuttrekk.xml (ADDML) og dokumentene. Saker og vedlegg unntatt offentlighet er med, "
                         + "merket med skjerming og hjemmel. Perioden må ha minst én offentlig sak. Sekretariatet.")
            .Produces(200, contentType: Zip).ProducesValidationProblem().ProducesProblem(403);
        return app;
    }

    /// <summary>The extract as a ZIP in a temporary file that deletes itself when closed, positioned at its start.</summary>
    public static async Task<(FileStream File, ArchiveRequest Request)> ZipAsync(ExportArchive export, string? slug, string? from, string? to,
        CurrentUser? user, CancellationToken ct)
    {
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"samstyring-arkiv-{Guid.NewGuid():N}.zip"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 81920, FileOptions.DeleteOnClose);
        try
        {
            ArchiveSummary summary;
            await using (var sink = new ZipArchiveSink(file))
                summary = await export.HandleAsync(slug, from, to, sink, user, ct);
            file.Position = 0;
            return (file, summary.Request);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
