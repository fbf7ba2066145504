using System.Text;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Financing;
using Samstyring.Core.Portfolio;
using Samstyring.Core.Tests.Financing;
using Samstyring.Core.Tests.Portfolio;

namespace Samstyring.Core.Tests.Actors;

/// <summary>
/// The office imports every municipality's population on a reference date from SSB's CSV or XLSX. All or nothing; a date
/// that has figures is replaced only when asked. Each test works on a date of its own, so the class shares one database.
/// </summary>
public abstract class ImportPopulationFiguresTests(TestDatabase database)
{
    private readonly TestDatabase db = database;

    /// <summary>Every municipality that existed on the date with a made-up figure: (number, name, population).</summary>
    private Task<List<(string Number, string Name, int Population)>> MunicipalitiesAsync(DateOnly on) => db.QueryAsync(async x =>
        (await x.Organizations.AsNoTracking().Where(o => o.Type == OrganizationType.Kommune).ToListAsync())
        .Where(o => o.ExistedOn(on)).OrderBy(o => o.MunicipalityNumber, StringComparer.Ordinal)
        .Select(o => (o.MunicipalityNumber!, o.Name, 1_000 + o.Id * 7)).ToList());

    private static byte[] Csv(string header, IEnumerable<string> lines, bool bom = true) =>
        [.. (bom ? Encoding.UTF8.GetPreamble() : []), .. Encoding.UTF8.GetBytes(header + "\r\n" + string.Join("\r\n", lines) + "\r\n")];

    private Task<PopulationImportResult> ImportAsync(byte[] file, string name, string on, CurrentUser? user = null, bool replace = false, string? source = null) =>
        db.SendAsync((ImportPopulationFigures u) => u.HandleAsync(new MemoryStream(file), name, new PopulationImportInput(on, source, replace), user ?? db.Office, default),
            user ?? db.Office);

    private Task<Dictionary<string, PopulationFigure>> FiguresAsync(DateOnly on) => db.QueryAsync(x =>
        x.PopulationFigures.AsNoTracking().Include(p => p.Organization).Where(p => p.On == on).ToDictionaryAsync(p => p.Organization.MunicipalityNumber!));

    private Task<int> AuditCountAsync() => db.QueryAsync(x => x.AuditLog.CountAsync());

    [Fact]
    public async Task A_whole_file_from_SSB_saves_every_municipalitys_figure_with_its_source_and_an_audit_trail()
    {
        if (!db.Available) return;
        var on = new DateOnly(2025, 10, 1);
        var rows = await MunicipalitiesAsync(on);
        Assert.Equal(357, rows.Count);
        // Spaces between thousands as SSB and Excel write them: a plain, a non-breaking and a narrow no-break space.
        var spaces = new[] { " ", "\u00A0", "\u202F" };
        var file = Csv("Kommunenummer;Kommunenavn;Folketall",
            rows.Select((r, i) => $"{r.Number};{r.Name};{(r.Population / 1000).ToString()}{spaces[i % 3]}{r.Population % 1000:000}"));
        var audit = await AuditCountAsync();

        var result = await ImportAsync(file, "07459.csv", "01.10.2025", source: "  SSB, tabell 07459, 1. oktober 2025 ");

        Assert.Equal((on, 357, rows.Sum(r => (long)r.Population), 0, "SSB, tabell 07459, 1. oktober 2025"),
            (result.On, result.Count, result.Total, result.Replaced, result.Source));
        var saved = await FiguresAsync(on);
        Assert.Equal(357, saved.Count);
        Assert.All(rows, r => Assert.Equal(r.Population, saved[r.Number].Population));
        Assert.All(saved.Values, f => Assert.Equal(("SSB, tabell 07459, 1. oktober 2025", false), (f.Source, f.IsDemo)));
        var entries = await db.QueryAsync(x => x.AuditLog.Where(a => a.EntityType == nameof(PopulationFigure)).OrderByDescending(a => a.Id).Take(357).ToListAsync());
        Assert.All(entries, a => Assert.Equal(("Added", "kontor"), (a.Action, a.UserName)));
        Assert.Equal(audit + 357, await AuditCountAsync());

        var dates = await db.SendAsync((OrganizationQueries q) => q.PopulationDatesAsync());
        var listed = Assert.Single(dates, d => d.On == on);
        Assert.Equal((357, 357, 0, result.Total, false), (listed.Count, listed.Municipalities, listed.Missing, listed.Total, listed.IsDemo));
        Assert.Equal(["SSB, tabell 07459, 1. oktober 2025"], listed.Sources);
    }

