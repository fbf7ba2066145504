using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Samstyring.BrowserTests;

/// <summary>Keyboard-only use, and the forms working without JavaScript (progressive enhancement).</summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardAndNoScriptTests(BrowserFixture fx)
{
    [Fact]
    public async Task Skip_link_is_the_first_tab_stop_and_moves_focus_to_main()
    {
        await using var context = await fx.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        await page.Keyboard.PressAsync("Tab");
        var first = await FocusedAsync(page);
        Assert.True(first.Text == "Hopp til hovedinnhold" && first.Href?.EndsWith("#main", StringComparison.Ordinal) == true,
            $"Første tabulatorstopp skal være hopplenken til #main, men var <{first.Tag}> «{first.Text}» (href={first.Href}).");
        Assert.True(await page.EvaluateAsync<bool>(
                "() => { const r = document.activeElement.getBoundingClientRect(); return r.width > 1 && r.height > 1 && r.top >= 0; }"),
            "Hopplenken skal være synlig når den har fokus.");
        await fx.ScreenshotAsync(page, "hopplenke-fokus", fullPage: false);

        await page.Keyboard.PressAsync("Enter");
        var after = await FocusedAsync(page);
        Assert.True(after.Id == "main", $"Etter Enter på hopplenken skal fokus være på #main, men var <{after.Tag} id={after.Id}>.");
    }

    [Fact]
    public async Task Login_form_can_be_completed_with_the_keyboard_only()
    {
        await using var context = await fx.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/logg-inn");

        // Tab through the page from the top until the user name field has focus; then type, tab, type, Enter.
        var stops = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var f = await FocusedAsync(page);
            stops.Add($"<{f.Tag} id={f.Id}> {f.Text}");
            if (f.Id == "userName") break;
        }
        Assert.True((await FocusedAsync(page)).Id == "userName", "Nådde ikke brukernavnfeltet med Tab. Stopp:\n" + string.Join("\n", stops));
        await page.Keyboard.TypeAsync("eier-hso");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("password", (await FocusedAsync(page)).Id);
        await page.Keyboard.TypeAsync(BrowserFixture.DemoPassword);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath != "/logg-inn", new() { Timeout = 60_000 });
        await Assert_visible(page.GetByRole(AriaRole.Button, new() { Name = "Logg ut" }), "Logg ut-knappen etter innlogging med tastatur");
    }

    [Fact]
    public async Task Propose_form_works_without_JavaScript()
    {
        await using var context = await fx.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        Assert.False(await IsScriptRunningAsync(page), "JavaScript skulle vært slått av i denne konteksten.");
        await BrowserFixture.LogInAsync(page, "eier-hso");

        var name = "Uten JavaScript " + Guid.NewGuid().ToString("N")[..6];
        await page.GotoAsync("/tiltak/foresla");
        await page.GetByLabel("Navn", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Type tiltak").SelectOptionAsync(new SelectOptionValue { Label = "Konseptarbeid" });
        await page.GetByLabel("Fase").SelectOptionAsync(new SelectOptionValue { Label = "Konsept" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Foreslå tiltaket" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/tiltak/\d+$"), new() { Timeout = 60_000 });
        await Assert_visible(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 }), "overskriften med det nye tiltakets navn");

        // A server-side validation error also works without JavaScript (the browser's required check is bypassed by posting an empty name).
        await page.GotoAsync("/tiltak/foresla");
        await page.GetByLabel("Type tiltak").SelectOptionAsync(new SelectOptionValue { Label = "Prosjekt" });
        await page.GetByLabel("Navn", new() { Exact = true }).FillAsync("   ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Foreslå tiltaket" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        await Assert_visible(page.Locator(".ds-error-summary"), "feiloppsummeringen");
        await fx.ScreenshotAsync(page, "uten-javascript-feil");
    }

    private static async Task<bool> IsScriptRunningAsync(IPage page)
    {
        await page.SetContentAsync("<p id=p>nei</p><script>document.getElementById('p').textContent='ja'</script>");
        return await page.Locator("#p").TextContentAsync() == "ja";
    }

    private static async Task Assert_visible(ILocator locator, string what)
    {
        try
        {
            await locator.WaitForAsync(new() { Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Fant ikke {what} på {locator.Page.Url}. Siden viser:\n{await locator.Page.Locator("body").InnerTextAsync()}");
        }
    }

    private sealed record Focused(string Tag, string? Id, string Text, string? Href);

    private static async Task<Focused> FocusedAsync(IPage page)
    {
        var f = await page.EvaluateAsync<System.Text.Json.JsonElement>(
            "() => { const e = document.activeElement; return { tag: e ? e.tagName.toLowerCase() : '', id: e && e.id ? e.id : null, text: e ? (e.innerText || e.value || '').trim() : '', href: e && e.getAttribute ? e.getAttribute('href') : null }; }");
        string? S(string key) => f.TryGetProperty(key, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString() : null;
        return new Focused(S("tag") ?? "", S("id"), S("text") ?? "", S("href"));
    }
}
