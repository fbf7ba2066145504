using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Search;

/// <summary>The office rebuilds the search index (<c>samstyring search reindex</c>); gives how many rows it now has.</summary>
[UseCase]
public sealed class ReindexSearch(SamstyringDb db)
{
    public async Task<int> HandleAsync(CurrentUser? user, CancellationToken ct = default)
    {
        PortfolioAccess.RequireOffice(user);
        return await SearchIndex.RebuildAsync(db, ct);
    }
}
