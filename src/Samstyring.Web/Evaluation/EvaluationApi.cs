using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Samstyring.Core.Common;
using Samstyring.Core.Evaluation;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Evaluation;

public sealed record CreateEvaluationBody(string? Title, string? Description, string? Purpose, int? PrincipleSetId, int? StrategyId)
{
    public CreateEvaluationInput ToInput() => new(Title, Description, Purpose, PrincipleSetId, StrategyId);
}

/// <summary>A proposal: a target area's <c>title</c> and <c>description</c>, or for a round on initiatives, <c>initiativeId</c>.</summary>
public sealed record ProposalBody(string? Title, string? Description, int? InitiativeId);

/// <summary>Merge proposal <c>duplicateId</c> into <c>keepId</c>; <c>version</c> is the duplicate's.</summary>
public sealed record MergeBody(int? KeepId, int? DuplicateId, int? Version);

/// <summary>The round's <c>status</c> (open-for-proposals, scoring, closed) and/or whether it is <c>published</c>; <c>version</c> is the round's.</summary>
public sealed record StageBody(string? Status, bool? Published, int? Version);

/// <summary>The panel by user names (replaces the panel); <c>version</c> is the round's.</summary>
public sealed record PanelBody(IReadOnlyList<string?>? UserNames, int? Version);

/// <summary>One principle's weight (whole number 0–100) by its number.</summary>
public sealed record WeightBody(int? Principle, int? Weight);

/// <summary>The board's weights, the council case that set them (<c>caseId</c>) and the date (<c>decidedOn</c>, yyyy-mm-dd); <c>version</c> is the round's.</summary>
public sealed record WeightsBody(IReadOnlyList<WeightBody?>? Weights, int? CaseId, string? DecidedOn, int? Version);

/// <summary>One score: the principle's number, <c>value</c> 0–4 and a short <c>reason</c>.</summary>
public sealed record ScoreBody(int? Principle, int? Value, string? Reason);

/// <summary>The signed-in scorer's scores of one candidate, one per principle; <c>version</c> is the sheet's (none for the first save).</summary>
public sealed record ScoresBody(IReadOnlyList<ScoreBody?>? Scores, int? Version);

public sealed record SheetWriteDto(int Id, int CandidateId, DateTime ScoredAt, int Version);

/// <summary>
/// Evaluation against principles over HTTP (issue 12): rounds with their principle set, the board's weights (or equal,
/// said so), candidates with proposers, the panel's scores side by side with their spread, the ranking and its
/// sensitivity; scores as CSV and the board-case section as DOCX/PDF. A round's candidates and scores are public once
/// the office publishes it; before that the office, council members and the panel see them, and a proposer their own.
/// Writes: proposals by any signed-in actor user or council member, scores by the office and the panel, the rest by the
/// office. Changes to what exists need its version (If-Match or «version»).
/// </summary>
public static class EvaluationApi
{
    private const string Csv = "text/csv; charset=utf-8";
    private const string Pdf = "application/pdf";
    private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Tag = "Vurderinger";

    public static string Url(int id) => $"/api/v1/evaluations/{id.ToString(CultureInfo.InvariantCulture)}";

