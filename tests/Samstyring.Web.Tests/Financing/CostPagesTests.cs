using System.Net;

namespace Samstyring.Web.Tests.Financing;

/// <summary>
/// The cost-bases page (/finansiering/kostnader/{solution}) and the price list (/finansiering/{year}/prisliste): public
/// to read; the office edits cost bases and price lines, the TBU records its figure, actors order for themselves; amounts
/// are typed in kroner, and bad input is explained in Norwegian next to the field with nothing saved.
/// </summary>
public abstract class CostPagesTests(SamstyringFactory factory) : WebTest(factory)
{
    private static readonly string[] Amounts = ["management", "operation", "development", "investment"];

    [Fact]
    public async Task Anyone_reads_cost_bases_the_life_cycle_and_the_price_list_without_forms()
    {
        if (!Factory.Ready()) return;
        var anonymous = Factory.BrowserClient();
        var costs = await PageAsync(anonymous, "/finansiering/kostnader/helsenettet");
        Assert.Contains("Kostnadsgrunnlag for Helsenettet", costs);
        Assert.Contains("Pris- og lønnsvekst", costs);
        Assert.Contains("Uforklart", costs);
        Assert.Contains("Livsløpskostnad", costs);
        Assert.Contains("<svg", costs);
        Assert.Contains("role=\"img\"", costs);
        Assert.Contains("Kumulativt", costs);
        Assert.DoesNotContain("Lagre kostnadsgrunnlaget", costs);
        Assert.DoesNotContain("Registrer TBU-tallet", costs);

        using (var unknown = await anonymous.GetAsync("/finansiering/kostnader/finnes-ikke"))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("href=\"/finansiering/kostnader/helsenettet\"", await PageAsync(anonymous, "/losninger/helsenettet"));

        var prices = await PageAsync(anonymous, "/finansiering/2022/prisliste");
        Assert.Contains("Digital dialog med fastlege", prices);
        Assert.DoesNotContain("id=\"bestillinger\"", prices);
        Assert.DoesNotContain("Ny bestilling", prices);
        Assert.DoesNotContain("Lagre linjen", prices);
    }

    [Fact]
    public async Task The_office_saves_a_cost_basis_in_kroner_and_bad_amounts_are_Norwegian_errors_that_save_nothing()
    {
        if (!Factory.Ready()) return;
        var (browser, _) = await SignedInBrowserAsync(As.Office);
        const string url = "/finansiering/kostnader/e-resept?handler=Basis&aar=2028";
        var form = await PageAsync(browser, "/finansiering/kostnader/e-resept?aar=2028");
        Assert.Contains("Nytt kostnadsgrunnlag for 2028", form);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Forms.AntiforgeryToken(form), ["version"] = "", ["year"] = "2028",
            ["management"] = "mye", ["operation"] = "1 000 000", ["development"] = "500 000", ["investment"] = "0",
        };

        var html = await PostFormAsync(browser, url, fields, HttpStatusCode.OK);
        Assert.Contains("Forvaltning må være et beløp i kroner, for eksempel «1 234 567» eller «1 234 567,50», ikke «mye».", html);
        Assert.Contains("aria-invalid=\"true\"", html);
        fields["management"] = "1 234 567";
        fields["operation"] = "-5";
        html = await PostFormAsync(browser, url, fields, HttpStatusCode.OK);
        Assert.Contains("Kostnaden kan ikke være negativ.", html);
        Assert.Contains("Nytt kostnadsgrunnlag for 2028", await PageAsync(browser, "/finansiering/kostnader/e-resept?aar=2028"));

        fields["operation"] = "2 000 000,50";
        fields["priceWageGrowth"] = "-10 000";
        await PostFormAsync(browser, url, fields, HttpStatusCode.Redirect);
        var page = await PageAsync(browser, "/finansiering/kostnader/e-resept?aar=2028");
        Assert.Contains("Endre kostnadsgrunnlaget for 2028", page);
        Assert.Contains("1\u00A0234\u00A0567\u00A0kr", page);
        Assert.Contains("value=\"2 000 000,50\"", page);
        Assert.Contains("\u221210\u00A0000\u00A0kr", page);

