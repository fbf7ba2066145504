using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Notifications;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Notifications;

public sealed record OutboxMessageDto(int Id, string Kind, string To, string ToName, string Subject, OutboxStatus Status, int Attempts,
    DateTime CreatedAt, DateTime? SentAt, DateTime NextAttemptAt, string? LastError, string? ResentBy, int Attachments, int Version)
{
    public static OutboxMessageDto From(OutboxRow r) => new(r.Id, r.Kind, r.To, r.ToName, r.Subject, r.Status, r.Attempts, r.CreatedAt, r.SentAt,
        r.NextAttemptAt, r.LastError, r.ResentBy, r.Attachments, r.Version);
}

public sealed record OutboxCountsDto(int Pending, int Sent, int Failed);

/// <summary>A page of the outbox: <c>mailEnabled</c> is false while no mail server is configured (messages wait).</summary>
public sealed record OutboxPageDto(IReadOnlyList<OutboxMessageDto> Messages, int Total, int Page, int PageSize, OutboxCountsDto Counts, bool MailEnabled);

/// <summary>The outbox over HTTP, for the office: the messages with their status, and sending one again.</summary>
public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/outbox").WithTags("E-post").RequireAuthorization("office");
        api.MapGet("", (NotificationQueries q, [FromServices] CurrentUser? user, string? status, string? page, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var v = new Validator();
                    v.Enum<OutboxStatus>("status", status, "Status", false, out var st);
                    var number = 1;
                    if (page is not null && (!int.TryParse(page, out number) || number is < 1 or > 100_000))
                        v.Add("page", $"Siden må være et heltall fra 1 til 100 000, ikke «{Validator.Truncate(page)}».");
                    v.ThrowIfInvalid();
                    var result = await q.OutboxAsync(st, number, user, ct);
                    return Results.Ok(new OutboxPageDto(result.Rows.Select(OutboxMessageDto.From).ToList(), result.Total, number, NotificationQueries.PageSize,
                        new OutboxCountsDto(result.Counts.Pending, result.Counts.Sent, result.Counts.Failed), result.MailEnabled));
                }))
            .WithName("ListOutboxMessages")
            .WithSummary("Utgående e-post, nyeste først, 50 per side (porteføljekontoret); status er pending, sent eller failed.")
            .Produces<OutboxPageDto>().ProducesValidationProblem();
        api.MapPost("/{id:int}/resend", (int id, HttpRequest req, HttpResponse res, ResendMessage uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var m = await uc.HandleAsync(id, Versions.FromIfMatch(req), user, ct);
                    res.SetVersion(m.Version);
                    return Results.NoContent();
                }))
            .WithName("ResendOutboxMessage")
            .WithSummary("Send en e-post på nytt (porteføljekontoret; If-Match med e-postens versjon). Den legges i køen nå, med forsøkene talt fra null.")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        return app;
    }
}
