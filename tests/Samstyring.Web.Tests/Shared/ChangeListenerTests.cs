using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Samstyring.Web.Tests.Council;

namespace Samstyring.Web.Tests.Shared;

/// <summary>
/// Two nodes over one PostgreSQL, both with the read cache on: a change committed through one is served by the other at
/// once, well before the one-second fallback check of the audit log could have noticed it, because the commit's
/// <c>NOTIFY</c> reaches the other node's listener.
/// </summary>
public sealed class ChangeListenerTests(PostgresFactory factory) : CouncilWebTest(factory), IClassFixture<PostgresFactory>
{
    [Fact]
    public async Task A_change_through_one_node_is_read_on_the_other_within_100_ms()
    {
        if (!Factory.Ready()) return;
        await using var nodeB = Factory.WithWebHostBuilder(_ => { });
        using var anonymousOnB = nodeB.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await WaitUntilListeningAsync(anonymousOnB);

        // The fallback checks the audit log at most once a second: a read on B just before the write starts that second,
        // so a fresh answer on B within it can only have come from the notification. Tried again if the write was slow.
        for (var attempt = 1; ; attempt++)
        {
            var slug = "varsling-" + Guid.NewGuid().ToString("N")[..8];
            Assert.DoesNotContain(slug, await BodiesAsync(anonymousOnB));
            var sinceCheck = Stopwatch.StartNew();
            await CreateBodyAsync(slug);
            var written = sinceCheck.Elapsed;
            var afterWrite = Stopwatch.StartNew();
            var seen = false;
            while (!seen && afterWrite.Elapsed < TimeSpan.FromMilliseconds(100))
            {
                seen = (await BodiesAsync(anonymousOnB)).Contains(slug);
                if (!seen) await Task.Delay(5);
            }
            var total = sinceCheck.Elapsed;
            if (total < TimeSpan.FromMilliseconds(900))
            {
                Assert.True(seen, $"B served the list without the new body for 100 ms after A saved it (write took {written.TotalMilliseconds:0} ms)");
                return;
            }
            Assert.True(attempt < 5, $"The write through A took {written.TotalMilliseconds:0} ms every time; the test cannot tell the notification from the fallback.");
        }
    }

    private static async Task<string> BodiesAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/v1/bodies");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>B's listener connects in the background after start; a change made before that is left to the fallback.</summary>
    private async Task WaitUntilListeningAsync(HttpClient nodeB)
    {
        for (var i = 0; i < 100; i++)
        {
            var listening = await WithDbAsync(db => db.Database.SqlQueryRaw<int>(
                    "SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE application_name = 'samstyring-changes' AND datname = current_database()")
                .SingleAsync());
            if (listening >= 2) return;
            await BodiesAsync(nodeB);
            await Task.Delay(100);
        }
        throw new TimeoutException("Begge nodene lytter ikke etter endringer etter 10 sekunder.");
    }
}
