using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Samstyring.Core.EInnsyn;
using Samstyring.Web.EInnsyn;
using Samstyring.Web.Tests.Council;

namespace Samstyring.Web.Tests.EInnsyn;

/// <summary>
/// The app as production runs it with eInnsyn configured (to the stand-in, with a public URL): the sender is a Quartz job
/// beside the mail's, and a notice sent on a page reaches eInnsyn through it with absolute document links.
/// </summary>
public abstract class EInnsynScheduleTests(SamstyringFactory factory, EInnsynStandIn standIn) : CouncilWebTest(factory)
{
    [Fact]
    public async Task The_scheduled_sender_publishes_a_sent_notice()
    {
        if (!Factory.Ready()) return;
        var scheduler = await Factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.True(Assert.Single(await scheduler.GetTriggersOfJob(EInnsynSchedule.Sender)).MayFireAgain);
        // Mail is off here: its jobs are not in the store.
        Assert.Empty(await scheduler.GetTriggersOfJob(Samstyring.Web.Notifications.MailSchedule.Sender));

        var slug = await CreateBodyAsync($"einnsyn-jobb-{Guid.NewGuid().ToString("N")[..6]}", quorumRule: "none");
        var meeting = (await PlanMeetingAsync(slug, "2032-01-15")).Int("id");
        await AddCaseAsync(meeting, "Sak til eInnsyn");
        using (var notice = await Office.PostJsonAsync($"/api/v1/meetings/{meeting}/notice", new { version = await MeetingVersionAsync(meeting) }))
            await notice.AssertStatusAsync(HttpStatusCode.OK);
        Assert.True((await Office.GetJsonAsync("/api/v1/einnsyn/outbox"))["enabled"]!.GetValue<bool>());

        await scheduler.TriggerJob(EInnsynSchedule.Sender);
        EInnsynMessage? sent = null;
        for (var i = 0; i < 100 && sent is null; i++)
        {
            sent = await WithDbAsync(db => db.EInnsynOutbox.AsNoTracking().SingleOrDefaultAsync(m => m.MeetingId == meeting && m.Status == EInnsynStatus.Sent));
            if (sent is null) await Task.Delay(100);
        }
        Assert.NotNull(sent);
        var stored = standIn.Stored.Single(s => s.Body.Str("externalId") == $"samstyring:meeting:{meeting}");
        Assert.Equal(sent.EInnsynId, stored.Id);
        Assert.Equal($"https://samstyring.example.no/api/v1/meetings/{meeting}/notice.pdf",
            stored.Body["moetedokument"]![0]!["dokumentbeskrivelse"]![0]!["dokumentobjekt"]![0].Str("referanseDokumentfil"));
        Assert.Empty(standIn.Invalid);
    }
}

/// <summary>eInnsyn on, to a stand-in started with the app; the scheduled sender fires once an hour unless triggered.</summary>
internal static class EInnsynSettings
{
    public static EInnsynStandIn Apply(IWebHostBuilder builder, ref EInnsynStandIn? standIn)
    {
        standIn ??= EInnsynStandIn.StartAsync().GetAwaiter().GetResult();
        builder.UseSetting("Samstyring:EInnsyn:BaseUrl", standIn.BaseUrl);
        builder.UseSetting("Samstyring:EInnsyn:ApiKey", EInnsynStandIn.ApiKey);
        builder.UseSetting("Samstyring:EInnsyn:Arkivdel", EInnsynStandIn.Arkivdel);
        builder.UseSetting("Samstyring:EInnsyn:PollSeconds", "3600");
        builder.UseSetting("Samstyring:PublicUrl", "https://samstyring.example.no");
        return standIn;
    }
}

public sealed class EInnsynSqliteFactory : SqliteFactory
{
    private EInnsynStandIn? _standIn;
    public EInnsynStandIn StandIn => _standIn ?? throw new InvalidOperationException("The app has not started.");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        EInnsynSettings.Apply(builder, ref _standIn);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_standIn is not null) await _standIn.DisposeAsync();
    }
}

public sealed class EInnsynPostgresFactory : PostgresFactory
{
    private EInnsynStandIn? _standIn;
    public EInnsynStandIn StandIn => _standIn ?? throw new InvalidOperationException("The app has not started.");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        EInnsynSettings.Apply(builder, ref _standIn);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_standIn is not null) await _standIn.DisposeAsync();
    }
}

public sealed class EInnsynScheduleSqliteTests(EInnsynSqliteFactory factory)
    : EInnsynScheduleTests(factory, Started(factory)), IClassFixture<EInnsynSqliteFactory>
{
    private static EInnsynStandIn Started(EInnsynSqliteFactory f) { _ = f.Services; return f.StandIn; }
}

public sealed class EInnsynSchedulePostgresTests(EInnsynPostgresFactory factory)
    : EInnsynScheduleTests(factory, Started(factory)), IClassFixture<EInnsynPostgresFactory>
{
    private static EInnsynStandIn Started(EInnsynPostgresFactory f) { if (f.IsConfigured) _ = f.Services; return f.IsConfigured ? f.StandIn : null!; }
}