    public static IEndpointRouteBuilder MapEvaluationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/evaluations").WithTags(Tag);
        api.MapGet("", List).WithName("ListEvaluations")
            .WithSummary("Vurderingsrundene, nyeste først: tittel, formål (target-areas eller initiatives), status, om de er publisert, antall forslag og om styret har fastsatt vektene.")
            .Produces<List<EvaluationSummary>>();
        api.MapGet("/principle-sets", PrincipleSets).WithName("ListPrincipleSets")
            .WithSummary("Prinsippsettene (evalueringsprinsipper) med prinsippene i kildens rekkefølge og ordlyd; versjon 1 for målområder er de 11 prinsippene fra sak 40/21.")
            .Produces<List<PrincipleSetView>>();
        api.MapGet("/{id}", Get).WithName("GetEvaluation")
            .WithSummary("Én vurderingsrunde: prinsippene, vektene (styrets med saken, eller like inntil de er fastsatt), forslagene med forslagsstillere, panelets poeng side om side med spredning, rangeringen (sum 0–4, delt plass ved likhet) og følsomheten: hver vekt ±50 % for seg, og andelen av tilfeldige vektsett (draws, standard 1000, høyst 10 000; frø seed) der hvert forslag er i topp N (top, standard 3, høyst 50). Før publisering ser publikum ikke forslagene (candidatesHidden). ETag er radversjonen.")
            .Produces<EvaluationDetails>().ProducesValidationProblem().ProducesProblem(404);
        api.MapGet("/{id}/scores.csv", ScoresCsv).WithName("GetEvaluationScoresCsv")
            .WithSummary("Alle poeng i runden som CSV: forslag, panelmedlem, prinsipp, poeng og begrunnelse. 404 før runden er publisert for dem som ikke ser den.")
            .Produces(200, contentType: "text/csv").ProducesValidationProblem().ProducesProblem(404);
        api.MapGet("/{id}/report.docx", (string id, HttpContext http, EvaluationQueries q, [FromServices] CurrentUser? user) =>
                Document(id, http, q, user, EvaluationDocuments.Docx, Docx, "docx"))
            .WithName("GetEvaluationDocx")
            .WithSummary("Rangeringen med prinsipper, vekter, spredning og følsomhet som avsnitt til styresaken (Word). Samme parametere som GetEvaluation.")
            .Produces(200, contentType: Docx).ProducesValidationProblem().ProducesProblem(404);
        api.MapGet("/{id}/report.pdf", (string id, HttpContext http, EvaluationQueries q, [FromServices] CurrentUser? user) =>
                Document(id, http, q, user, EvaluationDocuments.Pdf, Pdf, "pdf"))
            .WithName("GetEvaluationPdf")
            .WithSummary("Rangeringen med prinsipper, vekter, spredning og følsomhet som avsnitt til styresaken (PDF). Samme parametere som GetEvaluation.")
            .Produces(200, contentType: Pdf).ProducesValidationProblem().ProducesProblem(404);

