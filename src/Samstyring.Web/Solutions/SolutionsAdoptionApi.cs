using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;
using Samstyring.Core.Solutions;
using Samstyring.Web.Portfolio;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Solutions;

/// <summary>
/// One municipality's new stage: <c>organizationId</c> or <c>municipalityNumber</c> (four digits), <c>stage</c> (code or
/// Norwegian label), <c>date</c> (åååå-mm-dd, today when empty), <c>source</c> (1–300 characters), and
/// <c>confirmBackwards</c> to record a step back.
/// </summary>
public sealed record AdoptionChangeBody(int? OrganizationId, string? MunicipalityNumber, string? Stage, string? Date, string? Source, bool? ConfirmBackwards)
{
    public AdoptionChangeInput ToInput() => new(OrganizationId, MunicipalityNumber, Stage, Date, Source, ConfirmBackwards == true);
}

/// <summary>A recorded change: <c>from</c> is the stage the municipality had on the date before it.</summary>
public sealed record AdoptionChangeDto(
    long Id, string Solution, int OrganizationId, string Municipality, string MunicipalityNumber, AdoptionStage From, AdoptionStage Stage,
    DateOnly Date, string Source, string RecordedBy, DateTime RecordedAt)
{
    public static AdoptionChangeDto Of(RecordedAdoptionChange c) =>
        new(c.Id, c.SolutionKey, c.OrganizationId, c.Municipality, c.MunicipalityNumber, c.From, c.Stage, c.On, c.Source, c.RecordedBy, c.RecordedAt);
}

/// <summary>A municipality that goes back a stage; <c>row</c> is its row in the uploaded list (null for a single change).</summary>
public sealed record BackwardsMoveDto(int OrganizationId, string Municipality, string MunicipalityNumber, AdoptionStage From, AdoptionStage To, int? Row)
{
    public static BackwardsMoveDto Of(BackwardsMove m) => new(m.OrganizationId, m.Municipality, m.MunicipalityNumber, m.From, m.To, m.Row);
}

/// <summary>
/// A saved upload: <c>changed</c> rows changed a stage (the steps back included), <c>unchanged</c> rows gave the stage the
/// municipality already had and were skipped, <c>backwards</c> of the changed went back a stage (listed).
/// </summary>
public sealed record AdoptionImportResultDto(int Changed, int Unchanged, int Backwards, IReadOnlyList<BackwardsMoveDto> BackwardsMoves)
{
    public static AdoptionImportResultDto From(AdoptionImportResult r) =>
        new(r.Changed, r.Unchanged, r.Backwards, r.BackwardsMoves.Select(BackwardsMoveDto.Of).ToList());
}

/// <summary>
/// 409: nothing was saved because municipalities would go back a stage (RFC 9457 problem details). <c>backwards</c> lists
/// them; send the same request again with <c>confirmBackwards</c> to save. <c>changed</c> and <c>unchanged</c> are what the
/// upload would do; <c>errors.stage</c> carries the message for a form.
/// </summary>
public sealed record AdoptionBackwardsProblem(
    string Type, string Title, int Status, string Detail, IReadOnlyDictionary<string, string[]> Errors, IReadOnlyList<BackwardsMoveDto> Backwards,
    int Changed, int Unchanged);

/// <summary>
/// Adoption (innføring) of a solution coming in: one change at a time, or the operator's list as CSV or XLSX. Only the
/// portfolio office and operators get past the door (401 anonymous, 403 other roles, before the request is read); the use
/// case then checks that an operator runs this very solution (403 otherwise).
/// </summary>
public static class SolutionsAdoptionApi
{
    public static RouteGroupBuilder MapSolutionsAdoptionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/solutions/{key}/adoption").WithTags("Løsninger: innføring (porteføljekontoret og driftsleverandøren)")
            .RequireAuthorization(p => p.RequireRole(nameof(Role.PortfolioOffice), nameof(Role.Operator)));

