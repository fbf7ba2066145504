using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Samstyring.Cli;

namespace Samstyring.Core.Tests.Cli;

/// <summary>Runs `samstyring` commands against a SQLite data directory of their own under temp, removed afterwards.</summary>
public abstract class CliReportTest : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "samstyring-cli-tests", Guid.NewGuid().ToString("N"));

    protected CliReportTest() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { /* a stray handle; the OS cleans temp */ }
        GC.SuppressFinalize(this);
    }

    protected sealed record Run(int ExitCode, string Out, string Error);

    protected async Task<Run> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(output, error, new StringReader(""), new Dictionary<string, string?> { ["ConnectionStrings:Samstyring"] = "" });
        var code = await CliApp.RunAsync([.. args, "--data-dir", Path.Combine(_root, "data")], console);
        return new Run(code, output.ToString(), error.ToString());
    }

    /// <summary>A file in the test's folder.</summary>
    protected string PathOf(string name) => Path.Combine(_root, name);

    /// <summary>The text of a DOCX, run by run.</summary>
    protected static string WordText(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        return WebUtility.HtmlDecode(string.Concat(Regex.Matches(reader.ReadToEnd(), "<w:t(?: [^>]*)?>([^<]*)</w:t>").Select(m => m.Groups[1].Value + " ")));
    }
}
