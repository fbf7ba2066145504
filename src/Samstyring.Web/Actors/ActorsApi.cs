using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Actors;

public sealed record OrganizationBody(
    string? Name, string? ShortName, string? OrgNumber, string? Type, string? ActorGroup, string? Region, int? OwnerId, int? Population, int? Version);

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
            })).WithSummary("Aktørregisteret (offentlig).");
        api.MapGet("/{id:int}", (int id, OrganizationQueries organizations, HttpResponse response, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var d = await organizations.GetAsync(id, ct);
                var o = d.Organization;
                response.SetVersion(o.Version);
                return Results.Ok(new
                {
                    o.Id, o.Key, o.Name, o.ShortName, o.OrgNumber, type = o.Type, actorGroup = o.ActorGroup, region = o.Region,
                    owner = o.Owner is null ? null : new { o.Owner.Id, o.Owner.Name }, o.MunicipalityNumber, o.County, o.Population, o.Version,
                    owns = d.Owns.Select(x => new { x.Id, x.Name }),
                    initiatives = d.Initiatives.Select(i => new { i.Id, i.Name, lifecycle = i.Lifecycle }),
                });
            }));
        api.MapPut("/{id:int}", (int id, OrganizationBody body, HttpRequest req, HttpResponse res, UpdateOrganization uc, [FromServices] CurrentUser? user,
                CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var o = await uc.HandleAsync(id, new OrganizationInput(body.Name, body.ShortName, body.OrgNumber, body.Type, body.ActorGroup,
                    body.Region, body.OwnerId, body.Population), Versions.Expected(req, body.Version), user, ct);
                res.SetVersion(o.Version);
                return Results.Ok(new { o.Id, o.Version });
            })).RequireAuthorization("office")
            .WithSummary("Endre en aktør (porteføljekontoret). Krever versjon i If-Match eller «version».");
        return app;
    }
}
