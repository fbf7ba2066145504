using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Archive;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Data;
using Samstyring.Core.Tests.Archive;

/// <summary>
/// The Noark 5 extract at scale: a generated body with 500 weekly meetings, 10 cases each (5 000) and 2 small attachment
/// files per case (10 000 documents; plus 6 000 generated PDFs: notice, minutes and case papers), exported into a
/// directory through <see cref="ExportArchive"/> as the CLI does. Memory is sampled every 50 ms while it runs (working
/// set, managed heap) and reported per tenth of the run, to show whether it stays flat.
///   archive [--data-dir DIR] [--connection-string CS] [--skip-sqlite] [--skip-postgres] [--meetings N] [--cases-per-meeting N]
///           [--attachments-per-case N] [--keep]
/// Prints RESULT provider meetings cases documents files bytes seconds peak_working_set_mb peak_managed_mb gc_gen2.
/// </summary>
static class ArchiveBench
{
    public static async Task<int> RunAsync(Args opts)
    {
        var meetings = opts.Int("meetings", 500);
        var casesPerMeeting = opts.Int("cases-per-meeting", 10);
        var attachmentsPerCase = opts.Int("attachments-per-case", 2);
        var keep = opts.Flag("keep");
        var (targets, tempDir) = CoreBench.Targets(opts, "archive", "samstyring_archive_bench");
        foreach (var (provider, options) in targets)
        {
            if (provider != "SQLite")
                options.DataDirectory = Path.Combine(Path.GetTempPath(), "samstyring-archive-bench-files-" + Guid.NewGuid().ToString("N")[..8]);
            await using var services = Args.Services(options);
            await using (var scope = services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<SamstyringDb>().Database.EnsureDeletedAsync();
            await services.InitializeDatabaseAsync(false);

            var setup = Stopwatch.StartNew();
            ArchiveBodyGenerator.Generated body;
            await using (var scope = services.CreateAsyncScope())
                body = await ArchiveBodyGenerator.CreateAsync(scope.ServiceProvider.GetRequiredService<SamstyringDb>(), options, meetings, casesPerMeeting, attachmentsPerCase);
            Console.WriteLine($"{provider}: generated {body.Meetings} meetings, {body.Cases} cases, {body.Attachments} attachments in {setup.Elapsed.TotalSeconds:0.0} s");

            var output = Path.Combine(Path.GetTempPath(), "samstyring-archive-bench-out-" + Guid.NewGuid().ToString("N")[..8]);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var process = Process.GetCurrentProcess();
            process.Refresh();
            var baseline = (WorkingSetMb: process.WorkingSet64 / 1048576.0, ManagedMb: GC.GetTotalMemory(false) / 1048576.0);
            var samples = new List<(double Seconds, double WorkingSetMb, double ManagedMb)>();
            var gen2Before = GC.CollectionCount(2);
            var cpuBefore = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            using var stop = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    process.Refresh();
                    lock (samples) samples.Add((sw.Elapsed.TotalSeconds, process.WorkingSet64 / 1048576.0, GC.GetTotalMemory(false) / 1048576.0));
                    try { await Task.Delay(50, stop.Token); } catch (OperationCanceledException) { }
                }
            });
            ArchiveSummary summary;
            await using (var scope = services.CreateAsyncScope())
            await using (var sink = new DirectoryArchiveSink(output))
                summary = await scope.ServiceProvider.GetRequiredService<ExportArchive>().HandleAsync(body.Slug, body.From, body.To, sink, CurrentUser.System);
            var seconds = sw.Elapsed.TotalSeconds;
            await stop.CancelAsync();
            await sampler;
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;

            Console.WriteLine($"{provider}: baseline before export: working set {baseline.WorkingSetMb:0} MB, managed heap {baseline.ManagedMb:0} MB");
            Console.WriteLine($"{provider}: memory per tenth of the run (max in each): seconds, working set MB, managed heap MB");
            for (var tenth = 0; tenth < 10; tenth++)
            {
                var slice = samples.Where(s => s.Seconds >= seconds * tenth / 10 && s.Seconds < seconds * (tenth + 1) / 10).ToList();
                if (slice.Count == 0) continue;
                Console.WriteLine(string.Join('\t', "MEMORY", provider, F(seconds * (tenth + 1) / 10), F(slice.Max(s => s.WorkingSetMb)), F(slice.Max(s => s.ManagedMb))));
            }
            Console.WriteLine(string.Join('\t', "RESULT", provider, summary.Meetings, summary.Cases, summary.Documents, summary.Files, summary.Bytes,
                F(seconds), F(cpu), F(process.PeakWorkingSet64 / 1048576.0), F(samples.Max(s => s.ManagedMb)), GC.CollectionCount(2) - gen2Before));
            SizeOnDisk(output);
            try { Directory.Delete(output, true); } catch (IOException) { }
            if (!keep) await CoreBench.DropAsync(services);
            if (provider != "SQLite") try { Directory.Delete(options.DataDirectory, true); } catch (IOException) { }
        }
        if (!keep) CoreBench.RemoveTempDir(tempDir);
        return 0;
    }

    private static void SizeOnDisk(string dir)
    {
        foreach (var name in new[] { "arkivstruktur.xml", "endringslogg.xml", "offentligJournal.xml", "arkivuttrekk.xml" })
            Console.WriteLine($"  {name}: {new FileInfo(Path.Combine(dir, name)).Length / 1048576.0:0.0} MB");
    }

    private static string F(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
}
