using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Samstyring.Cli;

namespace Samstyring.Core.Tests.Cli;

/// <summary>`samstyring report notice|case|minutes|package` on the demo data in a temp SQLite data directory.</summary>
public sealed class CouncilReportCommandTests : CliReportTest
{
    [Fact]
    public async Task Report_commands_write_the_council_documents_and_public_versions()
    {
        var seed = await RunAsync("seed", "--demo");
        Assert.True(seed.ExitCode == 0, seed.Error);

        var notice = await RunAsync("report", "notice", "--body", "nasjonalt-e-helserad", "--meeting", "6/2021", "--out", PathOf("innkalling.pdf"));
        Assert.True(notice.ExitCode == 0, notice.Error);
        Assert.Contains("Innkallingen er skrevet til", notice.Out);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(System.IO.File.ReadAllBytes(PathOf("innkalling.pdf")), 0, 5));

        var paper = await RunAsync("report", "case", "--body", "nasjonalt-e-helserad", "--case", "37/21", "--format", "docx", "--out", PathOf("sak.docx"));
        Assert.True(paper.ExitCode == 0, paper.Error);
        var text = WordText(PathOf("sak.docx"));
        Assert.Contains("Godkjenning av kriterier for nasjonal e-helseportefølje", text);
        Assert.Contains("Siv Ingebrigtsen/Nina Bjørlykke", text);

        var package = await RunAsync("report", "package", "--body", "nasjonalt-e-helserad", "--meeting", "6/2021", "--out", PathOf("pakke.pdf"));
        Assert.True(package.ExitCode == 0, package.Error);
        Assert.Contains("(12 deler)", package.Out);

        // The command line acts as the system and sees confidential content; --public gives what anyone may read.
        const string confidential = "Forhandlinger om avtale for felles journalløsning";
        var inside = await RunAsync("report", "case", "--body", "nuit", "--case", "40/21", "--format", "docx", "--out", PathOf("intern.docx"));
        Assert.True(inside.ExitCode == 0, inside.Error);
        Assert.Contains(confidential, WordText(PathOf("intern.docx")));
        var open = await RunAsync("report", "case", "--body", "nuit", "--case", "40/21", "--format", "docx", "--public", "--out", PathOf("offentlig.docx"));
        Assert.True(open.ExitCode == 0, open.Error);
        Assert.Contains("(offentlig utgave)", open.Out);
        Assert.DoesNotContain(confidential, WordText(PathOf("offentlig.docx")));
        Assert.Contains("Unntatt offentlighet", WordText(PathOf("offentlig.docx")));

        var minutes = await RunAsync("report", "minutes", "--body", "nuit", "--meeting", "5/2021", "--format", "docx", "--public", "--out", PathOf("referat.docx"));
        Assert.True(minutes.ExitCode == 0, minutes.Error);
        Assert.Contains("Referat fra møte i", WordText(PathOf("referat.docx")));
    }

    [Fact]
    public async Task Report_commands_refuse_in_norwegian()
    {
        Assert.Equal(0, (await RunAsync("seed", "--demo")).ExitCode);

        var early = await RunAsync("report", "minutes", "--body", "nasjonalt-e-helserad", "--meeting", "6/2021", "--out", PathOf("r.pdf"));
        Assert.Equal(CliApp.Refused, early.ExitCode);
        Assert.Contains("ikke avholdt", early.Error);
        Assert.False(System.IO.File.Exists(PathOf("r.pdf")));

        var unknown = await RunAsync("report", "notice", "--body", "nasjonalt-e-helserad", "--meeting", "9/2021", "--out", PathOf("x.pdf"));
        Assert.Equal(CliApp.Refused, unknown.ExitCode);
        Assert.Contains("Fant ikke møte 9/2021", unknown.Error);

        var badNumber = await RunAsync("report", "case", "--body", "nasjonalt-e-helserad", "--case", "sak 37", "--out", PathOf("x.pdf"));
        Assert.Equal(CliApp.Refused, badNumber.ExitCode);
        Assert.Contains("Saksnummeret må skrives som 37/21", badNumber.Error);

        var noBody = await RunAsync("report", "notice", "--body", "finnes-ikke", "--meeting", "6/2021", "--out", PathOf("x.pdf"));
        Assert.Equal(CliApp.Refused, noBody.ExitCode);
        Assert.Contains("Fant ikke organet", noBody.Error);

        var format = await RunAsync("report", "notice", "--body", "nasjonalt-e-helserad", "--meeting", "6/2021", "--format", "xlsx", "--out", PathOf("x.xlsx"));
        Assert.Equal(CliApp.Usage, format.ExitCode);
        Assert.Contains("Feil bruk", format.Error);
    }
}
