using Microsoft.OpenApi;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.Features;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Portfolio;

public sealed record NextYearCountsDto(int CarriesOver, int Starts, int Ends, int Undecided);

/// <summary>The portfolio of a year: <c>expectedCount</c> is what carries over plus what starts.</summary>
public sealed record NextYearPortfolioDto(
    int Year, int ExpectedCount, NextYearCountsDto Counts, IReadOnlyList<NextYearRow> CarriesOver, IReadOnlyList<NextYearRow> Starts,
    IReadOnlyList<NextYearRow> Ends, IReadOnlyList<NextYearRow> Undecided)
{
    public static NextYearPortfolioDto From(NextYearPortfolio n) => new(
        n.Year, n.ExpectedCount, new NextYearCountsDto(n.CarriesOver.Count, n.Starts.Count, n.Ends.Count, n.Undecided.Count),
        n.CarriesOver, n.Starts, n.Ends, n.Undecided);
}

/// <summary>What an import created: how many initiatives, and their ids.</summary>
public sealed record ImportResultDto(int Count, IReadOnlyList<int> InitiativeIds);

/// <summary>The portfolio report as files and open data, next year's portfolio, and the office's bulk import of initiatives.</summary>
public static class ReportsApi
{
    private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string Json = "application/json; charset=utf-8";
    private const string Csv = "text/csv; charset=utf-8";

    public static readonly IReadOnlyList<string> Formats = ["docx", "xlsx", "json", "csv"];

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Porteføljerapport");

