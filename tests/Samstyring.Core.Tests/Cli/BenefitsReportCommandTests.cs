using System.Text.Json.Nodes;

namespace Samstyring.Core.Tests.Cli;

/// <summary>`samstyring report benefits|npv` on the demo data in a temp SQLite data directory.</summary>
public sealed class BenefitsReportCommandTests : CliReportTest
{
    /// <summary>The id of a demo initiative, found through the JSON the command writes (ids follow the seed's order).</summary>
    private async Task<int> InitiativeIdAsync(string name)
    {
        for (var id = 1; id <= 60; id++)
        {
            var run = await RunAsync("report", "benefits", "--initiative", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "json", "--out", PathOf($"b{id}.json"));
            if (run.ExitCode == 0 && JsonNode.Parse(await File.ReadAllTextAsync(PathOf($"b{id}.json")))!["initiative"]!.GetValue<string>() == name) return id;
        }
        throw new Xunit.Sdk.XunitException($"fant ikke «{name}»");
    }

    [Fact]
    public async Task The_plan_and_the_net_present_values_are_written_and_a_negative_rate_is_refused()
    {
        Assert.Equal(0, (await RunAsync("seed", "--demo")).ExitCode);
        var id = (await InitiativeIdAsync("Program digital samhandling")).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var json = await RunAsync("report", "npv", "--initiative", id, "--format", "json", "--out", PathOf("npv.json"));
        Assert.True(json.ExitCode == 0, json.Error);
        Assert.Contains("Størst netto nåverdi: «Prioritert løsning»", json.Out);
        var npv = JsonNode.Parse(await File.ReadAllTextAsync(PathOf("npv.json")))!;
        Assert.Equal(4m, npv["discountRate"]!.GetValue<decimal>());
        Assert.Equal(2, npv["alternatives"]!.AsArray().Count);

        var csv = await RunAsync("report", "npv", "--initiative", id, "--rate", "6", "--format", "csv", "--out", PathOf("npv.csv"));
        Assert.True(csv.ExitCode == 0, csv.Error);
        var lines = await File.ReadAllLinesAsync(PathOf("npv.csv"));
        Assert.StartsWith("alternativ,tilfelle,rente_prosent", lines[0].TrimStart('\uFEFF'));
        Assert.Contains(lines, l => l.StartsWith("Prioritert løsning,Valgt rente,6,", StringComparison.Ordinal));

        var negative = await RunAsync("report", "npv", "--initiative", id, "--rate", "-1", "--format", "csv", "--out", PathOf("neg.csv"));
        Assert.NotEqual(0, negative.ExitCode);
        Assert.Contains("Diskonteringsrenten kan ikke være negativ.", negative.Error);
        Assert.False(File.Exists(PathOf("neg.csv")));

        var dokumentdeling = (await InitiativeIdAsync("Kjernejournal dokumentdeling")).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var docx = await RunAsync("report", "benefits", "--initiative", dokumentdeling, "--format", "docx", "--out", PathOf("plan.docx"));
        Assert.True(docx.ExitCode == 0, docx.Error);
        var text = WordText(PathOf("plan.docx"));
        Assert.Contains("Gevinstrealiseringsplan", text);
        Assert.Contains("Helse Sør-Øst RHF", text);
        Assert.Contains("Dokumentdeling tas i bruk i pilotkommunene", text);
        var pdf = await RunAsync("report", "benefits", "--initiative", dokumentdeling, "--format", "pdf", "--out", PathOf("plan.pdf"));
        Assert.True(pdf.ExitCode == 0, pdf.Error);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(PathOf("plan.pdf"))[..4]));
    }
}