        api.MapPost("/changes", RecordChange).WithName("RecordAdoptionChange")
            .WithSummary("Registrer at én kommune har nådd et innføringssteg (status) for løsningen fra en dato. Et steg tilbake gir 409 til det bekreftes med confirmBackwards; samme status som kommunen allerede har, gir 400. Porteføljekontoret og løsningens driftsleverandør.")
            .Produces<AdoptionChangeDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404)
            .Produces<AdoptionBackwardsProblem>(StatusCodes.Status409Conflict, "application/problem+json");
        api.MapPost("/import", Import).WithName("ImportAdoption")
            .WithSummary($"Last opp driftsleverandørens liste (CSV eller XLSX, høyst {ImportLimits.MaxBytes / 1024 / 1024} MB) med kolonnene kommunenummer, status og valgfritt dato og kilde: som multipart-feltet «file» eller som hele forespørselen (text/csv eller XLSX). ?date= gjelder rader uten dato; alt eller ingenting, og feil oppgis per rad. Kommuner som går et steg tilbake gir 409 til forespørselen sendes på nytt med ?confirmBackwards=true.")
            .Produces<AdoptionImportResultDto>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404)
            .Produces<AdoptionBackwardsProblem>(StatusCodes.Status409Conflict, "application/problem+json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            // Described rather than declared with Accepts, as the initiative import: Accepts would answer 415 before authorisation.
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = ImportUpload.RequestBody();
                return Task.CompletedTask;
            });
        return api;
    }

    private static async Task<IResult> RecordChange(string key, AdoptionChangeBody body, RecordAdoptionChange uc, [FromServices] CurrentUser? user,
        CancellationToken ct)
    {
        try
        {
            var change = await uc.HandleAsync(key, body.ToInput(), user, ct);
            return Results.Created($"/api/v1/solutions/{Uri.EscapeDataString(change.SolutionKey)}/adoption", AdoptionChangeDto.Of(change));
        }
        catch (AdoptionBackwardsException e)
        {
            return Backwards(e.Message, [e.Move], 1, 0);
        }
        catch (Exception e) when (e is ValidationFailedException or NotFoundException or ForbiddenException)
        {
            return ProblemResults.From(e);
        }
    }

    private static async Task<IResult> Import(string key, HttpContext ctx, ImportAdoption uc, [FromServices] CurrentUser? user, string? date,
        bool? confirmBackwards, CancellationToken ct)
    {
        var request = ctx.Request;
        try
        {
            // Refuse before reading a byte of the body; a body without a length is cut off at the same limit.
            if (!ImportUpload.Limit(ctx)) return ImportUpload.TooLarge(request.ContentLength);
            var (content, fileName) = await ImportUpload.ReadAsync(ctx, "liste", ct);
            if (content is null) return ImportUpload.TooLarge(null);
            await using var _ = content;
            var result = await uc.HandleAsync(key, content, fileName, new AdoptionImportInput(date, confirmBackwards == true), user, ct);
            if (result.NeedsConfirmation)
                return Backwards(BackwardsDetail(result), result.BackwardsMoves, result.Changed, result.Unchanged);
            return Results.Ok(AdoptionImportResultDto.From(result));
        }
        catch (ImportFailedException e)
        {
            return ReportsApi.ImportProblem(e);
        }
        catch (Exception e) when (e is InvalidDataException || e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return ImportUpload.TooLarge(null);
        }
        catch (Exception e) when (e is ValidationFailedException or NotFoundException or ForbiddenException)
        {
            return ProblemResults.From(e);
        }
    }

    private static string BackwardsDetail(AdoptionImportResult r) =>
        (r.Backwards == 1 ? "1 kommune går" : $"{r.Backwards} kommuner går") + " et steg tilbake i innføringen. Ingenting er lagret. "
        + "Send listen på nytt med confirmBackwards=true for å lagre alle endringene.";

    private static IResult Backwards(string detail, IReadOnlyList<BackwardsMove> moves, int changed, int unchanged) =>
        TypedResults.Json(new AdoptionBackwardsProblem(
                "https://tools.ietf.org/html/rfc9110#section-15.5.10", "Bekreft at innføringen går tilbake", StatusCodes.Status409Conflict, detail,
                new Dictionary<string, string[]> { [AdoptionBackwardsException.Field] = [detail] },
                moves.Select(BackwardsMoveDto.Of).ToList(), changed, unchanged),
            contentType: "application/problem+json", statusCode: StatusCodes.Status409Conflict);
}
