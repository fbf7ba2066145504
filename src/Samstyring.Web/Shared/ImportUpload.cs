using Microsoft.AspNetCore.Http.Features;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;
using Samstyring.Web.Portfolio;

namespace Samstyring.Web.Shared;

/// <summary>
/// The file of an import request to the API, for the imports that take a list from an operator or the office (adoption,
/// population figures): a multipart form's «file», or the whole body as CSV or XLSX, within <see cref="ImportLimits.MaxBytes"/>.
/// </summary>
public static class ImportUpload
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// Sets the request's body limit to the import's: false when the declared length is already over (refuse before reading a
    /// byte). Call before <see cref="ReadAsync"/>.
    /// </summary>
    public static bool Limit(HttpContext ctx) => Shared.RequestBody.Limit(ctx, ReportsApi.MaxImportRequestBytes);

    /// <summary>Reads the file of the request (after <see cref="Limit"/>). A null stream means the body passed the size limit.</summary>
    public static async Task<(Stream? Content, string FileName)> ReadAsync(HttpContext ctx, string defaultName, CancellationToken ct)
    {
        var request = ctx.Request;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = ReportsApi.MaxImportRequestBytes }, ct);
            var file = form.Files.GetFile("file") ?? throw ImportFailedException.File("Filen mangler. Send den i feltet «file».");
            return (file.OpenReadStream(), file.FileName);
        }
        var type = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        var extension = type switch
        {
            "text/csv" or "text/plain" => ".csv",
            Xlsx => ".xlsx",
            _ => throw ImportFailedException.File(
                "Send filen som multipart/form-data i feltet «file», eller som hele forespørselen med Content-Type text/csv eller " + Xlsx + "."),
        };
        // Read here, to the file limit plus a byte, so a body without a length that is too large gets 413 rather than 400.
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > ImportLimits.MaxBytes) return (null, "");
        }
        buffer.Position = 0;
        return (buffer, defaultName + extension);
    }

    /// <summary>413 naming the limit; nothing was saved.</summary>
    public static IResult TooLarge(long? requestBytes) => ProblemResults.TooLarge(
        (requestBytes is { } n ? $"Filen er for stor ({Norwegian.FileSize(n)}). " : "Filen er for stor. ")
        + $"Største tillatte størrelse er {ImportLimits.MaxBytes / 1024 / 1024} MB. Ingenting er lagret.");

    /// <summary>The request body of an import as OpenAPI describes it: multipart «file», or the file itself as CSV or XLSX.</summary>
    public static Microsoft.OpenApi.OpenApiRequestBody RequestBody()
    {
        var binary = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, Format = "binary" };
        return new Microsoft.OpenApi.OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType>
            {
                ["multipart/form-data"] = new()
                {
                    Schema = new Microsoft.OpenApi.OpenApiSchema
                    {
                        Type = Microsoft.OpenApi.JsonSchemaType.Object, Required = new HashSet<string> { "file" },
                        Properties = new Dictionary<string, Microsoft.OpenApi.IOpenApiSchema> { ["file"] = binary },
                    },
                },
                ["text/csv"] = new() { Schema = binary },
                [Xlsx] = new() { Schema = binary },
            },
        };
    }
}
