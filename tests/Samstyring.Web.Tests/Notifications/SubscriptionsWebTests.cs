using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Notifications;
using Samstyring.Web.Notifications;
using Samstyring.Web.Tests.Council;

namespace Samstyring.Web.Tests.Notifications;

/// <summary>
/// Subscriptions over HTTP: the form on a body's page and the API answer the same whatever the address; opening the
/// confirmation link confirms nothing until the button is pressed; a public decision is queued with the RFC 8058 headers;
/// the mail program's one-click POST (no cookie, no antiforgery token) unsubscribes at once; wrong tokens are a Norwegian
/// 404 page, bad input a Norwegian 400.
/// </summary>
public abstract partial class SubscriptionsWebTests(SamstyringFactory factory) : CouncilWebTest(factory)
{
    [GeneratedRegex("token=([A-Za-z0-9_-]{43})")]
    private static partial Regex TokenPattern();

    private static string Address(string who) => $"{who}.{Guid.NewGuid().ToString("N")[..8]}@example.no";

    private Task<List<OutboxMessage>> MailsToAsync(string to) =>
        WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.To == to).OrderBy(m => m.Id).ToListAsync());

    private async Task DecideAsync(string slug, string title)
    {
        var meeting = (await PlanMeetingAsync(slug, "2030-03-14")).Int("id");
        var c = await AddCaseAsync(meeting, title);
        using (var notice = await Office.PostJsonAsync($"/api/v1/meetings/{meeting}/notice", new { version = await MeetingVersionAsync(meeting) }))
            await notice.AssertStatusAsync(HttpStatusCode.OK);
        using var decided = await Office.PostJsonAsync($"/api/v1/cases/{c.Int("id")}/decision",
            new { decision = "Organet tar saken til orientering.", version = await CaseVersionAsync(c.Int("id")) });
        await decided.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Subscribe_on_the_body_page_confirm_with_the_button_get_a_decision_and_unsubscribe_in_one_click()
    {
        if (!Factory.Ready()) return;
        var slug = await CreateBodyAsync($"abo-{Guid.NewGuid().ToString("N")[..6]}", "none");
        var email = Address("kari");

        var browser = Factory.BrowserClient();
        var bodyPage = await PageAsync(browser, $"/organer/{slug}");
        var fields = Forms.FieldsOfFormWith(bodyPage, "topic");
        Assert.Equal($"body:{slug}", fields["topic"]);
        fields["email"] = email;
        Assert.Contains(SubscriptionsApi.Answer, await PostFormAsync(browser, "/abonnement", fields));
        var token = TokenPattern().Match(Assert.Single(await MailsToAsync(email)).TextBody).Groups[1].Value;

        // Opening the link (as a mail scanner does) only shows the button; a POST without the form's token is refused.
        var confirmPage = await PageAsync(browser, $"/abonnement/bekreft?token={token}");
        Assert.Contains("Bekreft abonnementet", confirmPage);
        using (var forged = await Anonymous.PostAsync("/abonnement/bekreft", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token })))
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(SubscriptionStatus.Pending, await WithDbAsync(db => db.Subscriptions.Where(s => s.Email == email).Select(s => s.Status).SingleAsync()));
        Assert.Contains("Abonnementet er bekreftet", await PostFormAsync(browser, "/abonnement/bekreft", Forms.FieldsOfFormWith(confirmPage, "token")));
        Assert.Contains("vedtak i Testorgan", await PageAsync(Office, "/kontor/e-post"));
        Assert.DoesNotContain(email, await PageAsync(Office, "/kontor/revisjonslogg"));

        await DecideAsync(slug, "Porteføljestatus");
        var decision = Assert.Single(await MailsToAsync(email), m => m.Kind == "subscription-decision");
        Assert.Contains("Porteføljestatus", decision.Subject);
        Assert.Contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click", decision.Headers);
        var unsubscribe = TokenPattern().Match(decision.Headers!).Groups[1].Value;
        Assert.Contains($"List-Unsubscribe: </abonnement/avslutt?token={unsubscribe}>", decision.Headers);

        // GET shows a button and keeps the subscription; the mail program's one-click POST ends it, with no cookie or token.
        Assert.Contains("Avslutt abonnementet", await PageAsync(Anonymous, $"/abonnement/avslutt?token={unsubscribe}"));
        Assert.True(await WithDbAsync(db => db.Subscriptions.AnyAsync(s => s.Email == email)));
        using (var oneClick = await Anonymous.PostAsync($"/abonnement/avslutt?token={unsubscribe}",
                   new StringContent("List-Unsubscribe=One-Click", Encoding.ASCII, "application/x-www-form-urlencoded")))
        {
            await oneClick.AssertStatusAsync(HttpStatusCode.OK);
            Assert.Contains("Abonnementet er avsluttet", WebUtility.HtmlDecode(await oneClick.Content.ReadAsStringAsync()));
        }
        Assert.False(await WithDbAsync(db => db.Subscriptions.AnyAsync(s => s.Email == email)));
        await DecideAsync(slug, "Neste sak");
        Assert.Single(await MailsToAsync(email), m => m.Kind == "subscription-decision");

        // Used, wrong and hostile tokens: a Norwegian page with 404, never a 500.
        foreach (var bad in new[] { unsubscribe, new string('A', 43), "%00", "<script>alert(1)</script>", new string('x', 5000) })
        {
            var q = Uri.EscapeDataString(bad);
            Assert.Contains("Lenken er ugyldig", await PageAsync(Anonymous, $"/abonnement/avslutt?token={q}", HttpStatusCode.NotFound));
            Assert.Contains("Lenken er ugyldig", await PageAsync(Anonymous, $"/abonnement/bekreft?token={q}", HttpStatusCode.NotFound));
            using var post = await Anonymous.PostAsync($"/abonnement/avslutt?token={q}", new StringContent("List-Unsubscribe=One-Click", Encoding.ASCII, "application/x-www-form-urlencoded"));
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }
        Assert.Contains("Lenken er ugyldig", await PageAsync(Anonymous, "/abonnement/bekreft", HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task The_api_answers_the_same_for_a_known_and_an_unknown_address_and_refuses_bad_input_in_Norwegian()
    {
        if (!Factory.Ready()) return;
        var known = Address("kjent");
        async Task<(HttpStatusCode, string)> SubscribeAsync(object body)
        {
            using var r = await Anonymous.PostJsonAsync("/api/v1/subscriptions", body);
            return (r.StatusCode, await r.Content.ReadAsStringAsync());
        }
        var first = await SubscribeAsync(new { email = known, topic = "roadmap" });
        Assert.Equal(HttpStatusCode.Accepted, first.Item1);
        Assert.Contains("Sjekk e-posten din for å bekrefte", first.Item2);
        await WithDbAsync(db => db.Subscriptions.Where(s => s.Email == known).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SubscriptionStatus.Confirmed)));
        Assert.Equal(first, await SubscribeAsync(new { email = known, topic = "roadmap" }));
        Assert.Equal(first, await SubscribeAsync(new { email = Address("ukjent"), topic = "roadmap" }));
        Assert.Single(await MailsToAsync(known));

        using (var bad = await Anonymous.PostJsonAsync("/api/v1/subscriptions", new { email = "kari@", topic = "body:finnes-ikke" }))
        {
            Assert.Contains("er ikke en e-postadresse", await bad.AssertValidationProblemAsync("email"));
        }
        using (var bad = await Anonymous.PostJsonAsync("/api/v1/subscriptions", new { email = "kari@example.no", topic = "body:finnes-ikke" }))
            Assert.Contains("Ukjent tema", await bad.AssertValidationProblemAsync("topic"));
        using (var bad = await Anonymous.PostJsonAsync("/api/v1/subscriptions", new { email = "a@b.no\r\nBcc: x@example.no", topic = new string('x', 100_000) }))
            await bad.AssertValidationProblemAsync("email");
        using (var bad = await Anonymous.PostAsync("/api/v1/subscriptions", new StringContent("{\"email\":", Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var browser = Factory.BrowserClient();
        var form = Forms.FieldsOfFormWith(await PageAsync(browser, "/abonnement?topic=roadmap"), "email");
        form["email"] = "ikke en adresse";
        Assert.Contains("er ikke en e-postadresse", await PostFormAsync(browser, "/abonnement", form, HttpStatusCode.BadRequest));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SubscriptionsWebSqliteTests(SqliteFactory factory) : SubscriptionsWebTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class SubscriptionsWebPostgresTests(PostgresFactory factory) : SubscriptionsWebTests(factory);
