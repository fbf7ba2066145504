using System.Text;
using System.Text.Json.Nodes;
using static Samstyring.Core.Tests.Financing.FinancingSamples;

namespace Samstyring.Core.Tests.Cli;

/// <summary>`samstyring report evaluation` on the demo round (the first and only round of a fresh demo database) in a temp SQLite data directory.</summary>
public sealed class EvaluationReportCommandTests : CliReportTest
{
    [Fact]
    public async Task The_demo_round_as_docx_pdf_json_and_csv()
    {
        Assert.Equal(0, (await RunAsync("seed", "--demo")).ExitCode);

        var docx = await RunAsync("report", "evaluation", "--id", "1", "--format", "docx", "--draws", "200", "--out", PathOf("vurdering.docx"));
        Assert.True(docx.ExitCode == 0, docx.Error);
        Assert.Contains("Prioritering av målområder 2023", docx.Out);
        var text = Flat(WordText(PathOf("vurdering.docx")));
        Assert.Contains("Vurdering mot evalueringsprinsipper: Prioritering av målområder 2023", text);
        Assert.Contains("Styret har ikke fastsatt vektene ennå. Inntil da teller alle prinsippene likt.", text);
        Assert.Contains("Bidra til forebygging og pasientsikkerhet", text);
        Assert.Contains("Tilfeldige vekter: andel i topp 3", text);
        Assert.Contains("Demodata", text);

        var pdf = await RunAsync("report", "evaluation", "--id", "1", "--format", "pdf", "--out", PathOf("vurdering.pdf"));
        Assert.True(pdf.ExitCode == 0, pdf.Error);
        var pdfText = Flat(PdfText(File.ReadAllBytes(PathOf("vurdering.pdf"))));
        Assert.Contains("Rangering", pdfText);
        Assert.Contains("Følsomhet", pdfText);

        var json = await RunAsync("report", "evaluation", "--id", "1", "--format", "json", "--top", "2", "--draws", "100", "--out", PathOf("vurdering.json"));
        Assert.True(json.ExitCode == 0, json.Error);
        var round = JsonNode.Parse(await File.ReadAllTextAsync(PathOf("vurdering.json")))!;
        Assert.Equal("target-areas", round["summary"]!["purpose"]!.GetValue<string>());
        Assert.Equal(5, round["ranking"]!.AsArray().Count);
        Assert.Equal(2, round["sensitivity"]!["topN"]!.GetValue<int>());

        var csv = await RunAsync("report", "evaluation", "--id", "1", "--format", "csv", "--out", PathOf("poeng.csv"));
        Assert.True(csv.ExitCode == 0, csv.Error);
        var lines = (await File.ReadAllTextAsync(PathOf("poeng.csv"), Encoding.UTF8)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("candidate_id,candidate,scorer,principle,principle_text,score,reason,scored_at", lines[0].TrimStart('\uFEFF'));
        Assert.Equal(1 + 5 * 2 * 11, lines.Length);
    }

    [Fact]
    public async Task An_unknown_round_and_too_many_draws_are_refused_in_Norwegian_and_write_nothing()
    {
        Assert.Equal(0, (await RunAsync("seed", "--demo")).ExitCode);
        var missing = await RunAsync("report", "evaluation", "--id", "99", "--out", PathOf("x.pdf"));
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("Vurdering 99 finnes ikke", missing.Error);
        var draws = await RunAsync("report", "evaluation", "--id", "1", "--draws", "20000", "--out", PathOf("y.pdf"));
        Assert.NotEqual(0, draws.ExitCode);
        Assert.Contains("Antall trekninger må være fra 0 til 10", draws.Error);
        Assert.False(File.Exists(PathOf("x.pdf")));
        Assert.False(File.Exists(PathOf("y.pdf")));
    }
}
