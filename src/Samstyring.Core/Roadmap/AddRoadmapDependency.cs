using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Roadmap;

/// <summary>What a service depends on: <see cref="Target"/> service|initiative|solution, and the service key, initiative id or solution key.</summary>
public sealed record DependencyInput(string? Target, string? Key, string? Description);

/// <summary>
/// What a service depends on: another service of the same version, an initiative or a national solution. Services never
/// depend on each other in a ring.
/// </summary>
[UseCase]
public sealed class AddRoadmapDependency(SamstyringDb db)
{
    public async Task<RoadmapDependency> HandleAsync(int serviceId, DependencyInput input, CurrentUser? user, CancellationToken ct = default)
    {
        RoadmapAccess.RequireOffice(user);
        var service = await RoadmapEditing.LoadServiceAsync(db, serviceId, ct);
        var existing = await db.RoadmapDependencies.Where(d => d.ServiceId == serviceId).ToListAsync(ct);
        var v = new Validator();
        v.Enum<DependencyTarget>("target", input.Target, "Hva tjenesten avhenger av", true, out var target);
        v.MaxLength("description", input.Description, "Beskrivelse", RoadmapDependency.DescriptionMax);
        var key = input.Key?.Trim() ?? "";
        var dependency = new RoadmapDependency { ServiceId = serviceId, Description = input.Description?.Trim() ?? "" };
        if (key.Length == 0)
            v.Add("key", target switch
            {
                DependencyTarget.Initiative => "Velg tiltaket tjenesten avhenger av.",
                DependencyTarget.Solution => "Velg den nasjonale løsningen tjenesten avhenger av.",
                _ => "Velg tjenesten den avhenger av.",
            });
        else if (target == DependencyTarget.Service)
        {
            var other = await db.RoadmapServices.Where(s => s.RoadmapVersionId == service.RoadmapVersionId && s.Key == key)
                .Select(s => new { s.Id, s.Goal }).SingleOrDefaultAsync(ct);
            if (other is null) v.Add("key", $"Fant ingen tjeneste med nøkkel «{Validator.Truncate(key)}» i versjon {service.RoadmapVersion.Number}.");
            else if (other.Id == serviceId) v.Add("key", "En tjeneste kan ikke avhenge av seg selv.");
            else if (existing.Any(d => d.DependsOnServiceId == other.Id)) v.Add("key", $"Tjenesten avhenger allerede av «{other.Goal}».");
            else if (await CycleAsync(service, other.Id, ct) is { } path)
                v.Add("key", $"«{Validator.Truncate(other.Goal)}» avhenger allerede av denne tjenesten"
                    + (path.Count == 0 ? "" : " gjennom " + Norwegian.List(path.Select(g => $"«{Validator.Truncate(g)}»").ToList()))
                    + ", så avhengighetene ville gått i ring. Fjern den avhengigheten først hvis den er feil.");
            else dependency.DependsOnServiceId = other.Id;
        }
        else if (target == DependencyTarget.Initiative)
        {
            var initiative = int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var iid)
                ? await db.Initiatives.Where(i => i.Id == iid).Select(i => new { i.Id, i.Name }).SingleOrDefaultAsync(ct)
                : null;
            if (initiative is null) v.Add("key", $"Fant ikke tiltak «{Validator.Truncate(key)}».");
            else if (existing.Any(d => d.InitiativeId == initiative.Id)) v.Add("key", $"Tjenesten avhenger allerede av tiltaket «{initiative.Name}».");
            else dependency.InitiativeId = initiative.Id;
        }
        else if (target == DependencyTarget.Solution)
        {
            var solution = await db.NationalSolutions.Where(s => s.Key == key).Select(s => new { s.Id, s.Name }).SingleOrDefaultAsync(ct);
            if (solution is null) v.Add("key", $"Fant ikke den nasjonale løsningen «{Validator.Truncate(key)}».");
            else if (existing.Any(d => d.NationalSolutionId == solution.Id)) v.Add("key", $"Tjenesten avhenger allerede av «{solution.Name}».");
            else dependency.NationalSolutionId = solution.Id;
        }
        v.ThrowIfInvalid();
        db.RoadmapDependencies.Add(dependency);
        RoadmapEditing.Touch(db, service.RoadmapVersion);
        await db.SaveChangesAsync(ct);
        return dependency;
    }

    /// <summary>
    /// Whether <paramref name="targetId"/> already depends on <paramref name="service"/>, directly or through other services
    /// of the version; then a dependency the other way would close a ring. Null when it does not; otherwise the goals of the
    /// services in between (empty for a direct dependency).
    /// </summary>
    private async Task<List<string>?> CycleAsync(RoadmapService service, int targetId, CancellationToken ct)
    {
        var edges = (await db.RoadmapDependencies.Where(d => d.Service.RoadmapVersionId == service.RoadmapVersionId && d.DependsOnServiceId != null)
                .Select(d => new { d.ServiceId, Target = d.DependsOnServiceId!.Value }).ToListAsync(ct))
            .ToLookup(d => d.ServiceId, d => d.Target);
        // Breadth first, so the path named is the shortest.
        var cameFrom = new Dictionary<int, int> { [targetId] = targetId };
        var queue = new Queue<int>([targetId]);
        while (queue.TryDequeue(out var at))
        {
            foreach (var next in edges[at])
            {
                if (!cameFrom.TryAdd(next, at)) continue;
                if (next != service.Id)
                {
                    queue.Enqueue(next);
                    continue;
                }
                var between = new List<int>();
                for (var step = at; step != targetId; step = cameFrom[step]) between.Add(step);
                between.Reverse();
                var goals = await db.RoadmapServices.Where(s => between.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Goal, ct);
                return between.Select(id => goals[id]).ToList();
            }
        }
        return null;
    }
}