    [Fact]
    public async Task SSBs_own_export_with_a_title_line_a_region_column_and_commas_is_read()
    {
        if (!db.Available) return;
        var on = new DateOnly(2025, 11, 1);
        var rows = await MunicipalitiesAsync(on);
        var file = Csv("\"07459: Befolkning, etter region og år\"\n\n\"region\",\"Personer 2025\"",
            rows.Select(r => $"\"K-{r.Number} {r.Name}\",{r.Population}"), bom: false);

        var result = await ImportAsync(file, "ssb.csv", "2025-11-01");

        Assert.Equal(357, result.Count);
        Assert.Equal("Importert fra ssb.csv", result.Source);
        Assert.Equal(rows.Single(r => r.Number == "0301").Population, (await FiguresAsync(on))["0301"].Population);
    }

    [Fact]
    public async Task An_xlsx_with_number_cells_is_read()
    {
        if (!db.Available) return;
        var on = new DateOnly(2025, 12, 1);
        var rows = await MunicipalitiesAsync(on);
        // Excel keeps 0301 as the number 301.
        var xlsx = HostileFiles.Xlsx(w =>
        {
            w.Write("""<row r="1"><c r="A1" t="inlineStr"><is><t>kommunenummer</t></is></c><c r="B1" t="inlineStr"><is><t>folketall</t></is></c></row>""");
            var r = 1;
            foreach (var m in rows)
                w.Write($"""<row r="{++r}"><c r="A{r}"><v>{int.Parse(m.Number)}</v></c><c r="B{r}"><v>{m.Population}</v></c></row>""");
        });

        var result = await ImportAsync(xlsx, "folketall.xlsx", "2025-12-01");

        Assert.Equal(357, result.Count);
        Assert.Equal(rows.Single(r => r.Number == "0301").Population, (await FiguresAsync(on))["0301"].Population);
    }

    [Fact]
    public async Task Every_bad_row_is_reported_with_its_line_in_Norwegian_and_nothing_is_saved()
    {
        if (!db.Available) return;
        var on = new DateOnly(2025, 9, 1);
        var rows = await MunicipalitiesAsync(on);
        var lines = rows.Where(r => r.Number != "1151").Select(r => $"{r.Number};{r.Population}").ToList();
        lines[1] = "9999;1000";         // line 3: no such municipality
        lines[2] = "0301;5000";         // line 4: Oslo again (line 2)
        lines[3] = $"{rows[3].Number};mange";
        lines[4] = $"{rows[4].Number};-5";
        lines[5] = $"{rows[5].Number};12,5";
        lines[6] = $"{rows[6].Number};";
        lines[7] = $"{rows[7].Number};0";
        lines[8] = $"{rows[8].Number};20000000";
        var before = await AuditCountAsync();

        var failed = await Assert.ThrowsAsync<ImportFailedException>(() => ImportAsync(Csv("kommunenummer;folketall", lines), "feil.csv", "2025-09-01"));

        var byRow = failed.Errors.Where(e => e.Row > 0).ToDictionary(e => e.Row, e => $"{e.ColumnName}: {e.Message}");
        Assert.Equal("kommunenummer: Fant ingen kommune med kommunenummer 9999.", byRow[3]);
        Assert.Equal("kommunenummer: Oslo kommune (0301) står også på rad 2. Hver kommune kan stå én gang i filen.", byRow[4]);
        Assert.Equal("folketall: Folketall må være et helt tall, ikke «mange».", byRow[5]);
        Assert.Equal("folketall: Folketall kan ikke være negativt (er \u22125).", byRow[6]);
        Assert.Equal("folketall: Folketall må være et helt tall, ikke «12,5».", byRow[7]);
        Assert.Equal("folketall: Folketall må fylles ut.", byRow[8]);
        Assert.Equal("folketall: Folketall må være større enn 0.", byRow[9]);
        Assert.StartsWith("folketall: Folketall kan ikke være over 10", byRow[10]);
        Assert.Equal(8, byRow.Count);
        // Utsira is left out, and the rows replaced above took two more municipalities out of the file.
        var missing = Assert.Single(failed.Errors, e => e.Row == 0);
        Assert.StartsWith("3 kommuner som fantes per 1. september 2025, mangler i filen: ", missing.Message);
        Assert.Contains("Utsira kommune (1151)", missing.Message);
        Assert.Contains("ellers får de ingen andel", missing.Message);

        Assert.Empty(await FiguresAsync(on));
        Assert.Equal(before, await AuditCountAsync());
    }