        // The same form again without the version it started from would overwrite blind: refused, the stored figures stay.
        fields["management"] = "9";
        fields["version"] = "999";
        html = await PostFormAsync(browser, url, fields, HttpStatusCode.OK);
        Assert.Contains("Noen andre har lagret endringer", html);
        Assert.Contains("1\u00A0234\u00A0567\u00A0kr", await PageAsync(browser, "/finansiering/kostnader/e-resept?aar=2028"));
    }

    [Theory]
    [InlineData(As.Member)]
    [InlineData(As.OwnerHso)]
    [InlineData(As.OperatorNhn)]
    public async Task Only_the_office_saves_cost_bases_and_price_lines(As user)
    {
        if (!Factory.Ready()) return;
        var (browser, token) = await SignedInBrowserAsync(user);
        var basis = new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["year"] = "2029" };
        foreach (var a in Amounts) basis[a] = "1";
        await PostFormAsync(browser, "/finansiering/kostnader/kjernejournal?handler=Basis", basis, HttpStatusCode.Forbidden);
        await PostFormAsync(browser, "/finansiering/2024/prisliste?handler=Item", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["solutionKey"] = "helsenorge", ["name"] = "Uautorisert", ["unit"] = "stk", ["unitPrice"] = "1",
        }, HttpStatusCode.Forbidden);
        Assert.DoesNotContain("2029", await PageAsync(Factory.BrowserClient(), "/finansiering/kostnader/kjernejournal"));
        Assert.DoesNotContain("Uautorisert", await PageAsync(Factory.BrowserClient(), "/finansiering/2024/prisliste"));
    }

    [Fact]
    public async Task Anonymous_posts_go_to_the_login_page()
    {
        if (!Factory.Ready()) return;
        var browser = Factory.BrowserClient();
        var token = Forms.AntiforgeryToken(await PageAsync(browser, "/logg-inn"));
        foreach (var url in new[] { "/finansiering/kostnader/kjernejournal?handler=Basis", "/finansiering/kostnader/kjernejournal?handler=Tbu",
                     "/finansiering/2022/prisliste?handler=Item", "/finansiering/2022/prisliste?handler=Order" })
        {
            using var response = await browser.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["year"] = "2022", ["tbu"] = "1", ["quantity"] = "1",
            }));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/logg-inn", response.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task The_TBU_records_its_figure_and_others_may_not()
    {
        if (!Factory.Ready()) return;
        // The office's cost basis to calculate from.
        var (office, officeToken) = await SignedInBrowserAsync(As.Office);
        var basis = new Dictionary<string, string> { ["__RequestVerificationToken"] = officeToken, ["year"] = "2030" };
        foreach (var a in Amounts) basis[a] = "1 000 000";
        await PostFormAsync(office, "/finansiering/kostnader/helsenorge?handler=Basis&aar=2030", basis, HttpStatusCode.Redirect);

        var tbu = await SignInAsync("tbu");
        var page = await PageAsync(tbu, "/finansiering/kostnader/helsenorge?aar=2030");
        Assert.Contains("Registrer TBU-tallet", page);
        Assert.DoesNotContain("Lagre kostnadsgrunnlaget", page); // the TBU does not edit the cost basis
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Forms.AntiforgeryToken(page), ["year"] = "2030", ["tbu"] = "fire millioner",
            ["version"] = Forms.Version(page, "Tbu"),
        };
        var html = await PostFormAsync(tbu, "/finansiering/kostnader/helsenorge?handler=Tbu&aar=2030", fields, HttpStatusCode.OK);
        Assert.Contains("TBU-tallet må være et beløp i kroner", html);

        fields["tbu"] = "3 950 000";
        await PostFormAsync(tbu, "/finansiering/kostnader/helsenorge?handler=Tbu&aar=2030", fields, HttpStatusCode.Redirect);
        Assert.Contains("Registrert: 3\u00A0950\u00A0000\u00A0kr av tbu", await PageAsync(tbu, "/finansiering/kostnader/helsenorge?aar=2030"));
        Assert.Contains("3\u00A0950\u00A0000\u00A0kr", await PageAsync(Factory.BrowserClient(), "/finansiering/kostnader/helsenorge"));

        var (owner, ownerToken) = await SignedInBrowserAsync(As.OwnerHso);
        fields["__RequestVerificationToken"] = ownerToken;
        await PostFormAsync(owner, "/finansiering/kostnader/helsenorge?handler=Tbu&aar=2030", fields, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_office_adds_a_price_line_and_an_actor_orders_for_itself_only()
    {
        if (!Factory.Ready()) return;
        var (office, officeToken) = await SignedInBrowserAsync(As.Office);
        var line = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = officeToken, ["solutionKey"] = "kjernejournal", ["name"] = "Kurs i kjernejournal", ["unit"] = "per deltaker",
            ["unitPrice"] = "tolv hundre",
        };
        var html = await PostFormAsync(office, "/finansiering/2024/prisliste?handler=Item", line, HttpStatusCode.OK);
        Assert.Contains("Enhetsprisen må være et beløp i kroner", html);
        line["unitPrice"] = "1 200";
        await PostFormAsync(office, "/finansiering/2024/prisliste?handler=Item", line, HttpStatusCode.Redirect);
        var prices = await PageAsync(Factory.BrowserClient(), "/finansiering/2024/prisliste");
        Assert.Contains("Kurs i kjernejournal", prices);
        Assert.Contains("1\u00A0200\u00A0kr", prices);

        // Oslo's user orders; an organisation id slipped into the form changes nothing: the order is Oslo's.
        var (oslo, _) = await SignedInBrowserAsync(As.OwnerOslo);
        var page = await PageAsync(oslo, "/finansiering/2024/prisliste");
        var itemId = System.Text.RegularExpressions.Regex.Match(page, "<option value=\"(\\d+)\">Kurs i kjernejournal").Groups[1].Value;
        Assert.NotEqual("", itemId);
        var order = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Forms.AntiforgeryToken(page), ["priceListItemId"] = itemId, ["quantity"] = "tre",
            ["orderedOn"] = "2024-03-01", ["organizationId"] = "1",
        };
        html = await PostFormAsync(oslo, "/finansiering/2024/prisliste?handler=Order", order, HttpStatusCode.OK);
        Assert.Contains("Antallet må være et helt tall", html);
        order["quantity"] = "0";
        html = await PostFormAsync(oslo, "/finansiering/2024/prisliste?handler=Order", order, HttpStatusCode.OK);
        Assert.Contains("Antallet må være fra 1 til", html);
        order["quantity"] = "3";
        await PostFormAsync(oslo, "/finansiering/2024/prisliste?handler=Order", order, HttpStatusCode.Redirect);
        var mine = await PageAsync(oslo, "/finansiering/2024/prisliste");
        Assert.Contains("Din virksomhets bestillinger", mine);
        Assert.Contains("<th scope=\"row\">Oslo kommune</th>", mine);
        Assert.Contains("3\u00A0600\u00A0kr", mine);

        // Each actor sees its own orders; the office sees all.
        var osloIn2022 = await PageAsync(oslo, "/finansiering/2022/prisliste");
        Assert.DoesNotContain("<th scope=\"row\">Bergen kommune</th>", osloIn2022);
        Assert.Contains("<th scope=\"row\">Bergen kommune</th>", await PageAsync(office, "/finansiering/2022/prisliste"));

        // A member of the council has no organisation to order for.
        var (member, memberToken) = await SignedInBrowserAsync(As.Member);
        Assert.DoesNotContain("Ny bestilling", await PageAsync(member, "/finansiering/2024/prisliste"));
        order["__RequestVerificationToken"] = memberToken;
        await PostFormAsync(member, "/finansiering/2024/prisliste?handler=Order", order, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_order_is_changed_and_cancelled_on_the_page_with_versions_and_the_invoice_basis_follows()
    {
        if (!Factory.Ready()) return;
        var name = UniqueName("Opplæring i helsenorge");
        using (var item = await Client(As.Office).PostJsonAsync("/api/v1/financing/price-list",
                   new { solutionKey = "helsenorge", year = 2025, name, unit = "per kurs", unitPriceOre = 250_000_00L }))
            await item.AssertStatusAsync(HttpStatusCode.Created, "a price-list line");
        var osloId = await OrganizationIdAsync("Oslo kommune");
        var invoiceUrl = $"/finansiering/2025/fakturagrunnlag/{osloId}";

        // Oslo's initiative owner orders two courses; the line is on Oslo's invoice basis at full cost.
        var (oslo, _) = await SignedInBrowserAsync(As.OwnerOslo);
        var page = await PageAsync(oslo, "/finansiering/2025/prisliste");
        var itemId = System.Text.RegularExpressions.Regex.Match(page, $"<option value=\"(\\d+)\">{name}").Groups[1].Value;
        await PostFormAsync(oslo, "/finansiering/2025/prisliste?handler=Order", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Forms.AntiforgeryToken(page), ["priceListItemId"] = itemId, ["quantity"] = "2", ["orderedOn"] = "2025-02-03",
        }, HttpStatusCode.Redirect);
        var invoice = await PageAsync(oslo, invoiceUrl);
        Assert.Contains($"{name} (per kurs)", invoice);
        Assert.Contains("500\u00A0000\u00A0kr", invoice);

        // The office opens the order; meanwhile Oslo raises it to five, so the office's form is stale.
        var (office, _) = await SignedInBrowserAsync(As.Office);
        var orderId = System.Text.RegularExpressions.Regex.Match(await PageAsync(office, "/finansiering/2025/prisliste"),
            $"href=\"\\?bestilling=(\\d+)#bestill\">Endre<span class=\"ds-sr-only\"> bestillingen av {name}").Groups[1].Value;
        var officeForm = await PageAsync(office, $"/finansiering/2025/prisliste?bestilling={orderId}");
        Assert.Contains($"Endre bestillingen av «{name}» for Oslo kommune", officeForm);
        var stale = Forms.Fields(officeForm, "Order");
        var mine = Forms.Fields(await PageAsync(oslo, $"/finansiering/2025/prisliste?bestilling={orderId}"), "Order");
        mine["quantity"] = "5";
        await PostFormAsync(oslo, "/finansiering/2025/prisliste?handler=Order", mine, HttpStatusCode.Redirect);
        stale["quantity"] = "4";
        var conflict = await PostFormAsync(office, "/finansiering/2025/prisliste?handler=Order", stale, HttpStatusCode.OK);
        Assert.Contains("Endringene dine ble ikke lagret", conflict);
        Assert.Contains("name=\"quantity\" value=\"5\"", conflict); // the form now shows what is stored
        Assert.Contains("1\u00A0250\u00A0000\u00A0kr", await PageAsync(oslo, invoiceUrl));

        // A stale cancel is refused the same way; with the stored version the order is cancelled and leaves the invoice basis.
        var staleCancel = Forms.Fields(officeForm, "CancelOrder");
        Assert.Contains("Endringene dine ble ikke lagret", await PostFormAsync(office, "/finansiering/2025/prisliste?handler=CancelOrder", staleCancel, HttpStatusCode.OK));
        await PostFormAsync(office, "/finansiering/2025/prisliste?handler=CancelOrder", Forms.Fields(conflict, "CancelOrder"), HttpStatusCode.Redirect);
        Assert.DoesNotContain(name, await PageAsync(oslo, invoiceUrl));
        Assert.Contains("Bestillingen finnes ikke lenger", await PostFormAsync(oslo, "/finansiering/2025/prisliste?handler=Order", mine, HttpStatusCode.OK));
    }

    [Theory]
    [InlineData(As.Ks)]
    [InlineData(As.OperatorNhn)]
    public async Task Users_bound_to_an_actor_for_other_duties_see_its_orders_but_do_not_place_them(As user)
    {
        if (!Factory.Ready()) return;
        var (browser, token) = await SignedInBrowserAsync(user);
        var page = await PageAsync(browser, "/finansiering/2022/prisliste");
        Assert.Contains("Din virksomhets bestillinger", page);
        Assert.DoesNotContain("Ny bestilling", page);
        var itemId = (await Anonymous.GetArrayAsync("/api/v1/financing/2022/price-list"))[0].Int("id").ToString(System.Globalization.CultureInfo.InvariantCulture);
        await PostFormAsync(browser, "/finansiering/2022/prisliste?handler=Order", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["priceListItemId"] = itemId, ["quantity"] = "1", ["orderedOn"] = "2022-03-01",
        }, HttpStatusCode.Forbidden);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CostPagesSqliteTests(SqliteFactory factory) : CostPagesTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class CostPagesPostgresTests(PostgresFactory factory) : CostPagesTests(factory);
