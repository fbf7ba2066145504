using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Samstyring.Core.Data;
using Samstyring.Web.Evaluation;
using static Samstyring.BrowserTests.CouncilFlowTests;

namespace Samstyring.BrowserTests.Evaluation;

/// <summary>
/// Issue 12's evaluation end to end through the pages, with JavaScript off (they are plain forms): the office opens a round
/// on target areas; KS proposes an area, an owner proposes the same area again and the council member another one; the
/// office merges the duplicate (both proposers kept), names a panel of two and moves the round to scoring; both panel
/// members score both areas 0–4 with reasons; the office records the board's weights with the case that set them and
/// publishes; an anonymous visitor then sees the ranking, its sensitivity and both proposers. Every page opened passes axe.
/// The titles carry a tag of their own, so the test can share a database with other tests and run again on it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EvaluationFlowTests(BrowserFixture fx)
{
    // Even weights that sum to 100: every weighted sum of half-point means is a whole number of hundredths, so the two
    // decimals on the page are exact and not a matter of rounding.
    private static readonly int[] Weights = [10, 6, 20, 4, 6, 4, 20, 10, 6, 4, 10];

    // Area A beats area B on every principle in both scorers' sheets, so A is first under any positive weights: in every
    // random draw and with every weight halved or raised by half.
    private static readonly int[] MemberScoresA = [4, 3, 2, 4, 3, 2, 4, 3, 2, 4, 3];
    private static readonly int[] OwnerScoresA = [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3];
    private static readonly int[] MemberScoresB = [1, 1, 0, 2, 1, 0, 2, 1, 1, 2, 1];
    private static readonly int[] OwnerScoresB = [2, 1, 1, 1, 2, 1, 1, 1, 0, 1, 2];

    [Fact]
    public async Task Office_runs_a_round_from_proposals_to_published_ranking_and_the_public_sees_ranking_sensitivity_and_proposers()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var roundTitle = $"Målområder nettlesertest {tag}";
        var areaA = $"Felles kodeverk og terminologi {tag}";
        var duplicate = $"Felles terminologi og kodeverk {tag}";
        var areaB = $"Digitale innbyggertjenester {tag}";
        var ks = DisplayName("ks");
        var owner = DisplayName("eier-hso");
        var member = DisplayName("medlem");
        // The board's case 40/21 (Nasjonalt e-helsestyre 6/2021), «Ny nasjonal e-helsestrategi fra 2023», sets the weights.
        var (_, weightsCase) = await DemoCaseAsync(fx, "nasjonalt-e-helserad", 2021, "6/2021", "40/21");

        var contexts = new List<IBrowserContext>();
        async Task<IPage> SignedInAsync(string? user)
        {
            var context = await fx.NewContextAsync(javaScript: false);
            contexts.Add(context);
            var page = await context.NewPageAsync();
            if (user is not null) await BrowserFixture.LogInAsync(page, user);
            return page;
        }
        try
        {
            var office = await SignedInAsync("kontor");

            // ---- 1. The office opens the round for proposals.
            await OpenAsync(office, "/strategi/vurderinger", "kontor");
            var create = office.Locator("form").Filter(new() { Has = office.GetByRole(AriaRole.Button, new() { Name = "Åpne for forslag" }) });
            await create.GetByLabel("Tittel").FillAsync(roundTitle);
            await create.GetByLabel("Beskrivelse").FillAsync("Målområdene vurderes mot evalueringsprinsippene fra sak 40/21 (nettlesertest).");
            await create.GetByLabel("Gjelder").SelectOptionAsync(new SelectOptionValue { Label = "Målområder" });
            await create.GetByRole(AriaRole.Button, new() { Name = "Åpne for forslag" }).ClickAsync();
            await WaitForUrlAsync(office, @"/strategi/vurderinger/\d+$", "siden for den nye vurderingen");
            var roundPath = new Uri(office.Url).AbsolutePath;
            await ExpectTextAsync(office.Locator("main"), $"Vurderingen «{roundTitle}» er åpnet for forslag.", "meldingen om ny vurdering");
            await ExpectTextAsync(office.Locator("main"), "Status: åpen for forslag. Ikke publisert.", "statusen til den nye vurderingen");
            await CheckAsync(office, "den nye vurderingen (kontor)", "vurdering-flyt-01-ny");

            // ---- 2. KS, an owner and a council member propose; the owner's is the same area as KS's in other words.
            await ProposeAsync(await SignedInAsync("ks"), roundPath, areaA, "Felles kodeverk gjør at opplysninger kan deles og forstås likt.", "ks", "02-ks");
            var ownerPage = await SignedInAsync("eier-hso");
            await ProposeAsync(ownerPage, roundPath, duplicate, "Samme begreper og koder i alle journalsystemer.", "eier-hso", null);
            // Before publishing, a proposer sees only their own proposal.
            await ExpectTextAsync(ownerPage.Locator("section[aria-labelledby=forslag]"), duplicate, "eierens eget forslag");
            await AssertNotShownAsync(ownerPage, areaA, "forslaget fra KS (for eieren før publisering)");
            var memberPage = await SignedInAsync("medlem");
            await ProposeAsync(memberPage, roundPath, areaB, "Innbyggerne får flere digitale tjenester fra helsetjenesten.", "medlem", null);

            // ---- 3. The office merges the duplicate into KS's proposal; both proposers stay on it.
            await OpenAsync(office, roundPath, "kontor");
            var merge = office.Locator("form").Filter(new() { Has = office.GetByRole(AriaRole.Button, new() { Name = "Slå sammen" }) });
            await merge.GetByLabel("Forslaget som beholdes").SelectOptionAsync(new SelectOptionValue { Label = areaA });
            await merge.GetByLabel("Dubletten").SelectOptionAsync(new SelectOptionValue { Label = duplicate });
            await merge.GetByRole(AriaRole.Button, new() { Name = "Slå sammen" }).ClickAsync();
            await WaitForUrlAsync(office, Regex.Escape(roundPath) + "$", "vurderingen etter sammenslåingen");
            await ExpectTextAsync(office.Locator("main"), "Forslagene er slått sammen; forslagsstillerne er beholdt.", "meldingen om sammenslåingen");
            await ExpectTextAsync(Candidate(office, areaA), $"Foreslått av {ks}, {owner}.", "begge forslagsstillerne på forslaget som beholdes");
            await ExpectTextAsync(Candidate(office, duplicate), $"Slått sammen med «{areaA}»", "merket på dubletten");
            await CheckAsync(office, "vurderingen etter sammenslåingen (kontor)", "vurdering-flyt-03-sammenslatt");

            // ---- 4. The panel: the council member and the owner; then the round moves to scoring.
            var panel = office.Locator("form").Filter(new() { Has = office.GetByRole(AriaRole.Button, new() { Name = "Oppnevn panelet" }) });
            await panel.GetByRole(AriaRole.Checkbox, new() { Name = member, Exact = true }).CheckAsync();
            await panel.GetByRole(AriaRole.Checkbox, new() { Name = owner, Exact = true }).CheckAsync();
            await panel.GetByRole(AriaRole.Button, new() { Name = "Oppnevn panelet" }).ClickAsync();
            await WaitForUrlAsync(office, Regex.Escape(roundPath) + "$", "vurderingen etter oppnevningen");
            await ExpectTextAsync(office.Locator("main"), "Panelet er oppnevnt.", "meldingen om panelet");
            await ExpectTextAsync(office.Locator("main"), $"Nå: {string.Join(", ", new[] { member, owner }.Order(StringComparer.Ordinal))}.", "panelet");
            await CheckAsync(office, "vurderingen med panel (kontor)", null);
            await SetStageAsync(office, roundPath, "Under vurdering", published: false);
            await ExpectTextAsync(office.Locator("main"), "Status: under vurdering. Ikke publisert.", "statusen Under vurdering");

            // ---- 5. Both panel members score both areas through the score page.
            await ScoreAsync(memberPage, roundPath, areaA, MemberScoresA, "medlem", "04-poeng-medlem");
            await ScoreAsync(memberPage, roundPath, areaB, MemberScoresB, "medlem", null);
            await ScoreAsync(ownerPage, roundPath, areaA, OwnerScoresA, "eier-hso", null);
            await ScoreAsync(ownerPage, roundPath, areaB, OwnerScoresB, "eier-hso", null);

            // Not published yet: an anonymous visitor sees neither the proposals nor the ranking.
            var visitor = await SignedInAsync(null);
            await OpenAsync(visitor, roundPath, "anonym");
            await ExpectTextAsync(visitor.Locator("main"), "Forslagene er ikke publisert ennå", "at forslagene ikke er publisert");
            await AssertNotShownAsync(visitor, areaA, "forslaget før publisering");
            await AssertNotShownAsync(visitor, ks, "forslagsstilleren før publisering");
            Assert.Equal(0, await visitor.Locator("section[aria-labelledby=rangering]").CountAsync());

            // ---- 6. The office records the board's weights with the case that set them.
            await OpenAsync(office, roundPath, "kontor");
            var weights = office.Locator("form").Filter(new() { Has = office.GetByRole(AriaRole.Button, new() { Name = "Registrer vektene" }) });
            for (var n = 1; n <= Weights.Length; n++)
                await weights.GetByLabel(new Regex($"^{n}\\. ")).FillAsync(Weights[n - 1].ToString(CultureInfo.InvariantCulture));
            await weights.GetByLabel("Saken som fastsatte vektene").SelectOptionAsync(weightsCase.ToString(CultureInfo.InvariantCulture));
            await weights.GetByLabel("Vedtaksdato").FillAsync("2022-02-04");
            await weights.GetByRole(AriaRole.Button, new() { Name = "Registrer vektene" }).ClickAsync();
            await WaitForUrlAsync(office, Regex.Escape(roundPath) + "$", "vurderingen etter vektene");
            await ExpectTextAsync(office.Locator("main"), "Styrets vekter er registrert.", "meldingen om vektene");
            await CheckAsync(office, "vurderingen med vekter (kontor)", "vurdering-flyt-05-vekter");

            // ---- 7. The office closes the round and publishes it.
            await SetStageAsync(office, roundPath, "Avsluttet", published: true);
            await ExpectTextAsync(office.Locator("main"), "Status: avsluttet. Publisert.", "statusen Avsluttet og publisert");

            // ---- 8. The anonymous visitor finds the round in the list and sees the ranking, its sensitivity and the proposers.
            await OpenAsync(visitor, "/strategi/vurderinger", "anonym");
            var listRow = visitor.Locator("section[aria-labelledby=runder] tbody tr").Filter(new() { Has = visitor.GetByRole(AriaRole.Link, new() { Name = roundTitle, Exact = true }) });
            Assert.Equal(["Målområder", "Avsluttet", "Ja", "2", "Fastsatt av styret"], (await listRow.Locator("td").AllInnerTextsAsync()).Select(Norm).ToList());
            await listRow.GetByRole(AriaRole.Link, new() { Name = roundTitle, Exact = true }).ClickAsync();
            await WaitForUrlAsync(visitor, Regex.Escape(roundPath) + "$", "den publiserte vurderingen");
            await CheckAsync(visitor, "den publiserte vurderingen (anonym)", "vurdering-flyt-06-offentlig");
            var main = visitor.Locator("main");
            await ExpectVisibleAsync(visitor.GetByRole(AriaRole.Heading, new() { Name = roundTitle, Level = 1 }), "overskriften med vurderingens tittel");
            await ExpectTextAsync(main, "Vektene er fastsatt av styret i Nasjonalt e-helsestyre sak 40/21, 4. februar 2022.", "vektene og saken som fastsatte dem");
            var shares = await visitor.Locator("section[aria-labelledby=vekter] tbody tr").AllAsync();
            Assert.Equal(Weights.Length, shares.Count);
            for (var n = 0; n < Weights.Length; n++)
            {
                var cells = (await shares[n].Locator("td").AllInnerTextsAsync()).Select(Norm).ToList();
                Assert.Equal((n + 1).ToString(CultureInfo.InvariantCulture), cells[0]);
                Assert.Equal(Weights[n].ToString(CultureInfo.InvariantCulture), cells[2]);
                Assert.Equal(Weights[n] + " %", cells[3]); // the weights sum to 100
            }

            // The ranking: A first, B second, each with the panel's weighted sum and the two scorers' sums.
            var ranking = await visitor.Locator("section[aria-labelledby=rangering] tbody tr").AllAsync();
            Assert.Equal(2, ranking.Count);
            Assert.Equal(["1", areaA, Sum(MemberScoresA, OwnerScoresA), Range(MemberScoresA, OwnerScoresA), "2"], await CellsAsync(ranking[0]));
            Assert.Equal(["2", areaB, Sum(MemberScoresB, OwnerScoresB), Range(MemberScoresB, OwnerScoresB), "2"], await CellsAsync(ranking[1]));
            await AssertNotShownInAsync(visitor.Locator("section[aria-labelledby=rangering]"), duplicate, "dubletten i rangeringen");

            // Sensitivity: A dominates B, so no weight change moves them, and with N = 1 A is first in every draw.
            var sensitivity = visitor.Locator("section[aria-labelledby=folsomhet]");
            await ExpectVisibleAsync(visitor.GetByRole(AriaRole.Heading, new() { Name = "Følsomhet", Level = 2 }), "overskriften Følsomhet");
            await ExpectTextAsync(sensitivity, "Rangeringen er den samme når hver vekt for seg halveres eller økes med 50 %.", "at rangeringen tåler ±50 % på hver vekt");
            await sensitivity.GetByLabel("N (topp N)").FillAsync("1");
            await sensitivity.GetByRole(AriaRole.Button, new() { Name = "Beregn" }).ClickAsync();
            await WaitForUrlAsync(visitor, @"[?&]topp=1(&|$)", "følsomheten for topp 1");
            await CheckAsync(visitor, "følsomheten for topp 1 (anonym)", "vurdering-flyt-07-folsomhet");
            sensitivity = visitor.Locator("section[aria-labelledby=folsomhet]");
            await ExpectTextAsync(sensitivity, "Tilfeldige vekter: andel av trekningene i topp 1", "overskriften for topp 1");
            await ExpectTextAsync(sensitivity, "1000 trekninger", "antallet trekninger");
            var draws = await sensitivity.Locator("tbody tr").AllAsync();
            Assert.Equal(2, draws.Count);
            Assert.Equal([areaA, "100 %"], (await CellsAsync(draws[0])).Take(2));
            Assert.Equal([areaB, "0 %"], (await CellsAsync(draws[1])).Take(2));

            // Both proposers of the kept area are named publicly, and the duplicate is shown as merged.
            await ExpectTextAsync(Candidate(visitor, areaA), $"Foreslått av {ks}, {owner}.", "begge forslagsstillerne offentlig");
            await ExpectTextAsync(Candidate(visitor, areaB), $"Foreslått av {member}.", "forslagsstilleren til område B");
            await ExpectTextAsync(Candidate(visitor, duplicate), $"Slått sammen med «{areaA}»", "den sammenslåtte dubletten offentlig");
            // The panel's sums per scorer are in the area's table.
            var sumRow = Candidate(visitor, areaA).Locator("tbody tr").Filter(new() { Has = visitor.GetByRole(AriaRole.Rowheader, new() { Name = "Sum", Exact = true }) });
            var scorerSums = (await sumRow.Locator("td").AllInnerTextsAsync()).Select(Norm).Where(s => s.Length > 0).ToList();
            Assert.Equal(new[] { Total(MemberScoresA), Total(OwnerScoresA) }.Order(StringComparer.Ordinal), scorerSums.Order(StringComparer.Ordinal));
            // No score links for the public, and the round is closed.
            Assert.Equal(0, await visitor.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Gi poeng") }).CountAsync());
        }
        finally
        {
            foreach (var context in contexts) await context.CloseAsync();
        }
    }

    // ------------------------------------------------------------------ steps

    private async Task ProposeAsync(IPage page, string roundPath, string title, string description, string user, string? shot)
    {
        await OpenAsync(page, roundPath, user);
        var form = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Send forslaget" }) });
        await ExpectVisibleAsync(page.GetByRole(AriaRole.Heading, new() { Name = "Foreslå et målområde" }), $"skjemaet for forslag ({user})");
        await form.GetByLabel("Målområde", new() { Exact = true }).FillAsync(title);
        await form.GetByLabel("Beskrivelse").FillAsync(description);
        await form.GetByRole(AriaRole.Button, new() { Name = "Send forslaget" }).ClickAsync();
        await WaitForUrlAsync(page, Regex.Escape(roundPath) + "$", $"vurderingen etter forslaget fra {user}");
        await ExpectTextAsync(page.Locator("main"), "Forslaget er registrert.", $"meldingen om forslaget fra {user}");
        await ExpectTextAsync(Candidate(page, title), $"Foreslått av {DisplayName(user)}.", $"forslaget med forslagsstilleren ({user})");
        await CheckAsync(page, $"vurderingen etter forslaget ({user})", shot is null ? null : "vurdering-flyt-" + shot);
    }

    private async Task SetStageAsync(IPage office, string roundPath, string status, bool published)
    {
        var form = office.Locator("form").Filter(new() { Has = office.GetByRole(AriaRole.Button, new() { Name = "Lagre status" }) });
        await form.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = status });
        await form.GetByLabel("Publisert").SelectOptionAsync(published ? "true" : "false");
        await form.GetByRole(AriaRole.Button, new() { Name = "Lagre status" }).ClickAsync();
        await WaitForUrlAsync(office, Regex.Escape(roundPath) + "$", $"vurderingen etter status «{status}»");
        await ExpectTextAsync(office.Locator("main"), "Vurderingen er oppdatert.", $"meldingen om status «{status}»");
        await CheckAsync(office, $"vurderingen med status «{status}» (kontor)", null);
    }

    /// <summary>The panel member follows the score link from the round page, gives 0–4 with a reason per principle and saves.</summary>
    private async Task ScoreAsync(IPage page, string roundPath, string area, int[] scores, string user, string? shot)
    {
        await OpenAsync(page, roundPath, user);
        await page.GetByRole(AriaRole.Link, new() { Name = $"Gi poeng for «{area}»", Exact = true }).ClickAsync();
        await WaitForUrlAsync(page, Regex.Escape(roundPath) + @"/forslag/\d+/poeng$", $"poengsiden for «{area}» ({user})");
        await ExpectVisibleAsync(page.GetByRole(AriaRole.Heading, new() { Name = $"Poeng for «{area}»", Level = 1 }), "overskriften på poengsiden");
        await CheckAsync(page, $"poengsiden for «{area}» ({user})", null);
        for (var n = 1; n <= scores.Length; n++)
        {
            await page.GetByLabel($"Poeng for prinsipp {n}", new() { Exact = true }).SelectOptionAsync(scores[n - 1].ToString(CultureInfo.InvariantCulture));
            await page.GetByLabel($"Begrunnelse for prinsipp {n}", new() { Exact = true })
                .FillAsync($"{user} gir {scores[n - 1]} fordi området {(scores[n - 1] >= 3 ? "bidrar mye" : "bidrar lite")} til prinsipp {n}.");
        }
        if (shot is not null) await fx.ScreenshotAsync(page, "vurdering-flyt-" + shot);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre poengene" }).ClickAsync();
        await WaitForUrlAsync(page, Regex.Escape(roundPath) + @"(#forslag-\d+)?$", $"vurderingen etter poengene for «{area}» ({user})");
        await ExpectTextAsync(page.Locator("main"), $"Poengene for «{area}» er lagret.", $"meldingen om lagrede poeng ({user})");
        // The sheet is in the area's table under the scorer's name, with the scorer's weighted sum.
        await ExpectTextAsync(Candidate(page, area).Locator("thead"), DisplayName(user), $"kolonnen for {user} i tabellen for «{area}»");
    }

    // ------------------------------------------------------------------ helpers

    private async Task OpenAsync(IPage page, string path, string who)
    {
        await GotoAsync(page, path);
        await CheckAsync(page, $"{path} ({who})", null);
    }

    private async Task CheckAsync(IPage page, string what, string? screenshot)
    {
        if (screenshot is not null) await fx.ScreenshotAsync(page, screenshot);
        await fx.AssertNoViolationsWithoutScriptAsync(page, what);
    }

    /// <summary>A proposal's article on the round page, found by its heading.</summary>
    private static ILocator Candidate(IPage page, string title) =>
        page.Locator("section[aria-labelledby=forslag] article").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^" + Regex.Escape(title)) }) });

    private static async Task<List<string>> CellsAsync(ILocator row) => (await row.Locator("th, td").AllInnerTextsAsync()).Select(Norm).ToList();

    private static async Task AssertNotShownInAsync(ILocator area, string text, string what) =>
        Assert.DoesNotContain(text, await area.InnerTextAsync(), StringComparison.Ordinal);

    private static string DisplayName(string userName) => Seeder.DemoUsers.Single(u => u.UserName == userName).Name;

    /// <summary>A sheet's weighted sum as the page writes it: Σ score × weight / Σ weight, two decimals.</summary>
    private static string Total(int[] scores) => Norm(EvaluationPage.Total(Weighted(scores.Select(s => (double)s).ToArray())));

    /// <summary>The panel's sum: the mean of the two sheets per principle, weighted.</summary>
    private static string Sum(int[] a, int[] b) => Norm(EvaluationPage.Total(Weighted(a.Zip(b, (x, y) => (x + y) / 2.0).ToArray())));

    private static string Range(int[] a, int[] b)
    {
        var totals = new[] { Weighted(a.Select(s => (double)s).ToArray()), Weighted(b.Select(s => (double)s).ToArray()) };
        return Norm($"{EvaluationPage.Total(totals.Min())}–{EvaluationPage.Total(totals.Max())}");
    }

    private static double Weighted(double[] scores) => scores.Select((s, i) => s * Weights[i]).Sum() / Weights.Sum();

    /// <summary>Non-breaking and narrow spaces as plain ones, trimmed: compares what is seen, not how it is spaced.</summary>
    private static string Norm(string s) => s.Replace('\u00A0', ' ').Replace('\u202F', ' ').Trim();
}
