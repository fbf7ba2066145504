using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Accounts;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Web.Accounts;

/// <summary>Checks a user name and password against the accounts table.</summary>
public sealed class SignIn(IServiceScopeFactory scopes)
{
    public async Task<CurrentUser?> VerifyAsync(string userName, string password, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SamstyringDb>();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == userName.Trim(), ct);
        if (user is null)
        {
            PasswordHasher.Verify(password, DummyHash); // same work either way, so timing does not reveal user names
            return null;
        }
        return PasswordHasher.Verify(password, user.PasswordHash) ? user.ToCurrentUser() : null;
    }

    private static readonly string DummyHash = PasswordHasher.Hash("dummy-password");
}