        api.MapGet("/portfolio/reports/current", (GetPortfolioReport uc, CancellationToken ct) =>
            ProblemResults.Run(async () => Results.Bytes(PortfolioReportDocuments.ToJson(await uc.HandleAsync(null, ct)), Json)))
            .WithName("GetCurrentPortfolioReport")
            .WithSummary("Porteføljerapporten for gjeldende rapporteringsperiode som JSON (offentlig).")
            .Produces<PortfolioReportJson>(StatusCodes.Status200OK, "application/json").ProducesValidationProblem();
        api.MapGet("/portfolio/reports/{period}.{format}", Download).WithName("DownloadPortfolioReport")
            .Produces(StatusCodes.Status200OK, responseType: null, contentType: Docx, additionalContentTypes: [Xlsx, "application/json", "text/csv"]).ProducesValidationProblem().ProducesProblem(404)
            // The JSON format is the open-data document GET /portfolio/reports/current describes (component PortfolioReportJson).
            .AddOpenApiOperationTransformer((operation, context, _) =>
            {
                if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
                {
                    response.Content ??= new Dictionary<string, OpenApiMediaType>();
                    response.Content["application/json"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(nameof(PortfolioReportJson), context.Document) };
                }
                return Task.CompletedTask;
            })
            .WithSummary("Porteføljerapporten for en periode som DOCX, XLSX, JSON eller CSV, f.eks. 2021-T3.docx (offentlig).");
        api.MapGet("/portfolio/chart.svg", (GetPortfolioReport report, GetPortfolioOverview overview, string? period, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                string svg;
                if (string.IsNullOrWhiteSpace(period))
                {
                    var o = await overview.HandleAsync(new OverviewFilter(), ct);
                    svg = PortfolioCharts.StatusRiskSvg(o.StatusDistribution, o.RiskDistribution);
                }
                else svg = PortfolioCharts.ReportSvg(await report.HandleAsync(period, ct));
                return Results.Text(svg, "image/svg+xml; charset=utf-8");
            }))
            .WithName("GetPortfolioChartSvg")
            .WithSummary("Status og risiko som SVG-diagram: siste rapporterte, eller for ?period=2021-T3 (offentlig).")
            .Produces(StatusCodes.Status200OK, contentType: "image/svg+xml").ProducesValidationProblem();
        api.MapGet("/portfolio/next-year/{year:int}", (int year, GetNextYearPortfolio uc, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var n = await uc.HandleAsync(year, ct);
                return Results.Ok(NextYearPortfolioDto.From(n));
            }))
            .WithName("GetNextYearPortfolio")
            .WithSummary("Porteføljen for et år: hva som videreføres, starter og avsluttes (offentlig).")
            .Produces<NextYearPortfolioDto>().ProducesValidationProblem();

        api.MapGet("/initiatives/import-template.csv", () => Results.File(ImportTemplate.Csv(), Csv, "tiltak-importmal.csv"))
            .WithName("GetImportTemplateCsv").WithSummary("Mal for import av tiltak (CSV, semikolonseparert).")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        api.MapGet("/initiatives/import-template.xlsx", () => Results.File(ImportTemplate.Xlsx(), Xlsx, "tiltak-importmal.xlsx"))
            .WithName("GetImportTemplateXlsx").WithSummary("Mal for import av tiltak (Excel).")
            .Produces(StatusCodes.Status200OK, contentType: Xlsx);
        api.MapPost("/initiatives/import", Import)
            .RequireAuthorization("office").WithName("ImportInitiatives")
            .Produces<ImportResultDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            // Described for OpenAPI rather than declared with Accepts: Accepts makes routing answer 415 to any other content
            // type before authorisation runs, and someone who may not import should learn nothing about the request's rules.
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["multipart/form-data"] = new()
                        {
                            Schema = new OpenApiSchema
                            {
                                Type = JsonSchemaType.Object, Required = new HashSet<string> { "file" },
                                Properties = new Dictionary<string, IOpenApiSchema>
                                {
                                    ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                                },
                            },
                        },
                    },
                };
                return Task.CompletedTask;
            })
            .WithSummary($"Importer tiltak fra CSV eller XLSX (feltet «file», høyst {ImportLimits.MaxBytes / 1024 / 1024} MB; større forespørsler får 413). Alt eller ingenting (porteføljekontoret).");
        return app;
    }

    private static Task<IResult> Download(string period, string format, GetPortfolioReport uc, CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var f = format.ToLowerInvariant();
            if (!Formats.Contains(f))
                return TypedResults.Problem($"Ukjent format «{Short(format)}». Bruk docx, xlsx, json eller csv.", statusCode: 404, title: "Finnes ikke");
            var r = await uc.HandleAsync(period, ct);
            var name = FileName(r.Period.Code, f);
            return f switch
            {
                "docx" => Results.File(PortfolioReportDocuments.ToDocx(r), Docx, name),
                "xlsx" => Results.File(PortfolioReportDocuments.ToXlsx(r), Xlsx, name),
                "json" => Results.File(PortfolioReportDocuments.ToJson(r), Json, name),
                _ => Results.File(PortfolioReportDocuments.ToCsv(r), Csv, name),
            };
        });

    public static string FileName(string periodCode, string format) => $"portefoljerapport-{periodCode}.{format}";

    public static string DownloadUrl(string periodCode, string format) =>
        $"/api/v1/portfolio/reports/{Uri.EscapeDataString(periodCode)}.{format}";

    /// <summary>What the server reads of an import request: the file limit plus room for the multipart framing.</summary>
    public const long MaxImportRequestBytes = ImportLimits.MaxBytes + 64 * 1024;

    private static async Task<IResult> Import(HttpContext ctx, ImportInitiatives uc, [FromServices] CurrentUser? user, CancellationToken ct)
    {
        var request = ctx.Request;
        try
        {
            PortfolioAccess.RequireOffice(user);
            // Refuse before reading a byte of the body; a body without a length is cut off at the same limit.
            if (!RequestBody.Limit(ctx, MaxImportRequestBytes)) return ImportTooLarge(request.ContentLength);
            if (!request.HasFormContentType)
                throw ImportFailedException.File("Send filen som multipart/form-data i feltet «file».");
            IFormCollection form;
            try
            {
                // A file a little over the limit gets through to the use case, which enforces the exact limit.
                form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = MaxImportRequestBytes }, ct);
            }
            catch (Exception e) when (e is InvalidDataException || e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return ImportTooLarge(null);
            }
            var file = form.Files.GetFile("file") ?? throw ImportFailedException.File("Filen mangler. Send den i feltet «file».");
            await using var stream = file.OpenReadStream();
            var result = await uc.HandleAsync(stream, file.FileName, user, ct);
            return Results.Ok(new ImportResultDto(result.Count, result.InitiativeIds));
        }
        catch (ImportFailedException e)
        {
            return ImportProblem(e);
        }
        catch (Exception e) when (e is ValidationFailedException or ForbiddenException)
        {
            return ProblemResults.From(e);
        }
    }

    private static IResult ImportTooLarge(long? requestBytes) => ProblemResults.TooLarge(
        (requestBytes is { } n ? $"Filen er for stor ({Norwegian.FileSize(n)}). " : "Filen er for stor. ")
        + $"Største tillatte størrelse er {ImportLimits.MaxBytes / 1024 / 1024} MB. Ingenting er importert.");

    /// <summary>400 with every bad row: errors keyed "row 3" (or "file"), and the same as a list under "rows".</summary>
    public static IResult ImportProblem(ImportFailedException e)
    {
        var errors = e.Errors
            .GroupBy(x => x.Row == 0 ? "file" : $"row {x.Row}")
            .ToDictionary(g => g.Key, g => g.Select(x => x.Row == 0 ? x.Message : $"{x.ColumnName}: {x.Message}").ToArray());
        return TypedResults.ValidationProblem(errors,
            title: "Importen ble avbrutt",
            detail: e.Errors.Count == 1
                ? "Ingenting er importert. Rett feilen og last opp hele filen på nytt."
                : $"Ingenting er importert. Filen har {e.Errors.Count} feil; rett dem og last opp hele filen på nytt.",
            extensions: new Dictionary<string, object?>
            {
                ["rows"] = e.Errors.Select(x => new { row = x.Row, field = x.Field, column = x.ColumnName, message = x.Message }).ToList(),
            });
    }

    private static string Short(string s) => s.Length > 20 ? s[..20] + "…" : s;
}