    [Fact]
    public async Task A_municipality_that_did_not_exist_on_the_date_is_refused_and_need_not_be_there()
    {
        if (!db.Available) return;
        // Haram was part of Ålesund until 1 January 2024.
        var on = new DateOnly(2023, 7, 1);
        var rows = await MunicipalitiesAsync(on);
        Assert.DoesNotContain(rows, r => r.Number == "1580");
        var withHaram = Csv("kommunenummer;folketall", rows.Select(r => $"{r.Number};{r.Population}").Append("1580;9000"));

        var failed = await Assert.ThrowsAsync<ImportFailedException>(() => ImportAsync(withHaram, "f.csv", "2023-07-01"));
        Assert.Equal("Haram kommune (1580) fantes ikke per 1. juli 2023; kommunen ble opprettet 1. januar 2024.", Assert.Single(failed.Errors).Message);
        Assert.Equal(358, Assert.Single(failed.Errors).Row);

        var result = await ImportAsync(Csv("kommunenummer;folketall", rows.Select(r => $"{r.Number};{r.Population}")), "f.csv", "2023-07-01");
        Assert.Equal(356, result.Count);
    }

    [Fact]
    public async Task The_date_must_be_given_and_not_in_the_future_and_the_file_must_have_both_columns()
    {
        if (!db.Available) return;
        var file = Csv("kommunenummer;folketall", ["0301;1000"]);
        var before = await AuditCountAsync();
        var future = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2).ToString("yyyy-MM-dd");
        var errors = await TestHelpers.AssertInvalidAsync(() => ImportAsync(file, "f.csv", future), "on");
        Assert.Contains("er fram i tid", errors["on"][0]);
        await TestHelpers.AssertInvalidAsync(() => ImportAsync(file, "f.csv", ""), "on");
        await TestHelpers.AssertInvalidAsync(() => ImportAsync(file, "f.csv", "1. januar"), "on");
        await TestHelpers.AssertInvalidAsync(() => ImportAsync(file, "f.csv", "2025-08-01", source: new string('x', PopulationFigure.SourceMax + 1)), "source");

        var header = await Assert.ThrowsAsync<ImportFailedException>(() => ImportAsync(Csv("kommunenummer;antall", ["0301;1000"]), "f.csv", "2025-08-01"));
        Assert.Equal(["Ukjent kolonne «antall». Gyldige kolonner: kommunenummer, folketall, kommunenavn.", "Kolonnen «folketall» mangler i overskriftsraden."],
            header.Errors.Select(e => e.Message));
        Assert.Contains("tom", (await Assert.ThrowsAsync<ImportFailedException>(() => ImportAsync([], "f.csv", "2025-08-01"))).Message);
        Assert.Contains("for stor", (await Assert.ThrowsAsync<ImportFailedException>(() => ImportAsync(new byte[ImportLimits.MaxBytes + 1], "f.csv", "2025-08-01"))).Message);
        var tooMany = Csv("kommunenummer;folketall", Enumerable.Range(0, ImportPopulationFigures.MaxRows + 1).Select(_ => "0301;1"));
        Assert.Contains("Høyst 1\u00A0000 kommuner", (await Assert.ThrowsAsync<ImportFailedException>(() => ImportAsync(tooMany, "f.csv", "2025-08-01"))).Message);

