using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Accounts;

/// <summary>
/// Revokes an API token: its maker (the owner of a personal token) or the office. The row stays, with who revoked it and
/// when, so the lists and the audit trail keep its history. This node stops accepting it at once; other nodes within
/// <see cref="ApiTokenCache.Lifetime"/>. Revoking a revoked token changes nothing.
/// </summary>
[UseCase]
public sealed class RevokeApiToken(SamstyringDb db, ApiTokenCache cache, AccountQueries queries)
{
    public async Task<ApiTokenRow> HandleAsync(int id, int? version, CurrentUser? user, CancellationToken ct = default)
    {
        if (user is null) throw new ForbiddenException("Du må logge inn.");
        var token = await db.ApiTokens.Include(t => t.User).SingleOrDefaultAsync(t => t.Id == id, ct);
        // Someone else's token is not found, as it is missing from their list: the ids of others' tokens say nothing.
        if (token is null || (!user.IsOffice && token.User.UserName != user.UserName)) throw new NotFoundException(AccountQueries.ApiTokenNotFound);
        db.ExpectVersion(token, version);
        if (token.RevokedAt is null)
        {
            token.RevokedAt = db.UtcNow;
            token.RevokedBy = user.UserName.Length > 80 ? user.UserName[..80] : user.UserName;
            await db.SaveChangesAsync(ct);
        }
        cache.Evict(token.Id);
        return await queries.ApiTokenAsync(token.Id, CurrentUser.System, ct);
    }
}
