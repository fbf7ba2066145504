using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Accounts;
using Samstyring.Core.Audit;
using Samstyring.Core.Common;

namespace Samstyring.Web.Tests.Accounts;

/// <summary>
/// HTTP Basic without a password hash per request (issue 14), on an app with the default login limits: a right password
/// is hashed once and then let in from the node's cache; a new password, a new role and a wrong password are seen at once
/// on the node, and the throttle still counts and holds every wrong one. Each test has a user of its own.
/// </summary>
public abstract class VerifiedPasswordCacheTests(SamstyringFactory factory) : WebTest(factory)
{
    private const string Password = "riktig-passord-1", NewPassword = "nytt-passord-1234";

    [Fact]
    public async Task Repeated_requests_with_the_right_password_hash_it_only_once()
    {
        if (!Factory.Ready()) return;
        var user = await NewUserAsync("member");
        using var client = Basic(user, Password);
        var before = Hashed();
        for (var i = 0; i < 5; i++)
            using (var response = await client.GetAsync("/api/v1/bodies")) await response.AssertStatusAsync(HttpStatusCode.OK, $"request {i + 1}");
        Assert.Equal(1, Hashed() - before);
    }

    [Fact]
    public async Task After_a_new_password_the_old_one_is_refused_at_once_and_the_new_one_works()
    {
        if (!Factory.Ready()) return;
        var user = await NewUserAsync("member");
        using var old = Basic(user, Password);
        await GetAsync(old, HttpStatusCode.OK, "the password, hashed");
        await GetAsync(old, HttpStatusCode.OK, "the password, from the cache");

        await InScopeAsync<ChangePassword>(c => c.HandleAsync(new ChangePasswordInput(Password, NewPassword, NewPassword), Me(user)));

        await GetAsync(old, HttpStatusCode.Unauthorized, "the old password");
        using var fresh = Basic(user, NewPassword);
        await GetAsync(fresh, HttpStatusCode.OK, "the new password");
    }

    [Fact]
    public async Task A_wrong_password_after_a_cached_right_one_is_refused_counted_and_throttled()
    {
        if (!Factory.Ready()) return;
        var user = await NewUserAsync("member");
        using var right = Basic(user, Password);
        await GetAsync(right, HttpStatusCode.OK, "the password, hashed");
        await GetAsync(right, HttpStatusCode.OK, "the password, from the cache");

        using var wrong = Basic(user, "feil-passord-1");
        await GetAsync(wrong, HttpStatusCode.Unauthorized, "the first wrong password");
        Assert.Equal(1, await WithDbAsync(db => db.AuditLog.CountAsync(a => a.Action == "SignInFailed" && a.EntityId == user)));
        // TestServer sends no address: the throttle counts the user name at «ukjent».
        Assert.Equal(1, await WithDbAsync(db => db.LoginThrottles.Where(t => t.Kind == ThrottleKind.Pair && t.Key == user + "|ukjent")
            .Select(t => t.Attempts).SingleAsync()));

        // Wrong until the throttle says wait (the third is the last free one); then the right password waits too, as it
        // would have without the cache, rather than being let in by it.
        var (status, refused) = (HttpStatusCode.Unauthorized, 1);
        for (var i = 0; i < 5 && status != HttpStatusCode.TooManyRequests; i++)
        {
            using var response = await wrong.GetAsync("/api/v1/bodies");
            status = response.StatusCode;
            if (status == HttpStatusCode.Unauthorized) refused++;
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        // The first wait is one second: stretch it, so that a slow machine cannot let it run out before the next request
        // and what is tested is the cache, not the clock.
        await WithDbAsync(db => db.LoginThrottles.Where(t => t.Kind == ThrottleKind.Pair && t.Key == user + "|ukjent")
            .ExecuteUpdateAsync(x => x.SetProperty(t => t.NextAllowedAt, DateTime.UtcNow.AddMinutes(1))));
        await GetAsync(right, HttpStatusCode.TooManyRequests, "the right password while the user name must wait");
        Assert.True(refused >= 3, $"{refused} wrong passwords before the wait");
        Assert.Equal(refused, await WithDbAsync(db => db.AuditLog.CountAsync(a => a.Action == "SignInFailed" && a.EntityId == user)));
    }

    [Fact]
    public async Task A_new_role_is_seen_at_once_by_a_client_with_a_cached_password()
    {
        // There is no deactivating or deleting a user; taking the office role away is the strongest change there is.
        if (!Factory.Ready()) return;
        var user = await NewUserAsync("portfolio-office");
        using var client = Basic(user, Password);
        for (var i = 0; i < 2; i++)
            using (var users = await client.GetAsync("/api/v1/users")) await users.AssertStatusAsync(HttpStatusCode.OK, "the office's list of users");

        await InScopeAsync<ChangeUserAccess>(c => c.HandleAsync(user, "member", null, CurrentUser.System));

        using var after = await client.GetAsync("/api/v1/users");
        await after.AssertStatusAsync(HttpStatusCode.Forbidden, "the office's list of users, as a member now");
    }

    private long Hashed() => Factory.Services.GetRequiredService<PasswordChecks>().Count;

    private static async Task GetAsync(HttpClient client, HttpStatusCode expected, string what)
    {
        using var response = await client.GetAsync("/api/v1/bodies");
        await response.AssertStatusAsync(expected, what);
    }

    private HttpClient Basic(string user, string password)
    {
        var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }

    private static CurrentUser Me(string user) => new(user, "Buffer Testesen", Role.Member, null);

    private async Task<string> NewUserAsync(string role)
    {
        var name = "buffer-" + Guid.NewGuid().ToString("N")[..10];
        await InScopeAsync<CreateUser>(u => u.HandleAsync(new CreateUserInput(name, "Buffer Testesen", role, null, Password), CurrentUser.System));
        return name;
    }

    private async Task InScopeAsync<T>(Func<T, Task> action) where T : notnull
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditContext>().UserName = "system";
        await action(scope.ServiceProvider.GetRequiredService<T>());
    }
}

public sealed class VerifiedPasswordCacheSqliteTests(ThrottledSqliteFactory factory) : VerifiedPasswordCacheTests(factory), IClassFixture<ThrottledSqliteFactory>;

public sealed class VerifiedPasswordCachePostgresTests(ThrottledPostgresFactory factory) : VerifiedPasswordCacheTests(factory), IClassFixture<ThrottledPostgresFactory>;