        Assert.Empty(await FiguresAsync(new DateOnly(2025, 8, 1)));
        Assert.Equal(before, await AuditCountAsync());
    }

    [Fact]
    public async Task Only_the_office_may_import()
    {
        if (!db.Available) return;
        var file = Csv("kommunenummer;folketall", ["0301;1000"]);
        foreach (var user in new[] { db.Member, db.OwnerOslo, db.OperatorNhn, await db.TbuAsync() })
            await Assert.ThrowsAsync<ForbiddenException>(() => ImportAsync(file, "f.csv", "2025-08-02", user));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            db.SendAsync((ImportPopulationFigures u) => u.HandleAsync(new MemoryStream(file), "f.csv", new PopulationImportInput("2025-08-02"), null)));
    }

    [Fact]
    public async Task A_date_that_has_figures_is_replaced_only_when_asked_and_the_audit_shows_old_and_new()
    {
        if (!db.Available) return;
        // The demo data has (demo) figures per 1 January 2024.
        var on = new DateOnly(2024, 1, 1);
        var demo = await FiguresAsync(on);
        Assert.Equal(357, demo.Count);
        Assert.All(demo.Values, f => Assert.True(f.IsDemo));
        var rows = await MunicipalitiesAsync(on);
        var file = Csv("kommunenummer;folketall", rows.Select(r => $"{r.Number};{r.Population}"));
        var audit = await AuditCountAsync();

        var refused = await TestHelpers.AssertInvalidAsync(() => ImportAsync(file, "f.csv", "2024-01-01"), "replace");
        Assert.Equal("Det finnes allerede folketall per 1. januar 2024 for 357 kommuner. Velg å erstatte dem for å lagre de nye tallene; ingenting er lagret.",
            Assert.Single(refused["replace"]));
        Assert.Equal(demo["0301"].Population, (await FiguresAsync(on))["0301"].Population);
        Assert.Equal(audit, await AuditCountAsync());

        var result = await ImportAsync(file, "f.csv", "2024-01-01", replace: true, source: "SSB, folketall 1. januar 2024");

        Assert.Equal((357, 357), (result.Count, result.Replaced));
        var saved = await FiguresAsync(on);
        Assert.All(rows, r => Assert.Equal(r.Population, saved[r.Number].Population));
        Assert.All(saved.Values, f => Assert.Equal(("SSB, folketall 1. januar 2024", false), (f.Source, f.IsDemo)));
        // Updated in place: the same rows, each with its old and new figure in the audit trail.
        Assert.Equal(demo["0301"].Id, saved["0301"].Id);
        var oslo = await db.QueryAsync(x => x.AuditLog.SingleAsync(a => a.EntityType == nameof(PopulationFigure) && a.EntityId == saved["0301"].Id.ToString() && a.Action == "Modified"));
        Assert.Equal("kontor", oslo.UserName);
        Assert.Contains(demo["0301"].Population.ToString(), oslo.Before);
        Assert.Contains(saved["0301"].Population.ToString(), oslo.After);
    }

    [Fact]
    public async Task A_price_model_whose_population_date_had_no_figures_computes_once_they_are_imported()
    {
        if (!db.Available) return;
        // The adopted 2022 model keys on 1 January 2021; its copy for 2027 keys on 1 January 2026, which has no figures yet.
        var adopted = await db.QueryAsync(x => x.PriceModels.Where(m => m.Year == 2022 && m.Status == PriceModelStatus.Adopted).Select(m => m.Id).SingleAsync());
        var copy = await db.SendAsync((CreatePriceModel u) => u.HandleAsync(new CreatePriceModelInput(adopted, 2027, null, false, null), db.Office), db.Office);
        var before = await db.SendAsync((FinancingQueries q) => q.CalculateAsync(copy.Id, db.Office));
        Assert.Contains(before.Allocation.Problems, p => p.StartsWith("Det finnes ingen folketall per 1. januar 2026", StringComparison.Ordinal));

        var rows = await MunicipalitiesAsync(new DateOnly(2026, 1, 1));
        await ImportAsync(Csv("kommunenummer;folketall", rows.Select(r => $"{r.Number};{r.Population}")), "2026.csv", "2026-01-01");

        var after = await db.SendAsync((FinancingQueries q) => q.CalculateAsync(copy.Id, db.Office));
        Assert.DoesNotContain(after.Allocation.Problems, p => p.Contains("folketall", StringComparison.OrdinalIgnoreCase));
        var municipalities = after.Allocation.Solutions.SelectMany(s => s.Groups).Where(g => g.Group == PayerGroup.Municipalities).ToList();
        Assert.NotEmpty(municipalities);
        Assert.All(municipalities, g => Assert.Equal(357, g.Actors.Count));
    }
}

public sealed class ImportPopulationFiguresTestsSqlite(SqliteDatabase db) : ImportPopulationFiguresTests(db), IClassFixture<SqliteDatabase>;

public sealed class ImportPopulationFiguresTestsPostgres(PostgresDatabase db) : ImportPopulationFiguresTests(db), IClassFixture<PostgresDatabase>;
