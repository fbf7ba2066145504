using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Actors;

/// <summary>One owner in a change: the owner's id and its share in percent (0–100, null when not known).</summary>
public sealed record OwnerBody(int? Id, decimal? Share);

/// <summary>An actor's facts; <c>owners</c> replaces its owners (leave it out or send [] for none). Shares together at most 100.</summary>
public sealed record OrganizationBody(
    string? Name, string? ShortName, string? OrgNumber, string? Type, string? ActorGroup, string? Region, IReadOnlyList<OwnerBody>? Owners,
    int? Population, int? Version);

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
}
