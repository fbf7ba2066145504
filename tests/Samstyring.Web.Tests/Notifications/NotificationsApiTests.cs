using System.Net;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Notifications;
using Samstyring.Web.Tests.Council;

namespace Samstyring.Web.Tests.Notifications;

/// <summary>
/// E-mail over HTTP: the secretariat registers a member's address (never shown publicly), sending the notice queues a mail
/// for the member, the office sees it in the outbox (API and page) while no mail server is configured, and sends a failed
/// message again with its version.
/// </summary>
public abstract class NotificationsApiTests(SamstyringFactory factory) : CouncilWebTest(factory)
{
    [Fact]
    public async Task The_notice_is_queued_for_a_member_with_an_address_and_the_office_sees_and_resends_it()
    {
        if (!Factory.Ready()) return;
        var slug = await CreateBodyAsync($"epost-{Guid.NewGuid().ToString("N")[..6]}");
        var org = await OrganizationIdAsync("Helse Sør-Øst RHF");
        var address = $"medlem.{Guid.NewGuid().ToString("N")[..6]}@example.no";
        object Member(string? email) => new
        {
            name = "Kari Epost", title = (string?)null, organizationId = org, role = "member", substituteForId = (int?)null,
            termStart = "2030-01-01", termEnd = (string?)null, email,
        };
        using (var bad = await Office.PostJsonAsync($"/api/v1/bodies/{slug}/members", Member("kari@")))
            Assert.Contains("er ikke en e-postadresse", await bad.AssertValidationProblemAsync("email"));
        using (var added = await Office.PostJsonAsync($"/api/v1/bodies/{slug}/members", Member(address)))
        {
            await added.AssertStatusAsync(HttpStatusCode.Created);
            Assert.Equal(address, (await added.ReadJsonAsync()).Str("email"));
        }
        Assert.DoesNotContain(address, await Anonymous.GetStringAsync($"/api/v1/bodies/{slug}/members"));

        var meeting = (await PlanMeetingAsync(slug, "2030-03-14")).Int("id");
        await AddCaseAsync(meeting, "Porteføljestatus");
        using (var notice = await Office.PostJsonAsync($"/api/v1/meetings/{meeting}/notice", new { version = await MeetingVersionAsync(meeting) }))
            await notice.AssertStatusAsync(HttpStatusCode.OK);

        var outbox = await Office.GetJsonAsync("/api/v1/outbox?status=pending");
        Assert.False(outbox["mailEnabled"]!.GetValue<bool>());
        var message = outbox["messages"]!.AsArray().Single(m => m.Str("to") == address)!;
        Assert.Equal(("meeting-notice", "pending", "Kari Epost"), (message.Str("kind"), message.Str("status"), message.Str("toName")));
        Assert.Equal($"Innkalling til møte 1/2030 i Testorgan {slug}, 14. mars 2030", message.Str("subject"));
        Assert.Equal(1, message.Int("attachments"));
        var id = message.Int("id");
        using (var waiting = await Office.PostJsonAsync($"/api/v1/outbox/{id}/resend", null))
            await waiting.AssertVersionRequiredAsync();
        using (var waiting = await Office.SendJsonAsync(HttpMethod.Post, $"/api/v1/outbox/{id}/resend", null, $"\"{message.Int("version")}\""))
            Assert.Contains("venter allerede", await waiting.AssertValidationProblemAsync("status"));

        // Given up (as after a day of refusals): the office sends it again; a stale version is refused.
        await WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Failed)
            .SetProperty(m => m.Attempts, 30).SetProperty(m => m.LastError, "SmtpCommandException: Mailbox unavailable")));
        var failed = (await Office.GetJsonAsync("/api/v1/outbox?status=failed"))["messages"]!.AsArray().Single(m => m.Int("id") == id)!;
        Assert.Equal("SmtpCommandException: Mailbox unavailable", failed.Str("lastError"));
        using (var stale = await Office.SendJsonAsync(HttpMethod.Post, $"/api/v1/outbox/{id}/resend", null, "\"99\""))
            await stale.AssertStatusAsync(HttpStatusCode.PreconditionFailed);
        var page = await PageAsync(Office, "/kontor/e-post?status=failed");
        Assert.Contains("Mailbox unavailable", page);
        Assert.Contains("E-post er ikke satt opp", page);
        using (var resent = await Office.SendJsonAsync(HttpMethod.Post, $"/api/v1/outbox/{id}/resend", null, $"\"{failed.Int("version")}\""))
            await resent.AssertStatusAsync(HttpStatusCode.NoContent);
        var again = (await Office.GetJsonAsync("/api/v1/outbox?status=pending"))["messages"]!.AsArray().Single(m => m.Int("id") == id)!;
        Assert.Equal((0, "kontor"), (again.Int("attempts"), again.Str("resentBy")));

        using (var badStatus = await Office.GetAsync("/api/v1/outbox?status=lest"))
            await badStatus.AssertValidationProblemAsync("status");
        using (var badPage = await Office.GetAsync("/api/v1/outbox?page=0"))
            await badPage.AssertValidationProblemAsync("page");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class NotificationsApiSqliteTests(SqliteFactory factory) : NotificationsApiTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class NotificationsApiPostgresTests(PostgresFactory factory) : NotificationsApiTests(factory);
