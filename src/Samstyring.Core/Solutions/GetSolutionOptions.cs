using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Data;

namespace Samstyring.Core.Solutions;

/// <summary>A national solution to choose in a form: its id, key and name.</summary>
public sealed record SolutionOption(int Id, string Key, string Name);

/// <summary>Every national solution by name, for the choices in other areas' forms (a roadmap service links to solutions).</summary>
[UseCase]
public sealed class GetSolutionOptions(SamstyringDb db)
{
    public async Task<IReadOnlyList<SolutionOption>> HandleAsync(CancellationToken ct = default) =>
        await db.NationalSolutions.AsNoTracking().OrderBy(s => s.Name).ThenBy(s => s.Id).Select(s => new SolutionOption(s.Id, s.Key, s.Name)).ToListAsync(ct);
}
