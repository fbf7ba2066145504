using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Cli;
using Samstyring.Core.Data;
using Samstyring.Core.Notifications;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Tests.Cli;

/// <summary>
/// `samstyring notify reminders` queues the reminders that are due, says how many in Norwegian, links to the public URL,
/// and queues nothing more when it runs again.
/// </summary>
public abstract class NotifyCommandTests(Provider provider)
{
    private sealed record Run(int ExitCode, string Out, string Error);

    private static async Task<Run> RunAsync(ScratchDatabase scratch, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(output, error, new StringReader(""), new Dictionary<string, string?>
        {
            ["ConnectionStrings:Samstyring"] = scratch.Options.ConnectionString ?? "",
            ["Samstyring:PublicUrl"] = "https://samstyring.example.no/",
        });
        var code = await CliApp.RunAsync([.. args, "--data-dir", scratch.Options.DataDirectory], console);
        return new Run(code, output.ToString(), error.ToString());
    }

    private static async Task<T> QueryAsync<T>(ScratchDatabase scratch, Func<SamstyringDb, Task<T>> query)
    {
        await using var services = scratch.BuildServices();
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SamstyringDb>());
    }

    [Fact]
    public async Task Notify_reminders_queues_what_is_due_once_and_says_how_many()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(provider);
        if (scratch is null) return;
        Assert.Equal(0, (await RunAsync(scratch, "seed", "--demo")).ExitCode);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await QueryAsync(scratch, async db =>
        {
            await db.Users.Where(u => u.UserName == "eier-hso").ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, "eier-hso@example.no"));
            db.ReportingPeriods.Add(new ReportingPeriod
            {
                Code = "2091-T1", Year = 2091, Cadence = ReportingCadence.Tertial, Number = 1,
                Start = today.AddMonths(-4), End = today.AddDays(-7), Deadline = today.AddDays(3),
            });
            return await db.SaveChangesAsync();
        });

        var first = await RunAsync(scratch, "notify", "reminders");
        Assert.True(first.ExitCode == CliApp.Ok, first.Error);
        Assert.Matches(@"^Påminnelser lagt i utboksen: \d+ om innspill på saker, [1-9]\d* om statusrapporter\.", first.Out);
        var mail = await QueryAsync(scratch, db => db.OutboxMessages.SingleAsync(m => m.To == "eier-hso@example.no" && m.Subject.Contains("1. tertial 2091")));
        Assert.Equal(SendReportingReminders.OwnerKind, mail.Kind);
        Assert.Contains("https://samstyring.example.no/tiltak/", mail.TextBody);

        var again = await RunAsync(scratch, "notify", "reminders");
        Assert.Equal("Påminnelser lagt i utboksen: 0 om innspill på saker, 0 om statusrapporter.", again.Out.Trim());
    }
}

public sealed class NotifyCommandTestsSqlite() : NotifyCommandTests(Provider.Sqlite);

public sealed class NotifyCommandTestsPostgres() : NotifyCommandTests(Provider.Postgres);
