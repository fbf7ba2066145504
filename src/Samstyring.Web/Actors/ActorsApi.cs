using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;
using Samstyring.Web.Portfolio;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Actors;

/// <summary>One owner in a change: the owner's id and its share in percent (0–100, null when not known).</summary>
public sealed record OwnerBody(int? Id, decimal? Share);

/// <summary>An actor's facts; <c>owners</c> replaces its owners (leave it out or send [] for none). Shares together at most 100.</summary>
public sealed record OrganizationBody(
    string? Name, string? ShortName, string? OrgNumber, string? Type, string? ActorGroup, string? Region, IReadOnlyList<OwnerBody>? Owners,
    int? Population, int? Version);

/// <summary>
/// A new actor: its facts as in a change, and <c>key</c>, the stable key files, imports and the command line use (lower-case
/// a–z, digits, - and :); left out, it is made from the short name or the name.
/// </summary>
public sealed record NewOrganizationBody(
    string? Key, string? Name, string? ShortName, string? OrgNumber, string? Type, string? ActorGroup, string? Region, IReadOnlyList<OwnerBody>? Owners,
    int? Population);

public sealed record OrganizationRefDto(int Id, string Name);

/// <summary>One owner of an actor: <c>share</c> is its share in percent, null when the sources do not give it.</summary>
public sealed record OrganizationOwnerDto(int Id, string Name, decimal? Share);

public sealed record OrganizationInitiativeDto(int Id, string Name, Lifecycle Lifecycle);

/// <summary>An actor with its owners (each with a share where known), the actors it owns and its initiatives; <c>version</c> is what a change must send.</summary>
public sealed record OrganizationDetailsDto(
    int Id, string Key, string Name, string? ShortName, string? OrgNumber, OrganizationType Type, ActorGroup ActorGroup, HealthRegion? Region,
    IEnumerable<OrganizationOwnerDto> Owners, string? MunicipalityNumber, string? County, int? Population, int Version,
    IEnumerable<OrganizationRefDto> Owns, IEnumerable<OrganizationInitiativeDto> Initiatives);

/// <summary>An actor after a change: its id and the version the next change must send.</summary>
public sealed record OrganizationVersionDto(int Id, int Version);

/// <summary>A new actor: its id, the key it got and the version the first change must send.</summary>
public sealed record OrganizationCreatedDto(int Id, string Key, int Version);

/// <summary>
/// One date with population figures: <c>count</c> municipalities have one, of <c>municipalities</c> that existed on the date
/// (<c>missing</c> without), <c>total</c> is their sum, <c>sources</c> where the figures come from, <c>isDemo</c> whether any are demo data.
/// </summary>
public sealed record PopulationDateDto(DateOnly On, int Count, int Municipalities, int Missing, long Total, IReadOnlyList<string> Sources, bool IsDemo)
{
    public static PopulationDateDto Of(PopulationDate d) => new(d.On, d.Count, d.Municipalities, d.Missing, d.Total, d.Sources, d.IsDemo);
}

/// <summary>A saved import: the date, how many municipalities and their total, how many replaced a figure the date had, and the source.</summary>
public sealed record PopulationImportResultDto(DateOnly On, int Count, long Total, int Replaced, string Source);

