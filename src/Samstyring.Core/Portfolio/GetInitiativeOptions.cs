using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Data;

namespace Samstyring.Core.Portfolio;

/// <summary>An initiative to choose in a form: its id and name.</summary>
public sealed record InitiativeOption(int Id, string Name);

/// <summary>Every initiative by name, for the choices in other areas' forms (a roadmap service links to initiatives).</summary>
[UseCase]
public sealed class GetInitiativeOptions(SamstyringDb db)
{
    public async Task<IReadOnlyList<InitiativeOption>> HandleAsync(CancellationToken ct = default) =>
        await db.Initiatives.AsNoTracking().OrderBy(i => i.Name).ThenBy(i => i.Id).Select(i => new InitiativeOption(i.Id, i.Name)).ToListAsync(ct);
}
