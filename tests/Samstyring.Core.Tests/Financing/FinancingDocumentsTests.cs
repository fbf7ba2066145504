using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Samstyring.Core.Common;
using Samstyring.Core.Financing;
using Samstyring.Core.Solutions;
using static Samstyring.Core.Tests.Financing.FinancingSamples;

namespace Samstyring.Core.Tests.Financing;

public sealed class FinancingDocumentsTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    // Kjernejournal 100 000 kr: RHFs 60 % by a fixed key, municipalities 40 % by population (deducted from the block grant).
    private static (ModelDetails Model, List<CostBasisView> Costs, List<AllocationRow> Rows) Year2022()
    {
        var model = new ModelSummary(5, 2022, 1, "Prismodell 2022", false, PriceModelStatus.Adopted, null, "Vedtatt etter konsultasjonene.", true, 4);
        var cost = new CostBasisView(1, "kjernejournal", "Kjernejournal", 2022, 5_000_000, 3_000_000, 2_000_000, 0, null, null, null, null, null,
            null, null, null, null, null, "", true, 1);
        var rhf = new ShareView(PayerGroup.RegionalHealthAuthorities, 6000, DistributionKey.Fixed, null, CollectionMethod.Invoice, 6_000_000, 4,
            [new KeyEntryView(10, "Helse Sør-Øst RHF", 3, 4_500_000), new KeyEntryView(11, "Helse Nord RHF", 1, 1_500_000)]);
        var kommuner = new ShareView(PayerGroup.Municipalities, 4000, DistributionKey.Population, new DateOnly(2022, 1, 1), CollectionMethod.BlockGrantDeduction,
            4_000_000, 700_000, [new KeyEntryView(301, "Oslo kommune", 699_800, 3_998_857), new KeyEntryView(1151, "Utsira kommune", 200, 1_143)]);
        var details = new ModelDetails(model, null,
            [new StepView(1, PriceModelStatus.Draft, new DateOnly(2021, 3, 1), null, null, null, null, "kontor", DateTime.UtcNow),
             new StepView(2, PriceModelStatus.CouncilCase, new DateOnly(2021, 4, 20), 7, "12/21", "Finansiering av nasjonale løsninger", null, "kontor", DateTime.UtcNow),
             new StepView(3, PriceModelStatus.Adopted, new DateOnly(2021, 12, 10), null, null, null, "Prop. 1 S (2021–2022)", "kontor", DateTime.UtcNow)],
            [new SolutionShares(1, "kjernejournal", "Kjernejournal", null, cost, 10_000_000, false, [rhf, kommuner])],
            new Dictionary<PayerGroup, long> { [PayerGroup.RegionalHealthAuthorities] = 6_000_000, [PayerGroup.Municipalities] = 4_000_000 },
            10_000_000, [], []);
        var rows = details.Solutions.SelectMany(s => s.Shares.SelectMany(sh => sh.Actors.Select(a => new AllocationRow(2022, s.Key, s.Name, sh.Group, sh.BasisPoints,
            sh.Key, sh.Collection, a.OrganizationId, a.OrganizationName, a.OrganizationId == 301 ? "958935420" : null, a.Weight, sh.TotalWeight, a.AmountOre)))).ToList();
        return (details, [cost], rows);
    }

    [Fact]
    public void Docx_report_has_the_model_its_steps_the_costs_the_shares_and_every_actor()
    {
        var (model, costs, rows) = Year2022();
        var bytes = FinancingDocuments.Docx(model, costs, rows);
        var text = Flat(DocxText(bytes));

        Assert.Contains("Finansiering av nasjonale e-helseløsninger 2022", text);
        Assert.Contains("Prismodell 2022 – Vedtatt", text);
        Assert.Contains("Demodata", text);
        Assert.Contains("Sak 12/21 – Finansiering av nasjonale løsninger", text);
        Assert.Contains("Prop. 1 S (2021–2022)", text);
        Assert.Contains("10. desember 2021", text);

        var tables = DocxTables(bytes);
        var cost = tables.Single(t => t[0][0] == "Løsning" && t[0].Contains("Investering"));
        Assert.Equal(["Kjernejournal *", Flat(Norwegian.Kroner(5_000_000)), Flat(Norwegian.Kroner(3_000_000)), Flat(Norwegian.Kroner(2_000_000)),
            Flat(Norwegian.Kroner(0)), "–", Flat(Norwegian.Kroner(10_000_000))], cost[1].Select(Flat));
        var shares = tables.Single(t => t[0].Contains("Fordelingsnøkkel"));
        Assert.Contains(shares, r => r[1] == "Regionale helseforetak" && Flat(r[2]) == "60 %" && r[3] == "Fast nøkkel per aktør");
        Assert.Contains(shares, r => r[1] == "Kommuner" && Flat(r[2]) == "40 %" && r[3] == "Etter folketall 1. januar 2022" && r[4] == "Trekk i rammetilskuddet");
        var actors = tables.Single(t => t[0][0] == "Aktør");
        Assert.Equal(5, actors.Count); // header + 4 actors, in alphabetical order
        Assert.Equal(["Helse Nord RHF", "Helse Sør-Øst RHF", "Oslo kommune", "Utsira kommune"], actors.Skip(1).Select(r => r[0]));
        var oslo = actors.Single(r => r[0] == "Oslo kommune");
        Assert.Equal("958935420", oslo[1]);
        Assert.Equal(Flat(Norwegian.Kroner(0)), Flat(oslo[2]));
        Assert.Equal(Flat(Norwegian.Kroner(3_998_857)), Flat(oslo[3]));
    }

    [Fact]
    public void Xlsx_has_solutions_shares_and_actors_sheets_that_add_up()
    {
        var (model, costs, rows) = Year2022();
        var sheets = Sheets(FinancingDocuments.Xlsx(model, costs, rows));

        Assert.Equal(["Løsninger", "Andeler", "Aktører"], sheets.Keys);
        Assert.Equal(100_000m, decimal.Parse(sheets["Løsninger"][1]["J"].InnerText, CultureInfo.InvariantCulture)); // 10 000 000 øre allocated = 100 000 kr
        var shares = sheets["Andeler"].Skip(1).Where(r => r["B"].InnerText == "Kjernejournal").ToList();
        Assert.Equal(["60", "40"], shares.Select(r => r["D"].InnerText));
        var actors = sheets["Aktører"];
        Assert.Equal(rows.Count + 1, actors.Count);
        Assert.Equal(10_000_000, actors.Skip(1).Sum(r => long.Parse(r["K"].InnerText, CultureInfo.InvariantCulture)));
        Assert.Equal("Trekk i rammetilskuddet", actors.Single(r => r["C"].InnerText == "Utsira kommune")["J"].InnerText);
    }

    [Fact]
    public void Allocation_csv_is_open_data_with_codes_and_øre()
    {
        var (_, _, rows) = Year2022();
        var lines = Encoding.UTF8.GetString(FinancingDocuments.AllocationCsv(rows)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("year,solutionKey,solutionName,group,percent,key,collection,organizationId,organizationName,orgNumber,weight,totalWeight,amountOre", lines[0]);
        Assert.Equal(rows.Count + 1, lines.Length);
        Assert.Contains("2022,kjernejournal,Kjernejournal,municipalities,40,population,block-grant-deduction,301,Oslo kommune,958935420,699800,700000,3998857", lines);
        Assert.Contains("2022,kjernejournal,Kjernejournal,regional-health-authorities,60,fixed,invoice,11,Helse Nord RHF,,1,4,1500000", lines);
        Assert.Equal(10_000_000, lines.Skip(1).Sum(l => long.Parse(l.Split(',')[^1], CultureInfo.InvariantCulture)));
    }

    private static ModelComparison Comparison(params ActorChange[] actors) => new(
        new ModelSummary(5, 2023, 1, "Vedtatt 2023", false, PriceModelStatus.Adopted, null, "", true, 1),
        new ModelSummary(6, 2023, 2, "Scenario: nytte for kommunene <&> \"RHF\"", true, PriceModelStatus.Draft, 5, "", true, 1),
        [new GroupChange(PayerGroup.Municipalities, 100, 150)], actors);

    [Fact]
    public void Comparison_svg_draws_the_largest_changes_first_both_ways_and_escapes_every_text()
    {
        var svg = FinancingDocuments.ComparisonSvg(Comparison(
            new ActorChange(1, "Utsira kommune", "1151", 100_000, 130_000),
            new ActorChange(2, "Helse Sør-Øst RHF", null, 10_000_000, 7_000_000),
            new ActorChange(3, "Oslo <&> kommune", "0301", 2_000_000, 3_000_000),
            new ActorChange(4, "Uendret kommune", "9999", 50_000, 50_000),
            new ActorChange(5, "Ny aktør", null, 0, 50_000)), maxActors: 3);

        var doc = XDocument.Parse(svg); // well-formed, so every name was escaped
        var root = doc.Root!;
        Assert.Equal(Svg + "svg", root.Name);
        Assert.Matches(@"^0 0 \d+ \d+$", root.Attribute("viewBox")!.Value);
        Assert.Equal(root.Attribute("width")!.Value, root.Attribute("viewBox")!.Value.Split(' ')[2]);
        Assert.Equal("img", root.Attribute("role")!.Value);
        Assert.Contains("<&> \"RHF\"", root.Element(Svg + "title")!.Value);
        var desc = root.Element(Svg + "desc")!.Value;
        Assert.Contains("3 aktører betaler mer, 1 aktør betaler mindre og 1 aktør har uendret beløp", desc);
        Assert.Contains("Oslo <&> kommune", desc);
        Assert.Empty(doc.Descendants(Svg + "script"));
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" on", string.Concat(doc.Descendants().SelectMany(e => e.Attributes()).Select(a => " " + a.Name.LocalName)));

        // Largest absolute change first: Helse Sør-Øst (−30 000 kr), Oslo (+10 000 kr), Ny aktør (+500 kr); Utsira (+300 kr) is cut.
        var bars = doc.Descendants(Svg + "g").Where(g => g.Attribute("data-change-ore") is not null).ToList();
        Assert.Equal(["Helse Sør-Øst RHF", "Oslo <&> kommune", "Ny aktør"], bars.Select(b => b.Elements(Svg + "text").First(t => (string?)t.Attribute("class") == "name").Value));
        Assert.Equal(["less", "more", "more"], bars.Select(b => b.Attribute("class")!.Value));
        var changes = bars.Select(b => Math.Abs(long.Parse(b.Attribute("data-change-ore")!.Value, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(changes.OrderDescending(), changes);
        Assert.Equal(Flat("−30 000 kr (−30 %)"), Flat(bars[0].Elements(Svg + "text").Single(t => (string?)t.Attribute("class") == "value").Value));
        Assert.Equal(Flat("+10 000 kr (+50 %)"), Flat(bars[1].Elements(Svg + "text").Single(t => (string?)t.Attribute("class") == "value").Value));
        // Bars grow from the same zero line: the one that pays less ends where the ones that pay more start.
        var rects = bars.Select(b => b.Element(Svg + "rect")!).ToList();
        var zero = int.Parse(rects[1].Attribute("x")!.Value, CultureInfo.InvariantCulture);
        Assert.Equal(zero, int.Parse(rects[0].Attribute("x")!.Value, CultureInfo.InvariantCulture) + int.Parse(rects[0].Attribute("width")!.Value, CultureInfo.InvariantCulture));
        Assert.True(int.Parse(rects[0].Attribute("width")!.Value, CultureInfo.InvariantCulture) > int.Parse(rects[1].Attribute("width")!.Value, CultureInfo.InvariantCulture));
        Assert.Contains("Viser de 3 største av 4 endringer", svg);
    }

    [Fact]
    public void Comparison_svg_keeps_every_value_clear_of_the_names_and_inside_the_picture()
    {
        // Long labels on the longest bars both ways: at the old fixed size they ran into the names and past the right edge.
        var svg = FinancingDocuments.ComparisonSvg(Comparison(
            new ActorChange(1, "Helse Sør-Øst RHF", null, 900_000_000_00, 100_000_000_00),
            new ActorChange(2, "Oslo kommune", "0301", 100_000_000_00, 899_999_999_00),
            new ActorChange(3, "Utsira kommune", "1151", 100_000, 99_000)));
        var doc = XDocument.Parse(svg);
        var width = int.Parse(doc.Root!.Attribute("width")!.Value, CultureInfo.InvariantCulture);
        foreach (var bar in doc.Descendants(Svg + "g").Where(g => g.Attribute("data-change-ore") is not null))
        {
            var name = bar.Elements(Svg + "text").Single(t => (string?)t.Attribute("class") == "name");
            var value = bar.Elements(Svg + "text").Single(t => (string?)t.Attribute("class") == "value");
            var rect = bar.Element(Svg + "rect")!;
            int X(XElement e) => int.Parse(e.Attribute("x")!.Value, CultureInfo.InvariantCulture);
            var estimate = (int)Math.Ceiling(value.Value.Length * 6.2);
            var (left, right) = (string?)value.Attribute("text-anchor") == "end" ? (X(value) - estimate, X(value)) : (X(value), X(value) + estimate);
            Assert.True(left > X(name), $"{name.Value}: verdien starter ved {left}, navnet slutter ved {X(name)}");
            Assert.True(right <= width, $"{name.Value}: verdien slutter ved {right}, bildet er {width} bredt");
            var (barLeft, barRight) = (X(rect), X(rect) + int.Parse(rect.Attribute("width")!.Value, CultureInfo.InvariantCulture));
            Assert.True(right < barLeft || left > barRight, $"{name.Value}: verdien står oppå søylen");
        }
    }

    [Fact]
    public void Comparison_svg_without_changes_says_so()
    {
        var svg = FinancingDocuments.ComparisonSvg(Comparison(new ActorChange(1, "Oslo kommune", "0301", 100, 100)));
        var doc = XDocument.Parse(svg);
        Assert.Contains("Ingen aktører får endret beløp.", svg);
        Assert.DoesNotContain(doc.Descendants(Svg + "g"), g => g.Attribute("data-change-ore") is not null);
        Assert.Contains("1 aktør har uendret beløp", doc.Root!.Element(Svg + "desc")!.Value);
    }
}
