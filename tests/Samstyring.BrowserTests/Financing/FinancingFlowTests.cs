using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Samstyring.Core.Common;
using Samstyring.Web.Financing;
using static Samstyring.BrowserTests.CouncilFlowTests;

namespace Samstyring.BrowserTests.Financing;

/// <summary>
/// Issue 11's browser test: the office drafts the 2023 price model from the adopted 2022 one, moves 5 percentage points from the
/// regional health authorities to the municipalities, sees Oslo's and Utsira's change in the comparison, takes the draft through
/// the council, the TBU (its own user), the public consultation and the KS consultation to adopted; then the public year page and
/// Oslo's invoice basis show the new figures. Year 2023 is used by no other browser test, and nothing here changes 2022.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class FinancingFlowTests(BrowserFixture fx)
{
    private const string Oslo = "0301";
    private const string Utsira = "1151";

    [Fact]
    public async Task The_office_drafts_2023_moves_five_points_to_the_municipalities_and_the_adopted_model_reaches_the_public_and_Oslo()
    {
        var visitor = await fx.PageAsAsync(null);
        var office = await fx.PageAsAsync("kontor");
        var tbu = await fx.PageAsAsync("tbu");
        var oslo = await fx.PageAsAsync("eier-oslo");
        try
        {
            // Nothing is adopted for 2023 yet: the public gets no year page.
            var none = await visitor.GotoAsync("/finansiering/2023");
            Assert.Equal(404, none!.Status);

            // ---- The office makes the 2023 draft from the adopted 2022 model.
            await GotoAsync(office, "/finansiering");
            await office.GetByRole(AriaRole.Link, new() { Name = "Prismodell 2022", Exact = true }).ClickAsync();
            await WaitForUrlAsync(office, "/finansiering/2022$", "årssiden for 2022");
            await office.GetByRole(AriaRole.Button, new() { Name = "Lag utkast for 2023" }).ClickAsync();
            await WaitForUrlAsync(office, @"/finansiering/modeller/\d+$", "siden for det nye utkastet");
            var modelPath = new Uri(office.Url).AbsolutePath;
            var modelId = int.Parse(ModelId().Match(modelPath).Groups[1].Value, CultureInfo.InvariantCulture);
            await ExpectVisibleAsync(office.GetByRole(AriaRole.Heading, new() { Name = "Prismodell 2023", Level = 1 }), "overskriften «Prismodell 2023»");
            await ExpectTextAsync(office.Locator("main"), "Status: Utkast", "statusen Utkast");
            // The draft is not public.
            Assert.Equal(404, (await visitor.GotoAsync(modelPath))!.Status);
            var before = await JsonAsync(office, $"/api/v1/financing/models/{modelId}");
            await fx.ScreenshotAsync(office, "finansiering-flyt-utkast");

            // ---- 5 percentage points from the regional health authorities to the municipalities, in every solution.
            var shift = office.Locator("form").Filter(new() { Has = office.GetByRole(AriaRole.Button, new() { Name = "Flytt prosentpoengene" }) });
            await shift.GetByLabel("Fra gruppe").SelectOptionAsync(new SelectOptionValue { Label = "Regionale helseforetak" });
            await shift.GetByLabel("Til gruppe").SelectOptionAsync(new SelectOptionValue { Label = "Kommuner" });
            await shift.GetByLabel("Prosentpoeng").FillAsync("5");
            Assert.Equal("", await shift.GetByLabel("Løsning").InputValueAsync()); // "Alle løsningene"
            await shift.GetByRole(AriaRole.Button, new() { Name = "Flytt prosentpoengene" }).ClickAsync();
            await office.WaitForLoadStateAsync();
            await ExpectTextAsync(office.Locator("main"), "Prosentpoengene er flyttet.", "meldingen om at poengene er flyttet");
            var after = await JsonAsync(office, $"/api/v1/financing/models/{modelId}");
            AssertFivePointsMoved(before, after);
            await fx.ScreenshotAsync(office, "finansiering-flyt-flyttet");

            // ---- The comparison with the adopted 2022 model, per group and for Oslo and Utsira.
            var comparison = await JsonAsync(office, $"/api/v1/financing/scenarios/{modelId}/compare");
            Assert.Equal("Prismodell 2022", comparison.GetProperty("base").GetProperty("name").GetString());
            var osloChange = Actor(comparison, Oslo);
            var utsiraChange = Actor(comparison, Utsira);
            foreach (var change in new[] { osloChange, utsiraChange })
            {
                // The draft's amount is the 2023 cost with the moved shares through the population key (computed from the model
                // itself, to the øre but for rounding), and the base is what the municipality pays in the adopted 2022 model.
                var expected = ExpectedMunicipalityAmount(after, change.OrganizationId);
                var slack = 2 * after.GetProperty("solutions").GetArrayLength();
                Assert.InRange(change.OtherOre, expected - slack, expected + slack);
                Assert.Equal(ActorAmount(after, change.OrganizationId), change.OtherOre);
                var bill2022 = await fx.GetJsonAsync($"/api/v1/financing/2022/actors/{change.OrganizationId}");
                Assert.Equal(bill2022.GetProperty("totalOre").GetInt64(), change.BaseOre);
                // The move alone makes the municipality pay more.
                Assert.True(change.OtherOre > ActorAmount(before, change.OrganizationId), $"Kommunen {change.OrganizationId} skal betale mer etter flyttingen.");
            }

            await office.GetByRole(AriaRole.Link, new() { Name = "Sammenlign med vedtatt modell" }).ClickAsync();
            await WaitForUrlAsync(office, @"/finansiering/modeller/\d+/sammenlign$", "sammenligningen");
            await ExpectVisibleAsync(office.GetByRole(AriaRole.Heading, new() { Name = "Prismodell 2023 sammenlignet med Prismodell 2022", Level = 1 }), "overskriften på sammenligningen");
            foreach (var group in comparison.GetProperty("groups").EnumerateArray())
            {
                var label = GroupLabel(group.GetProperty("group").GetString()!);
                var row = await office.Locator("section[aria-labelledby=grupper] tbody tr").Filter(new() { Has = office.GetByRole(AriaRole.Rowheader, new() { Name = label, Exact = true }) }).InnerTextAsync();
                var baseOre = group.GetProperty("baseOre").GetInt64();
                var otherOre = group.GetProperty("otherOre").GetInt64();
                Assert.Contains(Norwegian.Kroner(baseOre), row);
                Assert.Contains(Norwegian.Kroner(otherOre), row);
                Assert.Contains(FinancingText.Change(otherOre - baseOre), row);
            }
            // The municipalities' group in the draft is the sum of its shares in the model.
            Assert.Equal(GroupAmount(after, "municipalities"), Group(comparison, "municipalities").OtherOre);
            Assert.Equal(GroupAmount(after, "regional-health-authorities"), Group(comparison, "regional-health-authorities").OtherOre);
            await ExpectVisibleAsync(office.Locator("figure.chart img"), "diagrammet over hvem som betaler mer og mindre");

            await SearchActorAsync(office, "Oslo");
            await AssertActorRowAsync(office, "Oslo kommune", osloChange, "sammenligningen");
            await fx.ScreenshotAsync(office, "finansiering-flyt-sammenlign-oslo");
            await SearchActorAsync(office, Utsira);
            await AssertActorRowAsync(office, "Utsira kommune", utsiraChange, "sammenligningen");
            await fx.ScreenshotAsync(office, "finansiering-flyt-sammenlign-utsira");

            // ---- The yearly process: the council, the TBU (its own user), the public consultation, KS–state, adopted. The draft is
            // dated today by the server's clock, and no step may come before the one before it.
            var today = DateOnly.FromDateTime(DateTime.Now);
            await office.GetByRole(AriaRole.Link, new() { Name = "Prismodell 2023", Exact = true }).First.ClickAsync();
            await WaitForUrlAsync(office, Regex.Escape(modelPath) + "$", "utkastet");
            var councilCase = await RecordStepAsync(office, "Behandlet i rådsmodellen", today.AddDays(1), "Nasjonalt e-helsestyre, sak om prismodell 2023", pickCase: true);
            await fx.ScreenshotAsync(office, "finansiering-flyt-radsmodellen");

            // The office leaves the TBU's step to the TBU: the TBU sees only its own step, and no editing.
            await GotoAsync(tbu, modelPath);
            await ExpectVisibleAsync(tbu.GetByRole(AriaRole.Heading, new() { Name = "Registrer neste steg" }), "stegskjemaet for TBU");
            Assert.Equal(["Beregnet av teknisk beregningsutvalg"], await tbu.GetByLabel("Steg", new() { Exact = true }).Locator("option").AllInnerTextsAsync());
            Assert.Equal(0, await tbu.GetByRole(AriaRole.Heading, new() { Name = "Flytt prosentpoeng" }).CountAsync());
            await Axe.AssertNoViolationsAsync(tbu, $"{modelPath} med stegskjemaet (tbu)");
            await RecordStepAsync(tbu, "Beregnet av teknisk beregningsutvalg", today.AddDays(2), "TBU-rapport 2023");
            await fx.ScreenshotAsync(tbu, "finansiering-flyt-tbu");

            await GotoAsync(office, modelPath);
            await RecordStepAsync(office, "På offentlig høring", today.AddDays(3), "Høring om endring i forskrift om standarder og nasjonale e-helseløsninger");
            await RecordStepAsync(office, "Drøftet i konsultasjonene mellom staten og KS", today.AddDays(4), "Konsultasjonsmøte mellom staten og KS");
            await RecordStepAsync(office, "Vedtatt", today.AddDays(5), "Forskriftsendring fra 1. januar 2023");
            await ExpectTextAsync(office.Locator("main"), "Status: Vedtatt", "statusen Vedtatt");
            var steps = await office.Locator("section[aria-labelledby=prosess] ol > li").AllInnerTextsAsync();
            Assert.Equal(6, steps.Count);
            Assert.StartsWith("Utkast, " + Norwegian.Date(today), steps[0], StringComparison.Ordinal);
            Assert.Contains("Behandlet i rådsmodellen, " + Norwegian.Date(today.AddDays(1)), steps[1], StringComparison.Ordinal);
            Assert.Contains(councilCase ?? "Nasjonalt e-helsestyre, sak om prismodell 2023", steps[1], StringComparison.Ordinal);
            Assert.Contains("Beregnet av teknisk beregningsutvalg, " + Norwegian.Date(today.AddDays(2)) + ": TBU-rapport 2023", steps[2], StringComparison.Ordinal);
            Assert.Contains("(registrert av tbu)", steps[2], StringComparison.Ordinal);
            Assert.Contains("På offentlig høring, " + Norwegian.Date(today.AddDays(3)), steps[3], StringComparison.Ordinal);
            Assert.Contains("Drøftet i konsultasjonene mellom staten og KS, " + Norwegian.Date(today.AddDays(4)), steps[4], StringComparison.Ordinal);
            Assert.Contains("Vedtatt, " + Norwegian.Date(today.AddDays(5)) + ": Forskriftsendring fra 1. januar 2023", steps[5], StringComparison.Ordinal);
            Assert.Equal(0, await office.GetByRole(AriaRole.Heading, new() { Name = "Registrer neste steg" }).CountAsync());
            await fx.ScreenshotAsync(office, "finansiering-flyt-vedtatt");

            // ---- The public: the 2023 model on the year page, with Oslo's and Utsira's new amounts and the change from 2022.
            await GotoAsync(visitor, "/finansiering");
            await visitor.GetByRole(AriaRole.Link, new() { Name = "Prismodell 2023", Exact = true }).ClickAsync();
            await WaitForUrlAsync(visitor, "/finansiering/2023$", "årssiden for 2023");
            await ExpectTextAsync(visitor.Locator("main"), "Vedtatt prismodell: Prismodell 2023", "den vedtatte modellen");
            var adopted = await fx.GetJsonAsync("/api/v1/financing/2023");
            Assert.Equal(modelId, adopted.GetProperty("model").GetProperty("id").GetInt32());
            Assert.Equal(after.GetProperty("totalOre").GetInt64(), adopted.GetProperty("totalOre").GetInt64());
            await ExpectVisibleAsync(visitor.GetByRole(AriaRole.Heading, new() { Name = "Totalt " + Norwegian.Kroner(adopted.GetProperty("totalOre").GetInt64()) }), "totalen for 2023");
            await ExpectVisibleAsync(visitor.GetByRole(AriaRole.Heading, new() { Name = "Endring fra 2022" }), "endringen fra 2022");
            await SearchActorAsync(visitor, "Oslo");
            await AssertActorRowAsync(visitor, "Oslo kommune", osloChange, "årssiden for 2023");
            await fx.ScreenshotAsync(visitor, "finansiering-flyt-offentlig-2023");
            await SearchActorAsync(visitor, "Utsira");
            await AssertActorRowAsync(visitor, "Utsira kommune", utsiraChange, "årssiden for 2023");
            var osloBill = await fx.GetJsonAsync($"/api/v1/financing/2023/actors/{osloChange.OrganizationId}");
            Assert.Equal(osloChange.OtherOre, osloBill.GetProperty("totalOre").GetInt64());

            // ---- Oslo's own user finds the invoice basis from Oslo's bill: the new amount, collected as the adopted model says.
            await GotoAsync(oslo, $"/finansiering/2023/aktorer/{osloChange.OrganizationId}");
            await ExpectVisibleAsync(oslo.GetByRole(AriaRole.Heading, new() { Name = $"Oslo kommune betaler {Norwegian.Kroner(osloChange.OtherOre)} i 2023" }), "Oslos regning for 2023");
            await oslo.GetByRole(AriaRole.Link, new() { Name = "Fakturagrunnlaget for Oslo kommune 2023" }).ClickAsync();
            await WaitForUrlAsync(oslo, $"/finansiering/2023/fakturagrunnlag/{osloChange.OrganizationId}$", "Oslos fakturagrunnlag");
            await ExpectVisibleAsync(oslo.GetByRole(AriaRole.Heading, new() { Name = "Fakturagrunnlag 2023 for Oslo kommune", Level = 1 }), "overskriften på fakturagrunnlaget");
            var invoice = await JsonAsync(oslo, $"/api/v1/financing/2023/invoices/{osloChange.OrganizationId}");
            var coFinancing = invoice.GetProperty("explanation").EnumerateArray().Sum(l => l.GetProperty("amountOre").GetInt64());
            Assert.Equal(osloChange.OtherOre, coFinancing);
            var main = oslo.Locator("main");
            await ExpectTextAsync(main, "Etter prismodellen Prismodell 2023.", "prismodellen grunnlaget bygger på");
            await ExpectTextAsync(main, $"Samfinansiering i alt: {Norwegian.Kroner(osloChange.OtherOre)}.", "Oslos nye beløp");
            await ExpectTextAsync(main, Norwegian.Kroner(invoice.GetProperty("invoicedTotalOre").GetInt64()), "summen som faktureres");
            await ExpectTextAsync(main, Norwegian.Kroner(invoice.GetProperty("deductedTotalOre").GetInt64()), "summen som trekkes i rammetilskuddet");
            Assert.DoesNotContain($"Samfinansiering i alt: {Norwegian.Kroner(osloChange.BaseOre)}.", await main.InnerTextAsync(), StringComparison.Ordinal);
            await fx.ScreenshotAsync(oslo, "finansiering-flyt-fakturagrunnlag-oslo");
        }
        finally
        {
            foreach (var page in new[] { visitor, office, tbu, oslo }) await page.CloseAsync();
        }
    }

    // ---- steps through the form

    /// <summary>Records the next step through the form; with <paramref name="pickCase"/> the newest council case offered is linked.
    /// Returns the chosen case's text, if any.</summary>
    private async Task<string?> RecordStepAsync(IPage page, string step, DateOnly on, string reference, bool pickCase = false)
    {
        var form = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Registrer neste steg" }) });
        await form.GetByLabel("Steg", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = step });
        await form.GetByLabel("Dato", new() { Exact = true }).FillAsync(on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        string? chosen = null;
        var cases = form.GetByLabel("Sak i rådsmodellen").Locator("option");
        if (pickCase && await cases.CountAsync() > 1)
        {
            chosen = (await cases.Nth(1).InnerTextAsync()).Trim();
            await form.GetByLabel("Sak i rådsmodellen").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        }
        await form.GetByLabel("Dokument eller referanse").FillAsync(reference);
        await form.GetByRole(AriaRole.Button, new() { Name = "Registrer steget" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        await ExpectTextAsync(page.Locator("main"), $"Prismodellen har nå status «{step}».", $"meldingen om steget «{step}»");
        // The list shows a linked case as "Sak {number}", not the option's text.
        return chosen is null ? null : "Sak " + CaseNumber().Match(chosen).Groups[1].Value;
    }

    private static async Task SearchActorAsync(IPage page, string text)
    {
        var search = page.Locator("form[aria-label='Søk etter aktør']");
        await search.GetByLabel("Søk etter aktør").FillAsync(text);
        await search.GetByRole(AriaRole.Button, new() { Name = "Søk", Exact = true }).ClickAsync();
        await WaitForUrlAsync(page, @"[?&]q=" + Regex.Escape(Uri.EscapeDataString(text)), $"søket etter «{text}»");
    }

    /// <summary>The actor's row shows the comparison's figures: last, new, the change in kroner and in percent.</summary>
    private static async Task AssertActorRowAsync(IPage page, string name, ActorFigures change, string where)
    {
        var rows = page.Locator("section[aria-labelledby=aktorer] tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = name, Exact = true }) });
        Assert.True(await rows.CountAsync() == 1, $"Fant ikke én rad for {name} i {where}:\n{await page.Locator("main").InnerTextAsync()}");
        var cells = await rows.Locator("td").AllInnerTextsAsync();
        Assert.True(cells.Count >= 4, $"For få celler for {name} i {where}: {string.Join(" | ", cells)}");
        Assert.Equal(Norwegian.Kroner(change.BaseOre), cells[0].Trim());
        Assert.Equal(Norwegian.Kroner(change.OtherOre), cells[1].Trim());
        Assert.Equal(FinancingText.Change(change.OtherOre - change.BaseOre), cells[2].Trim());
        Assert.Equal(FinancingText.ChangePercent(FinancingText.Percent(change.BaseOre, change.OtherOre)), cells[3].Trim());
    }

    // ---- expectations computed from the model itself

    /// <summary>Every solution with both groups has 5 points less for the regional health authorities and 5 more for the municipalities; the rest is untouched.</summary>
    private static void AssertFivePointsMoved(JsonElement before, JsonElement after)
    {
        var moved = 0;
        foreach (var solution in after.GetProperty("solutions").EnumerateArray())
        {
            var key = solution.GetProperty("key").GetString()!;
            var old = before.GetProperty("solutions").EnumerateArray().Single(s => s.GetProperty("key").GetString() == key);
            var groupsBefore = Percents(old);
            var groupsAfter = Percents(solution);
            if (!groupsBefore.ContainsKey("regional-health-authorities") || !groupsBefore.ContainsKey("municipalities"))
            {
                Assert.Equal(groupsBefore, groupsAfter);
                continue;
            }
            moved++;
            foreach (var (group, percent) in groupsBefore)
            {
                var expected = group switch { "regional-health-authorities" => percent - 5, "municipalities" => percent + 5, _ => percent };
                Assert.True(expected == groupsAfter[group], $"{key}, {group}: forventet {expected} %, fikk {groupsAfter[group]} %.");
            }
            Assert.Equal(solution.GetProperty("totalOre").GetInt64(), old.GetProperty("totalOre").GetInt64());
        }
        Assert.True(moved > 0, "Ingen løsning hadde både regionale helseforetak og kommuner.");
    }

    private static Dictionary<string, decimal> Percents(JsonElement solution) =>
        solution.GetProperty("shares").EnumerateArray().ToDictionary(s => s.GetProperty("group").GetString()!, s => s.GetProperty("percent").GetDecimal());

    /// <summary>What a municipality pays in the model, per solution: total × the municipalities' percent × its population / all, before rounding.</summary>
    private static long ExpectedMunicipalityAmount(JsonElement model, int organizationId)
    {
        decimal sum = 0;
        foreach (var solution in model.GetProperty("solutions").EnumerateArray())
        foreach (var share in solution.GetProperty("shares").EnumerateArray())
        {
            if (share.GetProperty("group").GetString() != "municipalities") continue;
            var entry = share.GetProperty("actors").EnumerateArray().FirstOrDefault(a => a.GetProperty("organizationId").GetInt32() == organizationId);
            if (entry.ValueKind != JsonValueKind.Object) continue;
            sum += solution.GetProperty("totalOre").GetInt64() * share.GetProperty("percent").GetDecimal() / 100m
                   * entry.GetProperty("weight").GetInt64() / share.GetProperty("totalWeight").GetInt64();
        }
        return (long)Math.Round(sum);
    }

    /// <summary>The actor's amounts in the model, summed over solutions and groups, as the model reports them.</summary>
    private static long ActorAmount(JsonElement model, int organizationId) =>
        model.GetProperty("solutions").EnumerateArray().SelectMany(s => s.GetProperty("shares").EnumerateArray())
            .SelectMany(s => s.GetProperty("actors").EnumerateArray())
            .Where(a => a.GetProperty("organizationId").GetInt32() == organizationId).Sum(a => a.GetProperty("amountOre").GetInt64());

    private static long GroupAmount(JsonElement model, string group) =>
        model.GetProperty("solutions").EnumerateArray().SelectMany(s => s.GetProperty("shares").EnumerateArray())
            .Where(s => s.GetProperty("group").GetString() == group).Sum(s => s.GetProperty("amountOre").GetInt64());

    private sealed record ActorFigures(int OrganizationId, long BaseOre, long OtherOre);

    private static ActorFigures Actor(JsonElement comparison, string municipalityNumber)
    {
        var a = comparison.GetProperty("actors").EnumerateArray()
            .Single(x => x.TryGetProperty("municipalityNumber", out var n) && n.ValueKind == JsonValueKind.String && n.GetString() == municipalityNumber);
        return new ActorFigures(a.GetProperty("organizationId").GetInt32(), a.GetProperty("baseOre").GetInt64(), a.GetProperty("otherOre").GetInt64());
    }

    private static ActorFigures Group(JsonElement comparison, string group)
    {
        var g = comparison.GetProperty("groups").EnumerateArray().Single(x => x.GetProperty("group").GetString() == group);
        return new ActorFigures(0, g.GetProperty("baseOre").GetInt64(), g.GetProperty("otherOre").GetInt64());
    }

    private static string GroupLabel(string code) => code switch
    {
        "state" => "Staten",
        "regional-health-authorities" => "Regionale helseforetak",
        "municipalities" => "Kommuner",
        "general-practitioners" => "Fastleger",
        "pharmacies" => "Apotek",
        _ => "Andre",
    };

    /// <summary>A JSON resource read with the page's cookies (drafts and invoice bases are not public).</summary>
    internal static async Task<JsonElement> JsonAsync(IPage page, string path)
    {
        var response = await page.APIRequest.GetAsync(path);
        Assert.True(response.Ok, $"GET {path} svarte {response.Status}: {await response.TextAsync()}");
        return (await response.JsonAsync())!.Value;
    }

    [GeneratedRegex(@"/finansiering/modeller/(\d+)$")]
    private static partial Regex ModelId();

    [GeneratedRegex(@"sak (\S+):")]
    private static partial Regex CaseNumber();
}
