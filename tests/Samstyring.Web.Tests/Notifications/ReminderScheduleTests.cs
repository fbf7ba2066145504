using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Web.Tests.Council;

namespace Samstyring.Web.Tests.Notifications;

/// <summary>
/// The web app with mail configured schedules the reminders with Quartz: the job is there with its trigger, and when it
/// fires it queues a reminder of a comment deadline for a member with an address, linking to the public URL.
/// </summary>
public abstract class ReminderScheduleTests(SamstyringFactory factory) : CouncilWebTest(factory)
{
    [Fact]
    public async Task The_scheduled_job_queues_a_comment_reminder_with_a_link_to_the_public_url()
    {
        if (!Factory.Ready()) return;
        var scheduler = await Factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var key = new JobKey("reminders", "notifications");
        var trigger = Assert.Single(await scheduler.GetTriggersOfJob(key));
        Assert.True(trigger.MayFireAgain);

        // A member of the board with an address, and a case on a later meeting whose comment deadline is tomorrow.
        var address = $"paminnelse.{Guid.NewGuid().ToString("N")[..8]}@example.no";
        var org = await OrganizationIdAsync("Helse Sør-Øst RHF");
        using (var added = await Office.PostJsonAsync($"/api/v1/bodies/{Board}/members", new
               {
                   name = "Kari Påminnelse", title = (string?)null, organizationId = org, role = "member", substituteForId = (int?)null,
                   termStart = "2020-01-01", termEnd = (string?)null, email = address,
               }))
            await added.AssertStatusAsync(HttpStatusCode.Created);
        var meeting = (await PlanMeetingAsync(Board, "2029-05-10")).Int("id");
        var caseId = (await AddCaseAsync(meeting, "Høring om frister")).Int("id");
        var deadline = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        await WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.CommentDeadline, deadline)));

        await scheduler.TriggerJob(key);
        var mail = await WaitForAsync(() => WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.To == address)));

        Assert.Equal(SendCommentReminders.Kind, mail.Kind);
        Assert.EndsWith($"er {Norwegian.Date(deadline)}", mail.Subject);
        Assert.Contains($"https://samstyring.example.no/saker/{caseId}", mail.TextBody);
        Assert.Contains("Høring om frister", mail.TextBody);
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> find) where T : class
    {
        for (var i = 0; i < 100; i++)
        {
            if (await find() is { } found) return found;
            await Task.Delay(100);
        }
        throw new TimeoutException("Påminnelsen ble ikke lagt i utboksen innen 10 sekunder.");
    }
}

/// <summary>Mail on (to a port nobody listens on, so messages stay in the outbox), with a public URL, as production runs.</summary>
internal static class MailSettings
{
    public static void Apply(IWebHostBuilder builder)
    {
        builder.UseSetting("Samstyring:Mail:Host", "127.0.0.1");
        builder.UseSetting("Samstyring:Mail:Port", "9");
        builder.UseSetting("Samstyring:Mail:PollSeconds", "3600");
        builder.UseSetting("Samstyring:PublicUrl", "https://samstyring.example.no");
    }
}

public sealed class MailSqliteFactory : SqliteFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        MailSettings.Apply(builder);
    }
}

public sealed class MailPostgresFactory : PostgresFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        MailSettings.Apply(builder);
    }
}

public sealed class ReminderScheduleSqliteTests(MailSqliteFactory factory) : ReminderScheduleTests(factory), IClassFixture<MailSqliteFactory>;

public sealed class ReminderSchedulePostgresTests(MailPostgresFactory factory) : ReminderScheduleTests(factory), IClassFixture<MailPostgresFactory>;
