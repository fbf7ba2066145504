using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Accounts;
using Samstyring.Core.Common;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Accounts;

/// <summary>
/// An API token as lists show it: <c>prefix</c> is the start of the token, for recognising it; the token itself is never
/// shown again after it was made. <c>expiresOn</c> is the last day it works; <c>createdBy</c> made it (and owns a personal
/// token).
/// </summary>
public sealed record ApiTokenDto(int Id, string Name, ApiTokenKind Kind, string Prefix, string CreatedBy, string CreatedByName, Role Role,
    string? Organization, string? OrganizationName, DateTime CreatedAt, DateOnly ExpiresOn, DateTime ExpiresAt, DateTime? LastUsedAt,
    DateTime? RevokedAt, string? RevokedBy, ApiTokenStatus Status, int Version)
{
    public static ApiTokenDto From(ApiTokenRow t) => new(t.Id, t.Name, t.Kind, t.Prefix, t.UserName, t.UserDisplayName, t.Role, t.OrganizationKey,
        t.OrganizationName, t.CreatedAt, t.LastDay, t.ExpiresAt, t.LastUsedAt, t.RevokedAt, t.RevokedBy, t.Status, t.Version);
}

/// <summary>A new token: <c>token</c> is the token itself, shown this once (only its hash is stored).</summary>
public sealed record CreatedApiTokenDto(string Token, ApiTokenDto Details);

/// <summary>
/// A new token. <c>expiresOn</c> (yyyy-mm-dd) is the last day it works: default 90 days ahead, at most a year. <c>role</c> and
/// <c>organization</c> (an actor's key) make an integration token (the office only); left out, the token is the caller's own.
/// </summary>
public sealed record NewApiTokenBody(string? Name, string? ExpiresOn, string? Role, string? Organization);

/// <summary>API tokens: every signed-in user their own, the office all of them.</summary>
public static class ApiTokensApi
{
    private const string Tag = "API-tokener";

    public static IEndpointRouteBuilder MapApiTokensApi(this IEndpointRouteBuilder app)
    {
        var tokens = app.MapGroup("/api/v1/tokens").WithTags(Tag).RequireAuthorization();
        tokens.MapGet("", (AccountQueries q, HttpResponse res, [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    res.Headers.CacheControl = "private, no-cache";
                    return Results.Ok((await q.ApiTokensAsync(user, ownOnly: false, ct)).Select(ApiTokenDto.From).ToList());
                }))
            .WithName("ListApiTokens")
            .WithSummary("API-tokener, nyeste først: porteføljekontoret ser alle, andre sine egne. Bare starten av hvert token (prefix) vises.")
            .Produces<List<ApiTokenDto>>();
        tokens.MapGet("/{id:int}", (int id, AccountQueries q, HttpResponse res, [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var token = await q.ApiTokenAsync(id, user, ct);
                    res.Headers.CacheControl = "private, no-cache";
                    res.SetVersion(token.Version);
                    return Results.Ok(ApiTokenDto.From(token));
                }))
            .WithName("GetApiToken").WithSummary("Ett API-token (ditt eget, eller hvilket som helst for porteføljekontoret). ETag er versjonen for If-Match.")
            .Produces<ApiTokenDto>().ProducesProblem(404);
        tokens.MapPost("", (HttpRequest req, HttpResponse res, CreateApiToken uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var body = await JsonBody.ReadAsync<NewApiTokenBody>(req, ct);
                    var created = await uc.HandleAsync(new CreateApiTokenInput(body.Name, body.ExpiresOn, body.Role, body.Organization), user, ct);
                    // The token is in this answer only: no cache may keep it.
                    res.Headers.CacheControl = "no-store";
                    res.SetVersion(created.Token.Version);
                    return Results.Created($"/api/v1/tokens/{created.Token.Id.ToString(CultureInfo.InvariantCulture)}",
                        new CreatedApiTokenDto(created.Secret, ApiTokenDto.From(created.Token)));
                }))
            .WithName("CreateApiToken")
            .WithSummary("Lag et API-token (name, expiresOn: siste gyldige dag, standard om 90 dager, høyst ett år). Uten role og organization er det ditt eget, "
                         + "med din rolle og organisasjon; med dem er det et integrasjonstoken (bare porteføljekontoret). Tokenet (token) vises bare i dette svaret. "
                         + "Et API-token kan ikke lage nye tokener (403).")
            .WithJsonBody<NewApiTokenBody>()
            .Produces<CreatedApiTokenDto>(StatusCodes.Status201Created).ProducesValidationProblem();
        tokens.MapDelete("/{id:int}", (int id, HttpRequest req, RevokeApiToken uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    await uc.HandleAsync(id, Versions.FromIfMatch(req), user, ct);
                    return Results.NoContent();
                }))
            .WithName("RevokeApiToken")
            .WithSummary("Trekk tilbake et API-token (ditt eget, eller hvilket som helst for porteføljekontoret; If-Match). Det slutter å virke med en gang på "
                         + "serveren som tar imot dette, og på andre servere innen 30 sekunder. Tokenet blir stående i listen som trukket tilbake.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        return app;
    }
}
