using Samstyring.Core.Notifications;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Notifications;

public sealed record SubscribeBody(string? Email, string? Topic);

/// <summary>The answer to every valid request, whether or not the address was known: it tells nothing about the address.</summary>
public sealed record SubscribeAnswerDto(string Message);

/// <summary>E-mail subscriptions over HTTP: open to everyone; confirming and unsubscribing go through the links in the mails.</summary>
public static class SubscriptionsApi
{
    public const string Answer = "Sjekk e-posten din for å bekrefte abonnementet.";

    public static IEndpointRouteBuilder MapSubscriptionsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/subscriptions", (SubscribeBody body, HttpContext http, RequestSubscription uc, SubscribeLimiter limiter, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    if (!limiter.TryTake(http))
                        return Results.Problem(SubscribeLimiter.Refused, statusCode: StatusCodes.Status429TooManyRequests, title: "For mange forespørsler");
                    await uc.HandleAsync(new SubscriptionInput(body.Email, body.Topic), ct);
                    return Results.Accepted(value: new SubscribeAnswerDto(Answer));
                }))
            .WithTags("E-post")
            .WithName("Subscribe")
            .WithSummary("Abonner på e-post om et organs vedtak (topic «body:{slug}») eller veikartets publiseringer (topic «roadmap»). "
                         + "Åpent for alle. Adressen får en e-post med en lenke som må bekreftes; svaret er det samme om adressen var kjent eller ikke.")
            .Produces<SubscribeAnswerDto>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(429);
        return app;
    }
}
