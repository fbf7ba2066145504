extern alias web;

using System.Net;
using System.Net.Http.Headers;
using Samstyring.Web.Tests.Council;
using web::Samstyring.Web.Notifications;

namespace Samstyring.Web.Tests.Shared;

/// <summary>
/// Anonymous pages are kept per data version: the same page comes back with the same ETag, revalidates with 304, shows a
/// change at once, is never a signed-in user's page, and carries no cookie (its subscribe form works without one).
/// </summary>
public abstract class PublicPageCacheTests(SamstyringFactory factory) : CouncilWebTest(factory)
{
    private static readonly string[] Pages = ["/", "/rapport", "/veikart", "/organer/nuit"];

    [Fact]
    public async Task An_anonymous_page_is_served_again_with_its_etag_and_revalidates_with_304()
    {
        if (!Factory.Ready()) return;
        foreach (var path in Pages)
        {
            var (first, etag) = await GetAsync(Anonymous, path);
            var (again, etagAgain) = await GetAsync(Anonymous, path);
            Assert.Equal(first, again);
            Assert.Equal(etag, etagAgain);
            Assert.NotNull(etag);

            using var revalidate = new HttpRequestMessage(HttpMethod.Get, path);
            revalidate.Headers.Accept.ParseAdd("text/html");
            revalidate.Headers.IfNoneMatch.Add(etag);
            using var response = await Anonymous.SendAsync(revalidate);
            Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_change_shows_on_the_anonymous_page_at_once_with_a_new_etag()
    {
        if (!Factory.Ready()) return;
        var (before, etag) = await GetAsync(Anonymous, "/organer");
        var slug = await CreateBodyAsync("side-" + Guid.NewGuid().ToString("N")[..8]);
        var (after, newEtag) = await GetAsync(Anonymous, "/organer");
        Assert.DoesNotContain(slug, before);
        Assert.Contains(slug, after);
        Assert.NotEqual(etag, newEtag);
    }

    [Fact]
    public async Task A_signed_in_page_is_never_kept_for_visitors_and_visitors_never_get_it()
    {
        if (!Factory.Ready()) return;
        var signedIn = await SignInAsync("kontor");

        foreach (var path in Pages)
        {
            using (await Anonymous.GetAsync(path)) { } // an anonymous copy first, which a signed-in user must not get
            var (mine, myEtag) = await GetAsync(signedIn, path);
            Assert.Contains("Logg ut", mine);
            Assert.Null(myEtag);
            var (theirs, _) = await GetAsync(Anonymous, path);
            Assert.DoesNotContain("Logg ut", theirs);
        }
    }

    [Fact]
    public async Task Public_pages_set_no_cookie_and_their_subscribe_form_works_without_one()
    {
        if (!Factory.Ready()) return;
        var cookieless = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        foreach (var path in Pages)
        {
            using var response = await cookieless.GetAsync(path);
            Assert.False(response.Headers.Contains("Set-Cookie"), $"{path} set a cookie");
        }
        var fields = Forms.FieldsOfFormWith(await PageAsync(cookieless, "/veikart"), "topic");
        fields["email"] = $"side.{Guid.NewGuid().ToString("N")[..8]}@example.no";
        Assert.Contains(SubscriptionsApi.Answer, await PostFormAsync(cookieless, "/abonnement", fields));
    }

    private static async Task<(string Body, EntityTagHeaderValue? ETag)> GetAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await client.SendAsync(request);
        await response.AssertStatusAsync(HttpStatusCode.OK, path);
        return (WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), response.Headers.ETag);
    }
}

public sealed class PublicPageCacheSqliteTests(SqliteFactory factory) : PublicPageCacheTests(factory), IClassFixture<SqliteFactory>;

public sealed class PublicPageCachePostgresTests(PostgresFactory factory) : PublicPageCacheTests(factory), IClassFixture<PostgresFactory>;
