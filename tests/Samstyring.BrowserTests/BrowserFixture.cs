using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Samstyring.BrowserTests;

/// <summary>
/// One app server (SQLite, demo data) and one Chromium for the whole suite. Debian's Chromium is used, never a
/// downloaded browser: SAMSTYRING_CHROMIUM, default /usr/bin/chromium.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string DemoPassword = "samstyring";

    private IPlaywright? _playwright;
    private AppServer? _server;
    private readonly Dictionary<string, IBrowserContext> _sessions = new();

    public IBrowser Browser { get; private set; } = null!;
    public AppServer Server => _server ?? throw new InvalidOperationException("Serveren er ikke startet.");
    public string BaseUrl => Server.BaseAddress.ToString().TrimEnd('/');

    /// <summary>Full-page screenshots for humans: SAMSTYRING_SCREENSHOTS, default {test project}/TestResults/screenshots.</summary>
    public string ScreenshotDirectory { get; } = ResolveScreenshotDirectory();

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var serverTask = AppServer.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchAsync(_playwright);
        _server = await serverTask;
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        var executable = Environment.GetEnvironmentVariable("SAMSTYRING_CHROMIUM") is { Length: > 0 } e ? e : "/usr/bin/chromium";
        if (!File.Exists(executable))
            throw new InvalidOperationException($"Fant ikke Chromium på {executable}. Installer med `apt-get install -y chromium` eller sett SAMSTYRING_CHROMIUM.");
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        foreach (var context in _sessions.Values) await context.CloseAsync();
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
    }

    /// <summary>A fresh browser context (own cookies) against <paramref name="baseUrl"/> (default: the suite's server).</summary>
    public async Task<IBrowserContext> NewContextAsync(string? baseUrl = null, bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl ?? BaseUrl,
            JavaScriptEnabled = javaScript,
            Locale = "nb-NO",
            TimezoneId = "Europe/Oslo",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        // The suite shares two cores with the web tests; a cold server's first pages (JIT, password hashing) once took
        // over Playwright's 30 s. A slow page is not a failure here, a wrong one is.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return context;
    }

    /// <summary>A page in a context logged in as <paramref name="userName"/> (null: anonymous). The login is done once per user and reused.</summary>
    public async Task<IPage> PageAsAsync(string? userName)
    {
        var key = userName ?? "";
        if (!_sessions.TryGetValue(key, out var context))
        {
            context = await NewContextAsync();
            if (userName is not null)
            {
                var login = await context.NewPageAsync();
                await LogInAsync(login, userName);
                await login.CloseAsync();
            }
            _sessions[key] = context;
        }
        return await context.NewPageAsync();
    }

    /// <summary>
    /// axe on what a page without JavaScript shows. axe is itself JavaScript and never finishes where scripts are off, so the
    /// page's document is copied into a page with scripts on at the same origin (the styles load, so colour contrast counts).
    /// </summary>
    public async Task AssertNoViolationsWithoutScriptAsync(IPage page, string what)
    {
        const string key = "\0kopi med JavaScript";
        if (!_sessions.TryGetValue(key, out var context)) _sessions[key] = context = await NewContextAsync();
        var html = await page.ContentAsync();
        var copy = await context.NewPageAsync();
        try
        {
            await copy.GotoAsync("/healthz");
            await copy.SetContentAsync(html);
            var violations = await Axe.ViolationsAsync(copy);
            if (violations.Count > 0) Assert.Fail(Axe.Describe(violations, what, page.Url));
        }
        finally
        {
            await copy.CloseAsync();
        }
    }

    public static async Task LogInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/logg-inn");
        await page.GetByLabel("Brukernavn").FillAsync(userName);
        await page.GetByLabel("Passord").FillAsync(DemoPassword);
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        if (new Uri(page.Url).AbsolutePath == "/logg-inn")
            throw new InvalidOperationException($"Innlogging som {userName} feilet: {await page.Locator("main").InnerTextAsync()}");
    }

    public static async Task LogOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Logg ut" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        // Logged out: the header offers "Logg inn" again.
        if (await page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Logg inn" }).CountAsync() == 0)
            throw new InvalidOperationException($"Utlogging feilet ({page.Url}): {await page.Locator("body").InnerTextAsync()}");
    }

    /// <summary>The id of an initiative found by name through the public API.</summary>
    public async Task<int> InitiativeIdAsync(string name, string? baseUrl = null)
    {
        var rows = await GetJsonAsync($"/api/v1/initiatives?search={Uri.EscapeDataString(name)}", baseUrl);
        foreach (var row in rows.EnumerateArray())
            if (row.GetProperty("name").GetString() == name) return row.GetProperty("id").GetInt32();
        throw new InvalidOperationException($"Fant ikke tiltaket «{name}» i /api/v1/initiatives.");
    }

    /// <summary>An active initiative owned by the organisation whose name contains <paramref name="ownerName"/>.</summary>
    public async Task<int> ActiveInitiativeOfOwnerAsync(string ownerName)
    {
        var rows = await GetJsonAsync("/api/v1/initiatives?lifecycle=active");
        foreach (var row in rows.EnumerateArray())
            if (row.GetProperty("owner").GetProperty("name").GetString()!.Contains(ownerName, StringComparison.OrdinalIgnoreCase))
                return row.GetProperty("id").GetInt32();
        throw new InvalidOperationException($"Fant ikke et aktivt tiltak eid av «{ownerName}».");
    }

    /// <summary>Reads the API anonymously, or as <paramref name="userName"/> (a demo user) with Basic credentials.</summary>
    public async Task<JsonElement> GetJsonAsync(string path, string? baseUrl = null, string? userName = null)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl ?? BaseUrl) };
        if (userName is not null)
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{userName}:{DemoPassword}")));
        return await http.GetFromJsonAsync<JsonElement>(path);
    }

    public async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = fullPage });
    }

    private static string ResolveScreenshotDirectory()
    {
        if (Environment.GetEnvironmentVariable("SAMSTYRING_SCREENSHOTS") is { Length: > 0 } dir) return Path.GetFullPath(dir);
        return Path.Combine(AppServer.RepositoryRoot(), "tests", "Samstyring.BrowserTests", "TestResults", "screenshots");
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
