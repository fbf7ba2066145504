using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Data;

namespace Samstyring.Web.Tests;

/// <summary>What every web test class needs: the factory, a client per user and lookups of demo data by name.</summary>
public abstract class WebTest(SamstyringFactory factory)
{
    /// <summary>The current reporting period of the demo data (tertials of 2021; T3 has started).</summary>
    public const string CurrentPeriod = "2021-T3";

    protected SamstyringFactory Factory { get; } = factory;

    protected HttpClient Anonymous => Factory.Client(As.Anonymous);
    protected HttpClient Office => Factory.Client(As.Office);

    protected HttpClient Client(As user) => Factory.Client(user);

    protected async Task<JsonNode> InitiativeAsync(int id) => await Anonymous.GetJsonAsync($"/api/v1/initiatives/{id}");

    /// <summary>The id of a demo initiative by exact name, whatever its lifecycle.</summary>
    protected async Task<int> InitiativeIdAsync(string name)
    {
        if (Factory.Ids.TryGetValue("initiative:" + name, out var cached)) return cached;
        foreach (var lifecycle in new[] { "", "&lifecycle=left", "&lifecycle=completed" })
        {
            var rows = await Anonymous.GetArrayAsync($"/api/v1/initiatives?search={Uri.EscapeDataString(name)}{lifecycle}");
            var hit = rows.FirstOrDefault(r => r.Str("name") == name);
            if (hit is not null) return Factory.Ids["initiative:" + name] = hit.Int("id");
        }
        throw new Xunit.Sdk.XunitException($"no initiative named «{name}»");
    }

    protected async Task<int> OrganizationIdAsync(string name)
    {
        if (Factory.Ids.TryGetValue("organization:" + name, out var cached)) return cached;
        var rows = await Anonymous.GetArrayAsync($"/api/v1/organizations?search={Uri.EscapeDataString(name)}");
        var hit = rows.FirstOrDefault(r => r.Str("name") == name) ?? throw new Xunit.Sdk.XunitException($"no organisation named «{name}»");
        return Factory.Ids["organization:" + name] = hit.Int("id");
    }

    /// <summary>All initiatives in every lifecycle, to see that a refused write added nothing.</summary>
    protected async Task<int> CountInitiativesAsync()
    {
        var total = 0;
        foreach (var lc in new[] { "candidate", "active", "paused", "completed", "left" })
            total += (await Anonymous.GetArrayAsync($"/api/v1/initiatives?lifecycle={lc}")).Count;
        return total;
    }

    /// <summary>
    /// A browser signed in with the login form (cookie jar of its own), and an antiforgery token bound to that user,
    /// taken from a form page after the login.
    /// </summary>
    protected async Task<(HttpClient Browser, string Token)> SignedInBrowserAsync(As user)
    {
        var browser = Factory.BrowserClient();
        using (var form = await browser.GetAsync("/logg-inn"))
        {
            var token = Forms.AntiforgeryToken(await form.Content.ReadAsStringAsync());
            using var login = await browser.PostAsync("/logg-inn", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["userName"] = SamstyringFactory.UserName(user), ["password"] = SamstyringFactory.DemoPassword, ["returnUrl"] = "",
                ["__RequestVerificationToken"] = token,
            }));
            await login.AssertStatusAsync(System.Net.HttpStatusCode.Redirect, $"log in as {user}");
        }
        using var page = await browser.GetAsync("/logg-ut");
        await page.AssertStatusAsync(System.Net.HttpStatusCode.OK, "the sign-out form");
        return (browser, Forms.AntiforgeryToken(await page.Content.ReadAsStringAsync()));
    }

    /// <summary>A browser signed in as a demo user by user name (for users without an <see cref="As"/> of their own, such as «tbu»).</summary>
    protected async Task<HttpClient> SignInAsync(string userName)
    {
        var browser = Factory.BrowserClient();
        using var form = await browser.GetAsync("/logg-inn");
        using var login = await browser.PostAsync("/logg-inn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName, ["password"] = SamstyringFactory.DemoPassword, ["returnUrl"] = "",
            ["__RequestVerificationToken"] = Forms.AntiforgeryToken(await form.Content.ReadAsStringAsync()),
        }));
        await login.AssertStatusAsync(HttpStatusCode.Redirect, "log in as " + userName);
        return browser;
    }

    /// <summary>A page's HTML, entities decoded (so that tests match text as a reader sees it).</summary>
    protected static async Task<string> PageAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(url);
        await response.AssertStatusAsync(expected, url);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts a form as a browser would; returns the page shown (decoded), or for a redirect its target.</summary>
    protected static async Task<string> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.PostAsync(url, new FormUrlEncodedContent(fields));
        await response.AssertStatusAsync(expected, "POST " + url);
        return expected == HttpStatusCode.Redirect ? response.Headers.Location!.OriginalString : WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Runs a query against the app's database in a scope of its own (to arrange data or see what was stored).</summary>
    protected async Task<T> WithDbAsync<T>(Func<SamstyringDb, Task<T>> query)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SamstyringDb>());
    }

    /// <summary>Rows in the audit log, to see that a refused change saved nothing.</summary>
    protected Task<int> AuditCountAsync() => WithDbAsync(db => db.AuditLog.CountAsync());

    protected static string UniqueName(string prefix) => $"{prefix} {Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>A valid proposal body; owners get their own organisation whatever ownerId says.</summary>
    protected static object Proposal(string name, int? ownerId = null, string kind = "project") => new
    {
        name, description = "Laget av webtestene.", ownerId, kind, phase = "konsept",
        plannedStart = "2022-01-01", plannedEnd = "2023-12-31", contactPerson = "Test Testesen",
    };

    /// <summary>Proposes as the user and returns the new initiative's id.</summary>
    protected async Task<int> ProposeAsync(As user, string name, int? ownerId = null)
    {
        using var response = await Client(user).PostJsonAsync("/api/v1/initiatives", Proposal(name, ownerId));
        await response.AssertStatusAsync(System.Net.HttpStatusCode.Created, $"propose as {user}");
        return (await response.ReadJsonAsync()).Int("id");
    }

    /// <summary>The body for PUT /initiatives/{id} built from the current details, with changes applied by the caller.</summary>
    protected static Dictionary<string, object?> UpdateBody(JsonNode details, string? name = null) => new()
    {
        ["name"] = name ?? details.Str("name"),
        ["description"] = details["description"]?.GetValue<string>(),
        ["kind"] = details.Str("kind"),
        ["plannedStart"] = details["plannedStart"]?.GetValue<string>(),
        ["plannedEnd"] = details["plannedEnd"]?.GetValue<string>(),
        ["contactPerson"] = details["contactPerson"]?.GetValue<string>(),
    };
}
