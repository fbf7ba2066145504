using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Portfolio;

/// <summary>What an initiative can depend on, one list per kind of target, as (id, text) for selects.</summary>
public sealed record DependencyTargetOptions(
    List<(string Value, string Text)> Initiatives, List<(string Value, string Text)> Solutions, List<(string Value, string Text)> Organizations);

/// <summary>What the dependency form needs besides the initiative: the possible targets, and which initiative a dependency belongs to.</summary>
[UseCase]
public sealed class GetDependencyForm(SamstyringDb db, OrganizationQueries organizations)
{
    /// <summary>Targets for a dependency of <paramref name="initiativeId"/>: every other initiative (with its owner), solution and organisation.</summary>
    public async Task<DependencyTargetOptions> TargetOptionsAsync(int initiativeId, CancellationToken ct = default)
    {
        var initiatives = (await db.Initiatives.AsNoTracking().Where(i => i.Id != initiativeId).OrderBy(i => i.Name)
                .Select(i => new { i.Id, i.Name, Owner = i.Owner.Name }).ToListAsync(ct))
            .Select(i => (i.Id.ToString(), $"{i.Name} ({i.Owner})")).ToList();
        var solutions = (await db.NationalSolutions.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct))
            .Select(s => (s.Id.ToString(), s.Name)).ToList();
        return new DependencyTargetOptions(initiatives, solutions, await organizations.OptionsAsync(ct: ct));
    }

    public async Task<int> InitiativeIdAsync(int dependencyId, CancellationToken ct = default) =>
        await db.Dependencies.AsNoTracking().Where(d => d.Id == dependencyId).Select(d => (int?)d.InitiativeId).SingleOrDefaultAsync(ct)
        ?? throw new NotFoundException($"Fant ikke avhengighet {dependencyId}.");
}
