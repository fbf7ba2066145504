using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Data.Sqlite;
using Samstyring.Cli;

namespace Samstyring.Core.Tests.Cli;

/// <summary>`samstyring report roadmap|roadmap-diff` on the demo data in a temp SQLite data directory.</summary>
public sealed class RoadmapReportCommandTests : CliReportTest
{
    [Fact]
    public async Task Report_roadmap_writes_the_chart_and_the_data_of_a_version_in_every_format()
    {
        Assert.Equal(0, (await RunAsync("seed", "--demo")).ExitCode);

        var svg = await RunAsync("report", "roadmap", "--version", "21.1", "--format", "svg", "--out", PathOf("veikart.svg"));
        Assert.True(svg.ExitCode == 0, svg.Error);
        Assert.Contains("Veikart versjon 21.1 (4 tjenester", svg.Out);
        var chart = XDocument.Load(PathOf("veikart.svg"));
        Assert.Equal("svg", chart.Root!.Name.LocalName);
        Assert.Contains("kritisk informasjon", chart.ToString());

        var pdf = await RunAsync("report", "roadmap", "--version", "21.1", "--format", "pdf", "--out", PathOf("veikart.pdf"));
        Assert.True(pdf.ExitCode == 0, pdf.Error);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(PathOf("veikart.pdf")), 0, 5));

        var json = await RunAsync("report", "roadmap", "--version", "21.1", "--format", "json", "--out", PathOf("veikart.json"));
        Assert.True(json.ExitCode == 0, json.Error);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(PathOf("veikart.json")));
        Assert.Equal("21.1", doc.RootElement.GetProperty("version").GetString());
        var plans = doc.RootElement.GetProperty("services").EnumerateArray().SelectMany(s => s.GetProperty("plans").EnumerateArray()).ToList();
        var postponed = plans.Single(p => p.GetProperty("written").GetString() == "utsatt på ubestemt tid");
        Assert.Equal(JsonValueKind.Null, postponed.GetProperty("start").ValueKind);
        Assert.Equal(JsonValueKind.Null, postponed.GetProperty("end").ValueKind);
        var helseVest = plans.Single(p => p.GetProperty("actorGroup").GetString() == "Helse Vest RHF");
        Assert.Equal("trial", helseVest.GetProperty("kind").GetString());
        Assert.Equal("2021-10-01", helseVest.GetProperty("start").GetString());
        Assert.Equal("2021-12-31", helseVest.GetProperty("end").GetString());

        var csv = await RunAsync("report", "roadmap", "--version", "1.0", "--format", "csv", "--out", PathOf("veikart.csv"));
        Assert.True(csv.ExitCode == 0, csv.Error);
        var lines = File.ReadAllLines(PathOf("veikart.csv"));
        Assert.Equal("version,area,serviceKey,service,actorGroup,kind,written,start,end,note", lines[0].TrimStart('\uFEFF'));
        Assert.Contains(lines, l => l.StartsWith("1.0,Deling av helseopplysninger,kritisk-informasjon,", StringComparison.Ordinal) && l.Contains(",Helse Vest RHF,trial,Q4 2020,2020-10-01,2020-12-31,"));
    }

    [Fact]
    public async Task Report_roadmap_diff_lists_the_changes_of_case_38_21_as_json_and_as_a_word_section()
    {
        Assert.Equal(0, (await RunAsync("seed", "--demo")).ExitCode);

        var json = await RunAsync("report", "roadmap-diff", "--from", "1.0", "--to", "21.1", "--format", "json", "--out", PathOf("endringer.json"));
        Assert.True(json.ExitCode == 0, json.Error);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(PathOf("endringer.json")));
        var changes = doc.RootElement.EnumerateArray().ToList();
        var helseVest = changes.Single(c => c.GetProperty("actorGroup").GetString() == "Helse Vest RHF");
        Assert.Equal("moved", helseVest.GetProperty("change").GetString());
        Assert.Equal(12, helseVest.GetProperty("delayMonths").GetInt32());
        Assert.Equal("ca. 1 år", helseVest.GetProperty("delayText").GetString());
        Assert.Contains(changes, c => c.GetProperty("change").GetString() == "postponed-indefinitely"
                                      && c.GetProperty("actorGroup").GetString() == "Kommunale pleie- og omsorgstjenester");
        Assert.Contains(changes, c => c.GetProperty("delayText").GetString() == "minimum 6 måneder");
        Assert.Contains(changes, c => c.GetProperty("change").GetString() == "moved"
                                      && c.GetProperty("actorGroup").GetString() == "Fysioterapeuter og manuellterapeuter");
        Assert.DoesNotContain(changes, c => c.GetProperty("newActorGroup").GetBoolean());

        var docx = await RunAsync("report", "roadmap-diff", "--from", "1.0", "--to", "21.1", "--out", PathOf("endringer.docx"));
        Assert.True(docx.ExitCode == 0, docx.Error);
        var text = WordText(PathOf("endringer.docx"));
        Assert.Contains("1.0", text);
        Assert.Contains("21.1", text);
        Assert.Contains("Helse Vest RHF", text);
        Assert.Contains("ca. 1 år", text);
        Assert.Contains("Demodata", text);
    }

    [Fact]
    public async Task With_public_only_published_versions_can_be_reported()
    {
        Assert.Equal(0, (await RunAsync("seed", "--demo")).ExitCode);
        var published = await RunAsync("report", "roadmap", "--version", "1.0", "--format", "svg", "--public", "--out", PathOf("1.0.svg"));
        Assert.True(published.ExitCode == 0, published.Error);
        // 21.1 is only recommended by NUIT in the demo data: a draft as far as the public is concerned.
        var draft = await RunAsync("report", "roadmap", "--version", "21.1", "--format", "svg", "--public", "--out", PathOf("21.1.svg"));
        Assert.Equal(CliApp.Refused, draft.ExitCode);
        Assert.False(File.Exists(PathOf("21.1.svg")));
        var diff = await RunAsync("report", "roadmap-diff", "--from", "1.0", "--to", "21.1", "--public", "--out", PathOf("d.docx"));
        Assert.Equal(CliApp.Refused, diff.ExitCode);
    }

    [Fact]
    public async Task An_unknown_version_is_refused_with_a_Norwegian_message_and_no_file()
    {
        Assert.Equal(0, (await RunAsync("seed", "--demo")).ExitCode);
        var run = await RunAsync("report", "roadmap", "--version", "99.9", "--format", "svg", "--out", PathOf("x.svg"));
        Assert.Equal(CliApp.Refused, run.ExitCode);
        Assert.Contains("99.9", run.Error);
        Assert.False(File.Exists(PathOf("x.svg")));
    }
}