        var signedIn = app.MapGroup("/api/v1/evaluations").WithTags(Tag).RequireAuthorization();
        signedIn.MapPost("/{id}/proposals", Propose).WithName("ProposeEvaluationCandidate")
            .WithSummary("Foreslå et målområde (title, description) – eller i en runde om tiltak, et tiltak (initiativeId) – i en runde som er åpen for forslag. Tiltakseiere, KS, utvalgsmedlemmer og porteføljekontoret.")
            .WithJsonBody<ProposalBody>()
            .Produces<CandidateView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(404);
        signedIn.MapPut("/{id}/candidates/{candidateId}/scores", Score).WithName("ScoreEvaluationCandidate")
            .WithSummary("Lagre egne poeng for et forslag: 0–4 og en kort begrunnelse for hvert prinsipp. Porteføljekontoret og panelet. Første lagring uten versjon (201), senere med arkets versjon.")
            .WithJsonBody<ScoresBody>()
            .Produces<SheetWriteDto>().Produces<SheetWriteDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);

        var office = app.MapGroup("/api/v1/evaluations").WithTags(Tag).RequireAuthorization("office");
        office.MapPost("", Create).WithName("CreateEvaluation")
            .WithSummary("Åpne en vurderingsrunde for forslag: tittel, formål (target-areas eller initiatives, som velger gjeldende prinsippsett) eller principleSetId, og eventuelt strategyId. Porteføljekontoret.")
            .WithJsonBody<CreateEvaluationBody>()
            .Produces<EvaluationDetails>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(404);
        office.MapPost("/{id}/merge", Merge).WithName("MergeEvaluationCandidates")
            .WithSummary("Slå sammen et dublettforslag (duplicateId) med forslaget som beholdes (keepId); alle forslagsstillerne beholdes. Krever dublettens versjon.")
            .WithJsonBody<MergeBody>()
            .Produces<CandidateView>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        office.MapPost("/{id}/candidates/{candidateId}/target-area", TakeIntoStrategy).WithName("AddTargetAreaFromCandidate")
            .WithSummary("Ta et forslag inn som nytt målområde i strategien runden hører til: forslagets tittel, beskrivelsen som mål og neste ledige nummer. Bare runder om målområder med strategyId; ingen kropp.")
            .Produces<Samstyring.Core.Strategy.TargetAreaView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(404);
        office.MapPost("/{id}/stage", Stage).WithName("ChangeEvaluationStage")
            .WithSummary("Endre rundens status (open-for-proposals, scoring, closed) og/eller publiser den (published). Krever rundens versjon.")
            .WithJsonBody<StageBody>()
            .Produces<EvaluationDetails>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        office.MapPut("/{id}/panel", Panel).WithName("SetEvaluationPanel")
            .WithSummary("Oppnevn panelet (brukernavn); erstatter panelet. Krever rundens versjon.")
            .WithJsonBody<PanelBody>()
            .Produces<EvaluationDetails>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        office.MapPut("/{id}/weights", Weights).WithName("SetEvaluationWeights")
            .WithSummary("Registrer styrets vekter (0–100 per prinsipp, ikke alle null), saken som fastsatte dem (caseId) og datoen. Krever rundens versjon.")
            .WithJsonBody<WeightsBody>()
            .Produces<EvaluationDetails>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        return app;
    }

    /// <summary>A positive id from the route, else a Norwegian 400 naming the field.</summary>
    public static int Id(string? value, string field, string label)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) return id;
        throw ValidationFailedException.For(field, $"{label} må være en id (et positivt heltall), ikke «{Validator.Truncate(value ?? "")}».");
    }

    /// <summary>The sensitivity from the query (top, draws, seed), defaults where absent, bounded, errors in Norwegian.</summary>
    public static SensitivityOptions Options(IQueryCollection query)
    {
        var v = new Validator();
        int? Int(string name, string label)
        {
            var s = query[name].ToString();
            if (string.IsNullOrWhiteSpace(s)) return null;
            if (int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
            v.Add(name, $"{label} må være et heltall, ikke «{Validator.Truncate(s)}».");
            return null;
        }
        var top = Int("top", "N for «topp N»");
        var draws = Int("draws", "Antall trekninger");
        ulong? seed = null;
        var seedText = query["seed"].ToString();
        if (!string.IsNullOrWhiteSpace(seedText))
        {
            if (ulong.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out var s)) seed = s;
            else v.Add("seed", $"Frøet må være et heltall fra 0 til {ulong.MaxValue}, ikke «{Validator.Truncate(seedText)}».");
        }
        v.ThrowIfInvalid();
        var options = new SensitivityOptions(top ?? SensitivityOptions.DefaultTopN, draws ?? SensitivityOptions.DefaultDraws, seed ?? SensitivityOptions.DefaultSeed);
        options.Validate();
        return options;
    }

    private static Task<IResult> List(HttpContext http, EvaluationQueries q, [FromServices] CurrentUser? user) =>
        ProblemResults.Run(async () =>
        {
            http.Response.Headers.CacheControl = "private, no-cache";
            return Results.Ok(await q.ListAsync(user, http.RequestAborted));
        });

    private static Task<IResult> PrincipleSets(HttpContext http, EvaluationQueries q) =>
        ProblemResults.Run(async () => Results.Ok(await q.PrincipleSetsAsync(http.RequestAborted)));

    private static Task<IResult> Get(string id, HttpContext http, EvaluationQueries q, [FromServices] CurrentUser? user) =>
        ProblemResults.Run(async () =>
        {
            var evaluationId = Id(id, "id", "Vurderingen");
            var details = await q.DetailsAsync(evaluationId, user, Options(http.Request.Query), http.RequestAborted);
            return Details(http.Response, details);
        });

    private static IResult Details(HttpResponse res, EvaluationDetails details, bool created = false)
    {
        // What a reader sees depends on who they are (panel, proposer) until the round is published: never a shared cache.
        res.Headers.CacheControl = "private, no-cache";
        res.SetVersion(details.Summary.Version);
        return created ? Results.Created(Url(details.Summary.Id), details) : Results.Ok(details);
    }

    private static Task<IResult> ScoresCsv(string id, HttpContext http, EvaluationQueries q, [FromServices] CurrentUser? user) =>
        ProblemResults.Run(async () =>
        {
            var evaluationId = Id(id, "id", "Vurderingen");
            var rows = await q.ScoresAsync(evaluationId, user, http.RequestAborted);
            http.Response.Headers.CacheControl = "private, no-cache";
            return Results.File(EvaluationDocuments.ScoresCsv(rows), Csv, $"vurdering-{evaluationId.ToString(CultureInfo.InvariantCulture)}-poeng.csv");
        });

    private static Task<IResult> Document(string id, HttpContext http, EvaluationQueries q, CurrentUser? user, Func<EvaluationDetails, byte[]> write,
        string contentType, string extension) =>
        ProblemResults.Run(async () =>
        {
            var evaluationId = Id(id, "id", "Vurderingen");
            var details = await q.DetailsAsync(evaluationId, user, Options(http.Request.Query), http.RequestAborted);
            if (details.CandidatesHidden) throw new NotFoundException($"Vurdering {evaluationId} er ikke publisert.");
            http.Response.Headers.CacheControl = "private, no-cache";
            return Results.File(write(details), contentType, $"vurdering-{evaluationId.ToString(CultureInfo.InvariantCulture)}.{extension}");
        });

    private static Task<IResult> Create(HttpRequest req, HttpResponse res, CreateEvaluation uc, EvaluationQueries q, [FromServices] CurrentUser? user, CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var body = await JsonBody.ReadAsync<CreateEvaluationBody>(req, ct);
            var round = await uc.HandleAsync(body.ToInput(), user, ct);
            return Details(res, await q.DetailsAsync(round.Id, user, new SensitivityOptions(Draws: 0), ct), created: true);
        });

    private static Task<IResult> Propose(string id, HttpRequest req, HttpResponse res, ProposeCandidate uc, EvaluationQueries q, [FromServices] CurrentUser? user,
        CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var evaluationId = Id(id, "id", "Vurderingen");
            var body = await JsonBody.ReadAsync<ProposalBody>(req, ct);
            var candidate = await uc.HandleAsync(evaluationId, new ProposalInput(body.Title, body.Description, body.InitiativeId), user, ct);
            var details = await q.DetailsAsync(evaluationId, user, new SensitivityOptions(Draws: 0), ct);
            res.SetVersion(candidate.Version);
            return Results.Created(Url(evaluationId), details.Candidates.Single(c => c.Id == candidate.Id));
        });

    private static Task<IResult> Score(string id, string candidateId, HttpRequest req, HttpResponse res, ScoreCandidate uc, [FromServices] CurrentUser? user,
        CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var evaluationId = Id(id, "id", "Vurderingen");
            var cid = Id(candidateId, "candidateId", "Forslaget");
            var body = await JsonBody.ReadAsync<ScoresBody>(req, ct);
            var scores = body.Scores?.Select(s => s is null ? null : new ScoreInput(s.Principle, s.Value, s.Reason)).ToList();
            var sheet = await uc.HandleAsync(evaluationId, cid, scores, Versions.Expected(req, body.Version), user, ct);
            res.SetVersion(sheet.Version);
            var dto = new SheetWriteDto(sheet.Id, sheet.CandidateId, sheet.ScoredAt, sheet.Version);
            return sheet.Version == 1 ? Results.Created(Url(evaluationId), dto) : Results.Ok(dto);
        });

    private static Task<IResult> TakeIntoStrategy(string id, string candidateId, HttpResponse res, AddTargetAreaFromCandidate uc,
        Samstyring.Core.Strategy.StrategyQueries strategies, [FromServices] CurrentUser? user, CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var evaluationId = Id(id, "id", "Vurderingen");
            var cid = Id(candidateId, "candidateId", "Forslaget");
            var area = await uc.HandleAsync(evaluationId, cid, user, ct);
            res.SetVersion(area.Version);
            return Results.Created($"/api/v1/strategies/{area.StrategyId.ToString(CultureInfo.InvariantCulture)}/areas/{area.Id.ToString(CultureInfo.InvariantCulture)}",
                (await strategies.AreaAsync(area.StrategyId, area.Id, user, ct)).Area);
        });

    private static Task<IResult> Merge(string id, HttpRequest req, HttpResponse res, MergeCandidates uc, EvaluationQueries q, [FromServices] CurrentUser? user,
        CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var evaluationId = Id(id, "id", "Vurderingen");
            var body = await JsonBody.ReadAsync<MergeBody>(req, ct);
            var v = new Validator();
            if (body.KeepId is null) v.Add("keepId", "Velg forslaget som skal beholdes.");
            if (body.DuplicateId is null) v.Add("duplicateId", "Velg dublettforslaget.");
            v.ThrowIfInvalid();
            var kept = await uc.HandleAsync(evaluationId, body.KeepId!.Value, body.DuplicateId!.Value, Versions.Expected(req, body.Version), user, ct);
            var details = await q.DetailsAsync(evaluationId, user, new SensitivityOptions(Draws: 0), ct);
            res.SetVersion(kept.Version);
            return Results.Ok(details.Candidates.Single(c => c.Id == kept.Id));
        });

    private static Task<IResult> Stage(string id, HttpRequest req, HttpResponse res, ChangeEvaluationStage uc, EvaluationQueries q, [FromServices] CurrentUser? user,
        CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var evaluationId = Id(id, "id", "Vurderingen");
            var body = await JsonBody.ReadAsync<StageBody>(req, ct);
            await uc.HandleAsync(evaluationId, body.Status, body.Published, Versions.Expected(req, body.Version), user, ct);
            return Details(res, await q.DetailsAsync(evaluationId, user, new SensitivityOptions(Draws: 0), ct));
        });

    private static Task<IResult> Panel(string id, HttpRequest req, HttpResponse res, SetEvaluationPanel uc, EvaluationQueries q, [FromServices] CurrentUser? user,
        CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var evaluationId = Id(id, "id", "Vurderingen");
            var body = await JsonBody.ReadAsync<PanelBody>(req, ct);
            // A missing list is a mistake (a misspelt field), not a wish to empty the panel: that takes an empty list.
            var userNames = body.UserNames ?? throw ValidationFailedException.For("userNames",
                "Panelet mangler: send listen «userNames» med brukernavnene (en tom liste tømmer panelet).");
            await uc.HandleAsync(evaluationId, userNames, Versions.Expected(req, body.Version), user, ct);
            return Details(res, await q.DetailsAsync(evaluationId, user, new SensitivityOptions(Draws: 0), ct));
        });

    private static Task<IResult> Weights(string id, HttpRequest req, HttpResponse res, SetEvaluationWeights uc, EvaluationQueries q, [FromServices] CurrentUser? user,
        CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var evaluationId = Id(id, "id", "Vurderingen");
            var body = await JsonBody.ReadAsync<WeightsBody>(req, ct);
            var weights = body.Weights ?? throw ValidationFailedException.For("weights", "Vektene mangler: send listen «weights» med én vekt per prinsipp.");
            if (weights.Any(w => w is null)) throw ValidationFailedException.For("weights", "Hver vekt må være et objekt med principle og weight.");
            await uc.HandleAsync(evaluationId, weights.Select(w => new WeightInput(w!.Principle, w.Weight)).ToList(), body.CaseId, body.DecidedOn,
                Versions.Expected(req, body.Version), user, ct);
            return Details(res, await q.DetailsAsync(evaluationId, user, Options(req.Query), ct));
        });
}
