using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Accounts;
using Samstyring.Core.Common;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Accounts;

/// <summary>A user; <c>personalIdRegistered</c> says whether a national identity number is registered (never the number).</summary>
public sealed record UserDto(int Id, string UserName, string DisplayName, Role Role, string? Organization, string? OrganizationName,
    string? Email, string? HprNumber, bool PersonalIdRegistered, bool HasPassword, IReadOnlyList<string> Providers, DateTime CreatedAt, int Version)
{
    public static UserDto From(UserRow u) => new(u.Id, u.UserName, u.DisplayName, u.Role, u.OrganizationKey, u.OrganizationName, u.Email,
        u.HprNumber, u.PersonalIdRegistered, u.HasPassword, u.Providers, u.CreatedAt, u.Version);
}

/// <summary>A new user: <c>organization</c> is the actor's key; a password only for a local account.</summary>
public sealed record NewUserBody(string? UserName, string? DisplayName, string? Role, string? Organization, string? Email, string? HprNumber,
    string? PersonalId, string? Password);

/// <summary>A changed user. <c>personalId</c>: left out or null keeps the registered number, "" removes it.</summary>
public sealed record UserBody(string? DisplayName, string? Role, string? Organization, string? Email, string? HprNumber, string? PersonalId, int? Version);

public sealed record AccessRequestDto(int Id, string Provider, string DisplayName, string? Email, string? HprNumber, string? OrgNumber,
    string? Organization, string? OrganizationName, DateTime FirstSeenAt, DateTime LastSeenAt, int Version)
{
    public static AccessRequestDto From(AccessRequestRow r) => new(r.Id, r.Provider, r.DisplayName, r.Email, r.HprNumber, r.OrgNumber,
        r.OrganizationKey, r.OrganizationName, r.FirstSeenAt, r.LastSeenAt, r.Version);
}

/// <summary>Grant access: a new user (<c>userName</c>, <c>role</c>, <c>organization</c>) or an existing one (<c>existingUserName</c>).</summary>
public sealed record GrantAccessBody(string? UserName, string? Role, string? Organization, string? ExistingUserName, int? Version);

public sealed record UserVersionDto(int Id, string UserName, int Version);

/// <summary>Users and those waiting for access, for the office.</summary>
public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/v1/users").WithTags("Brukere").RequireAuthorization("office");
        users.MapGet("", (AccountQueries q, [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () => Results.Ok((await q.UsersAsync(user, ct)).Select(UserDto.From).ToList())))
            .WithName("ListUsers").WithSummary("Alle brukere med rolle, organisasjon, innloggingsmåter og identifikatorer (porteføljekontoret).")
            .Produces<List<UserDto>>();
        users.MapGet("/{id:int}", (int id, AccountQueries q, HttpResponse res, [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var u = await q.UserAsync(id, user, ct);
                    res.SetVersion(u.Version);
                    return Results.Ok(UserDto.From(u));
                }))
            .WithName("GetUser").WithSummary("Én bruker (porteføljekontoret). ETag er versjonen for If-Match.")
            .Produces<UserDto>().ProducesProblem(404);
        users.MapPost("", (NewUserBody body, HttpResponse res, CreateUser uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var u = await uc.HandleAsync(new CreateUserInput(body.UserName, body.DisplayName, body.Role, body.Organization, body.Password,
                        body.Email, body.HprNumber, body.PersonalId), user, ct);
                    res.SetVersion(u.Version);
                    return Results.Created($"/api/v1/users/{u.Id.ToString(CultureInfo.InvariantCulture)}", new UserVersionDto(u.Id, u.UserName, u.Version));
                }))
            .WithName("CreateUser")
            .WithSummary("Registrer en bruker (porteføljekontoret). Med e-post, HPR-nummer eller fødselsnummer kjennes brukeren igjen ved første innlogging med en identitetsleverandør; passord trengs bare for en lokal konto.")
            .Produces<UserVersionDto>(StatusCodes.Status201Created).ProducesValidationProblem();
        users.MapPut("/{id:int}", (int id, UserBody body, HttpRequest req, HttpResponse res, UpdateUser uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var u = await uc.HandleAsync(id, new UpdateUserInput(Versions.Expected(req, body.Version), body.DisplayName, body.Role, body.Organization,
                        body.Email, body.HprNumber, body.PersonalId), user, ct);
                    res.SetVersion(u.Version);
                    return Results.Ok(new UserVersionDto(u.Id, u.UserName, u.Version));
                }))
            .WithName("UpdateUser")
            .WithSummary("Endre navn, rolle, organisasjon og identifikatorer (porteføljekontoret; If-Match eller «version»). Ny rolle eller organisasjon logger brukeren ut overalt.")
            .Produces<UserVersionDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);

        var requests = app.MapGroup("/api/v1/access-requests").WithTags("Brukere").RequireAuthorization("office");
        requests.MapGet("", (AccountQueries q, [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () => Results.Ok((await q.AccessRequestsAsync(user, ct)).Select(AccessRequestDto.From).ToList())))
            .WithName("ListAccessRequests")
            .WithSummary("De som har logget inn med en identitetsleverandør uten å bli kjent igjen, og venter på tilgang (porteføljekontoret).")
            .Produces<List<AccessRequestDto>>();
        requests.MapPost("/{id:int}/grant", (int id, GrantAccessBody body, HttpRequest req, HttpResponse res, GrantAccess uc, [FromServices] CurrentUser? user,
                CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var u = await uc.HandleAsync(id, new GrantAccessInput(Versions.Expected(req, body.Version), body.UserName, body.Role, body.Organization,
                        body.ExistingUserName), user, ct);
                    res.SetVersion(u.Version);
                    return Results.Created($"/api/v1/users/{u.Id.ToString(CultureInfo.InvariantCulture)}", new UserVersionDto(u.Id, u.UserName, u.Version));
                }))
            .WithName("GrantAccess")
            .WithSummary("Gi tilgang (porteføljekontoret; If-Match med forespørselens versjon): en ny bruker med rolle og organisasjon, eller innloggingen koblet til en bruker som finnes.")
            .Produces<UserVersionDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        requests.MapDelete("/{id:int}", (int id, HttpRequest req, RefuseAccess uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    await uc.HandleAsync(id, Versions.FromIfMatch(req), user, ct);
                    return Results.NoContent();
                }))
            .WithName("RefuseAccess").WithSummary("Avvis en forespørsel om tilgang (porteføljekontoret; If-Match).")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        return app;
    }
}
