using Samstyring.Core.Data;

namespace Samstyring.Core.Accounts;

/// <summary>
/// Checks the user name and password an API client sends with every request (HTTP Basic): through
/// <see cref="CheckPassword"/>, throttle and all, the first time, and from <see cref="VerifiedPasswordCache"/> for the next
/// <see cref="VerifiedPasswordCache.Lifetime"/>. A refused try forgets what the cache knows of its user name and address,
/// so the throttle, not the cache, decides the next one. The login form checks every password (a session follows).
/// </summary>
[UseCase]
public sealed class AuthenticatePassword(CheckPassword check, VerifiedPasswordCache cache, TimeProvider clock)
{
    public async Task<PasswordCheck> HandleAsync(string userName, string password, string? address, CancellationToken ct = default)
    {
        var key = cache.Key(userName, password, address);
        var now = clock.GetUtcNow().UtcDateTime;
        if (cache.Find(key, now) is { } known) return new PasswordCheck(known.User, null);

        var mark = cache.Mark(userName, address);
        var result = await check.HandleAsync(userName, password, address, ct);
        if (result.User is { } user) cache.Add(key, new VerifiedPasswordCache.Entry(user.UserName, address, user, now, mark));
        else cache.ForgetTry(userName, address);
        return result;
    }
}
