using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.EInnsyn;
using Samstyring.Web.Shared;

namespace Samstyring.Web.EInnsyn;

public sealed record EInnsynRecordDto(int Id, string Kind, string Title, string Method, EInnsynStatus Status, int Attempts, DateTime CreatedAt,
    DateTime? SentAt, DateTime NextAttemptAt, string? LastError, int? HttpStatus, string? EinnsynId, string CreatedBy, string? ResentBy, int Version)
{
    public static EInnsynRecordDto From(EInnsynRow r) => new(r.Id, r.Kind, r.Title, r.Method, r.Status, r.Attempts, r.CreatedAt, r.SentAt,
        r.NextAttemptAt, r.LastError, r.HttpStatus, r.EInnsynId, r.CreatedBy, r.ResentBy, r.Version);
}

public sealed record EInnsynCountsDto(int Pending, int Sent, int Failed);

/// <summary>A page of the eInnsyn queue: <c>enabled</c> is false while eInnsyn is not configured (records wait, nothing is sent).</summary>
public sealed record EInnsynPageDto(IReadOnlyList<EInnsynRecordDto> Records, int Total, int Page, int PageSize, EInnsynCountsDto Counts, bool Enabled);

/// <summary>Which body and period to queue (dates yyyy-mm-dd, both included).</summary>
public sealed record EInnsynQueueBody(string? Body, string? From, string? To);

public sealed record EInnsynQueueResultDto(string Body, int Meetings, int Queued, int AlreadyQueued);

/// <summary>One record of the download: where it goes (eInnsyn ids in braces), how it stands and the body sent.</summary>
public sealed record EInnsynExportRecordDto(int Id, string Kind, string Title, string Method, string Path, string ExternalId, string DedupKey,
    string Status, int Attempts, DateTime CreatedAt, DateTime? SentAt, string? EinnsynId, string? LastError, JsonElement Body);

/// <summary>The whole queue as JSON, as <c>samstyring einnsyn export</c> writes it.</summary>
public sealed record EInnsynExportDto(DateTime GeneratedAt, bool Enabled, int Count, IReadOnlyList<EInnsynExportRecordDto> Records);

/// <summary>Publication to eInnsyn over HTTP, for the office: the queue, queueing a body's period, the download and sending again.</summary>
public static class EInnsynApi
{
    public static IEndpointRouteBuilder MapEInnsynApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/einnsyn").WithTags("eInnsyn").RequireAuthorization("office");
        api.MapGet("/outbox", (EInnsynQueries q, [FromServices] CurrentUser? user, string? status, string? page, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var v = new Validator();
                    v.Enum<EInnsynStatus>("status", status, "Status", false, out var st);
                    var number = 1;
                    if (page is not null && (!int.TryParse(page, out number) || number is < 1 or > 100_000))
                        v.Add("page", $"Siden må være et heltall fra 1 til 100 000, ikke «{Validator.Truncate(page)}».");
                    v.ThrowIfInvalid();
                    var result = await q.OutboxAsync(st, number, user, ct);
                    return Results.Ok(new EInnsynPageDto(result.Rows.Select(EInnsynRecordDto.From).ToList(), result.Total, number, EInnsynQueries.PageSize,
                        new EInnsynCountsDto(result.Counts.Pending, result.Counts.Sent, result.Counts.Failed), result.Enabled));
                }))
            .WithName("ListEInnsynRecords")
            .WithSummary("Køen til eInnsyn, nyeste først, 50 per side (porteføljekontoret): publisert når, forsøk, siste feil og id i eInnsyn; status er pending, sent eller failed.")
            .Produces<EInnsynPageDto>().ProducesValidationProblem();
        api.MapGet("/outbox.json", (EInnsynQueries q, [FromServices] CurrentUser? user, string? status, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var v = new Validator();
                    v.Enum<EInnsynStatus>("status", status, "Status", false, out var st);
                    v.ThrowIfInvalid();
                    using var buffer = new MemoryStream();
                    await q.ExportJsonAsync(buffer, st, user, ct);
                    return Results.File(buffer.ToArray(), "application/json", "einnsyn-ko.json");
                }))
            .WithName("ExportEInnsynRecords")
            .WithSummary("Hele køen til eInnsyn som JSON-fil, med innholdet hver post sendes med (porteføljekontoret). Uten oppsett av eInnsyn er dette måten å hente postene på.")
            .Produces<EInnsynExportDto>(contentType: "application/json").ProducesValidationProblem();
        api.MapPost("/outbox", (EInnsynQueueBody? body, QueueEInnsyn uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var r = await uc.HandleAsync(body?.Body, body?.From, body?.To, user, ct);
                    return Results.Ok(new EInnsynQueueResultDto(r.BodySlug, r.Meetings, r.Queued, r.AlreadyQueued));
                }))
            .WithName("QueueEInnsynRecords")
            .WithSummary("Legg møtene til et organ i en periode i køen til eInnsyn (porteføljekontoret): møter med sendt innkalling, godkjente referater og offentlige vedtak. Det som alt er i køen, legges ikke inn igjen.")
            .Produces<EInnsynQueueResultDto>().ProducesValidationProblem().ProducesProblem(403);
        api.MapPost("/outbox/{id:int}/resend", (int id, HttpRequest req, HttpResponse res, ResendEInnsyn uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var m = await uc.HandleAsync(id, Versions.FromIfMatch(req), user, ct);
                    res.SetVersion(m.Version);
                    return Results.NoContent();
                }))
            .WithName("ResendEInnsynRecord")
            .WithSummary("Send en post til eInnsyn på nytt etter at den ble avvist eller ga opp (porteføljekontoret; If-Match med postens versjon). En publisert post sendes ikke to ganger.")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        return app;
    }
}
