using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Cli;
using Samstyring.Core.Council;
using Samstyring.Core.Data;
using Samstyring.Core.Tests.Council;

namespace Samstyring.Core.Tests.Cli;

/// <summary>
/// `samstyring attachments to-database` moves the attachment files of an older PostgreSQL deployment into the database and
/// says how many; with SQLite there is no such place and it says so (exit code 1).
/// </summary>
public abstract class AttachmentsCommandTests(Provider provider)
{
    private sealed record Run(int ExitCode, string Out, string Error);

    private static async Task<Run> RunAsync(ScratchDatabase scratch, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(output, error, new StringReader(""), new Dictionary<string, string?>
        {
            ["ConnectionStrings:Samstyring"] = scratch.Options.ConnectionString ?? "",
        });
        var code = await CliApp.RunAsync([.. args, "--data-dir", scratch.Options.DataDirectory], console);
        return new Run(code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Attachments_to_database_moves_the_files_once_or_says_why_not()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(provider);
        if (scratch is null) return;
        Assert.Equal(0, (await RunAsync(scratch, "seed", "--demo")).ExitCode);
        if (provider == Provider.Sqlite)
        {
            var refused = await RunAsync(scratch, "attachments", "to-database");
            Assert.Equal(CliApp.Refused, refused.ExitCode);
            Assert.Contains("bare med PostgreSQL", refused.Error);
            return;
        }

        // One file stored the way an older version did: in {DataDirectory}/attachments.
        var directory = new SamstyringOptions { DataDirectory = scratch.Options.DataDirectory, ConnectionString = scratch.Options.ConnectionString };
        directory.AttachmentDirectory = directory.AttachmentRoot;
        await using (var services = new ServiceCollection().AddSamstyringCore(directory).BuildServiceProvider())
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SamstyringDb>();
            var caseId = await db.Cases.Where(c => c.Number == 37 && c.Year == 2021).Select(c => c.Id).SingleAsync();
            await scope.ServiceProvider.GetRequiredService<UploadAttachment>().HandleAsync(caseId,
                new AttachmentUpload("kriterier.pdf", "9", "Kriterier", false, null), new MemoryStream(AttachmentTests.Pdf(7000)), Common.CurrentUser.System);
        }
        Assert.Single(new AttachmentStore(scratch.Options).ListFiles());

        var moved = await RunAsync(scratch, "attachments", "to-database");
        Assert.True(moved.ExitCode == CliApp.Ok, moved.Error);
        Assert.Equal("Flyttet 1 vedleggsfiler inn i databasen; 0 var der fra før.", moved.Out.Trim());
        Assert.DoesNotContain(new AttachmentStore(scratch.Options).ListFiles(), new AttachmentStore(scratch.Options).IsStoredPath);
        var again = await RunAsync(scratch, "attachments", "to-database");
        Assert.Equal("Flyttet 0 vedleggsfiler inn i databasen; 1 var der fra før.", again.Out.Trim());
    }

    [Fact]
    public async Task Attachments_extract_text_reads_the_files_without_text_and_says_how_it_went()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(provider);
        if (scratch is null) return;
        Assert.Equal(0, (await RunAsync(scratch, "seed", "--demo")).ExitCode);
        await using (var services = new ServiceCollection().AddSamstyringCore(scratch.Options).BuildServiceProvider())
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SamstyringDb>();
            var caseId = await db.Cases.Where(c => c.Number == 37 && c.Year == 2021).Select(c => c.Id).SingleAsync();
            await scope.ServiceProvider.GetRequiredService<UploadAttachment>().HandleAsync(caseId,
                new AttachmentUpload("kriterier.txt", "9", "Kriterier", false, null), new MemoryStream("Inklusjonskriterier for porteføljen"u8.ToArray()), Common.CurrentUser.System);
            // As if uploaded before attachment texts were read.
            await db.AttachmentTexts.ExecuteDeleteAsync();
        }

        var first = await RunAsync(scratch, "attachments", "extract-text");
        Assert.True(first.ExitCode == CliApp.Ok, first.Error);
        Assert.Equal("Leste 1 vedleggsfiler: 1 med tekst, 0 uten tekst, 0 i et format uten tekst og 0 som ikke kunne leses.", first.Out.Trim());
        var again = await RunAsync(scratch, "attachments", "extract-text");
        Assert.StartsWith("Leste 0 vedleggsfiler", again.Out.Trim());
        var all = await RunAsync(scratch, "attachments", "extract-text", "--all");
        Assert.StartsWith("Leste 1 vedleggsfiler: 1 med tekst", all.Out.Trim());
    }
}

public sealed class AttachmentsCommandTestsSqlite() : AttachmentsCommandTests(Provider.Sqlite);

public sealed class AttachmentsCommandTestsPostgres() : AttachmentsCommandTests(Provider.Postgres);