public static class ActorsApi
{
    public static IEndpointRouteBuilder MapActorsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/organizations").WithTags("Aktører");
        api.MapGet("", (OrganizationQueries organizations, string? search, string? type, string? actorGroup, string? region, int? page, int? pageSize, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var v = new Validator();
                v.Enum<OrganizationType>("type", type, "Type", false, out var t);
                v.Enum<ActorGroup>("actorGroup", actorGroup, "Aktørgruppe", false, out var g);
                v.Enum<HealthRegion>("region", region, "Helseregion", false, out var r);
                v.MaxLength("search", search, "Søk", 200);
                if (pageSize is < 1 or > 1000) v.Add("pageSize", "Sidestørrelse må være mellom 1 og 1000.");
                if (page is < 1) v.Add("page", "Sidenummer må være 1 eller høyere.");
                v.ThrowIfInvalid();
                var size = pageSize ?? 1000;
                var rows = await organizations.Query(new OrganizationFilter(search, t, g, r)).Skip(((page ?? 1) - 1) * size).Take(size).ToListAsync(ct);
                return Results.Ok(rows);
            })).WithName("ListOrganizations")
            .WithSummary("Aktørregisteret (offentlig), valgfritt filtrert på søk, type, aktørgruppe og helseregion, med sider (page, pageSize).")
            .Produces<List<OrganizationRow>>().ProducesValidationProblem();
        api.MapGet("/population", (OrganizationQueries organizations, CancellationToken ct) =>
            ProblemResults.Run(async () => Results.Ok((await organizations.PopulationDatesAsync(ct)).Select(PopulationDateDto.Of).ToList())))
            .WithName("ListPopulationDates")
            .WithSummary("Datoene det finnes folketall for (offentlig), nyeste først: hvor mange kommuner som har tall, av hvor mange som fantes på datoen, summen og kilden.")
            .Produces<List<PopulationDateDto>>();
        api.MapPost("/population", ImportPopulation).RequireAuthorization("office").WithName("ImportPopulationFigures")
            .WithSummary($"Importer folketall per kommune for en dato (porteføljekontoret): CSV eller XLSX (høyst {ImportLimits.MaxBytes / 1024 / 1024} MB) med kolonnene kommunenummer og folketall, som SSBs tabell 07459, i multipart-feltet «file» eller som hele forespørselen (text/csv eller XLSX). ?on= er datoen (åååå-mm-dd), ?source= kilden. Alle kommuner som fantes på datoen, må være med; alt eller ingenting, og feil oppgis per rad. Har datoen tall fra før, gir det 409 til forespørselen sendes med ?replace=true.")
            .Produces<PopulationImportResultDto>().ProducesValidationProblem().ProducesProblem(403)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            // Described rather than declared with Accepts, as the other imports: Accepts would answer 415 before authorisation.
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = ImportUpload.RequestBody();
                return Task.CompletedTask;
            });
        api.MapGet("/{id:int}", (int id, OrganizationQueries organizations, HttpResponse response, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var d = await organizations.GetAsync(id, ct);
                var o = d.Organization;
                response.SetVersion(o.Version);
                return Results.Ok(new OrganizationDetailsDto(
                    o.Id, o.Key, o.Name, o.ShortName, o.OrgNumber, o.Type, o.ActorGroup, o.Region,
                    d.Owners.Select(x => new OrganizationOwnerDto(x.Id, x.Name, x.Share)), o.MunicipalityNumber, o.County, o.Population, o.Version,
                    d.Owns.Select(x => new OrganizationRefDto(x.Id, x.Name)),
                    d.Initiatives.Select(i => new OrganizationInitiativeDto(i.Id, i.Name, i.Lifecycle))));
            })).WithName("GetOrganization")
            .WithSummary("Én aktør med eierne (med eierandel der den er kjent), aktørene den eier og tiltakene sine (offentlig). ETag er versjonen for If-Match.")
            .Produces<OrganizationDetailsDto>().ProducesProblem(404);
        api.MapPost("", (NewOrganizationBody body, HttpResponse res, CreateOrganization uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var o = await uc.HandleAsync(body.Key, new OrganizationInput(body.Name, body.ShortName, body.OrgNumber, body.Type, body.ActorGroup,
                    body.Region, body.Owners?.Select(x => new OwnerInput(x.Id, x.Share)).ToList(), body.Population), user, ct);
                res.SetVersion(o.Version);
                return Results.Created($"/api/v1/organizations/{o.Id.ToString(CultureInfo.InvariantCulture)}", new OrganizationCreatedDto(o.Id, o.Key, o.Version));
            })).RequireAuthorization("office").WithName("CreateOrganization")
            .WithSummary("Registrer en ny aktør med eiere og eierandeler (porteføljekontoret). Organisasjonsnummeret må ha riktig kontrollsiffer (MOD11) og ikke være registrert på en annen aktør; nøkkelen lages fra kortnavnet eller navnet om den ikke oppgis.")
            .Produces<OrganizationCreatedDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(412);
        api.MapPut("/{id:int}", (int id, OrganizationBody body, HttpRequest req, HttpResponse res, UpdateOrganization uc, [FromServices] CurrentUser? user,
                CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var o = await uc.HandleAsync(id, new OrganizationInput(body.Name, body.ShortName, body.OrgNumber, body.Type, body.ActorGroup,
                    body.Region, body.Owners?.Select(x => new OwnerInput(x.Id, x.Share)).ToList(), body.Population), Versions.Expected(req, body.Version), user, ct);
                res.SetVersion(o.Version);
                return Results.Ok(new OrganizationVersionDto(o.Id, o.Version));
            })).RequireAuthorization("office").WithName("UpdateOrganization")
            .WithSummary("Endre en aktør, også eierne og eierandelene (porteføljekontoret). Krever versjon i If-Match eller «version».")
            .Produces<OrganizationVersionDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        return app;
    }

    private static async Task<IResult> ImportPopulation(HttpContext ctx, ImportPopulationFigures uc, [FromServices] CurrentUser? user, string? on, string? source,
        bool? replace, CancellationToken ct)
    {
        var request = ctx.Request;
        try
        {
            if (!ImportUpload.Limit(ctx)) return ImportUpload.TooLarge(request.ContentLength);
            var (content, fileName) = await ImportUpload.ReadAsync(ctx, "folketall", ct);
            if (content is null) return ImportUpload.TooLarge(null);
            await using var _ = content;
            var result = await uc.HandleAsync(content, fileName, new PopulationImportInput(on, source, replace == true), user, ct);
            return Results.Ok(new PopulationImportResultDto(result.On, result.Count, result.Total, result.Replaced, result.Source));
        }
        catch (ImportFailedException e)
        {
            return ReportsApi.ImportProblem(e);
        }
        catch (Exception e) when (e is InvalidDataException || e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return ImportUpload.TooLarge(null);
        }
        catch (ValidationFailedException e) when (e.Errors.ContainsKey("replace"))
        {
            // The date has figures: a conflict with what is stored, not bad input. The same request with replace=true saves.
            return TypedResults.Problem(string.Join(" ", e.Errors["replace"]) + " Send forespørselen på nytt med replace=true for å erstatte dem.",
                statusCode: StatusCodes.Status409Conflict, title: "Datoen har folketall fra før",
                extensions: new Dictionary<string, object?> { ["errors"] = e.Errors });
        }
        catch (Exception e) when (e is ValidationFailedException or ForbiddenException)
        {
            return ProblemResults.From(e);
        }
    }
}
