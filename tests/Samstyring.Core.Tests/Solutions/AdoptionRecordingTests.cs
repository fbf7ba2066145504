using System.Text;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;
using Samstyring.Core.Solutions;
using Samstyring.Core.Tests.Portfolio;

namespace Samstyring.Core.Tests.Solutions;

/// <summary>
/// Adoption coming in, one change at a time (RecordAdoptionChange) and as the operator's list (ImportAdoption): who may,
/// every error at once, all rows or none, and steps back only when confirmed. Most tests use a solution of their own that
/// has no adoption history in the demo data (all NHN-run), so they do not depend on each other.
/// </summary>
public abstract class AdoptionRecordingTests(TestDatabase db)
{
    private static AdoptionChangeInput Change(string number, string stage, string? on = null, string source = "E-post fra kommunen", bool confirm = false) =>
        new(null, number, stage, on, source, confirm);

    private Task<RecordedAdoptionChange> RecordAsync(string key, AdoptionChangeInput input, CurrentUser? user) =>
        db.SendAsync((RecordAdoptionChange uc) => uc.HandleAsync(key, input, user), user);

    private Task<AdoptionImportResult> ImportAsync(string key, byte[] file, string fileName, CurrentUser? user, string? date = null, bool confirm = false) =>
        db.SendAsync((ImportAdoption uc) => uc.HandleAsync(key, new MemoryStream(file), fileName, new AdoptionImportInput(date, confirm), user), user);

    private Task<AdoptionImportResult> ImportCsvAsync(string key, string csv, CurrentUser? user, string? date = null, bool confirm = false) =>
        ImportAsync(key, Encoding.UTF8.GetBytes(csv), "liste.csv", user, date, confirm);

    private Task<int> CountAsync() => db.QueryAsync(x => x.AdoptionChanges.CountAsync());

    private Task<AdoptionStage> StageAsync(string key, string number, DateOnly? on = null) =>
        db.SendAsync(async (SolutionQueries q) => (await q.AdoptionOnAsync(key, on)).Single(s => s.MunicipalityNumber == number).Stage);

    [Fact]
    public async Task The_operator_records_for_the_solutions_it_runs_and_nobody_else_but_the_office_may()
    {
        if (!db.Available) return;
        var before = await CountAsync();
        // Kjernejournal is run by Norsk Helsenett SF; Helsedataservice by Direktoratet for e-helse.
        var haram = await RecordAsync("kjernejournal", Change("1580", "interest", source: "Meldt inn av kommunen"), db.OperatorNhn);
        Assert.Equal(AdoptionStage.NotStarted, haram.From);
        Assert.Equal(AdoptionStage.Interest, haram.Stage);
        Assert.Equal("drift-nhn", haram.RecordedBy);
        TestHelpers.AssertToday(haram.On);
        Assert.Equal(AdoptionStage.Interest, await StageAsync("kjernejournal", "1580"));

        var refused = new[] { db.OwnerHelseSorOst, db.OwnerOslo, db.KsCoordinator, db.Member, null };
        foreach (var user in refused)
            await Assert.ThrowsAsync<ForbiddenException>(() => RecordAsync("kjernejournal", Change("0301", "in-use"), user));
        var other = await Assert.ThrowsAsync<ForbiddenException>(() => RecordAsync("helsedataservice", Change("0301", "in-use"), db.OperatorNhn));
        Assert.Contains("Helsedataservice", other.Message);
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            ImportCsvAsync("helsedataservice", "kommunenummer;status\n0301;in-use\n", db.OperatorNhn));
        // A role that may never record learns nothing about which solutions exist.
        await Assert.ThrowsAsync<ForbiddenException>(() => RecordAsync("finnes-ikke", Change("0301", "in-use"), db.Member));
        await Assert.ThrowsAsync<NotFoundException>(() => RecordAsync("finnes-ikke", Change("0301", "in-use"), db.OperatorNhn));

        var office = await RecordAsync("helsedataservice", Change("0301", "interest"), db.Office);
        Assert.Equal("kontor", office.RecordedBy);
        Assert.Equal(before + 2, await CountAsync());
    }

    [Fact]
    public async Task A_recorded_change_is_in_the_audit_log_with_the_user()
    {
        if (!db.Available) return;
        var change = await RecordAsync("helseid", Change("4601", "adopting", "2024-05-02", "Brev fra Bergen kommune"), db.OperatorNhn);
        var entry = await db.QueryAsync(x => x.AuditLog.AsNoTracking().SingleAsync(a => a.EntityType == nameof(AdoptionChange) && a.EntityId == change.Id.ToString()));
        Assert.Equal("drift-nhn", entry.UserName);
        Assert.Equal("Added", entry.Action);
        Assert.Contains("Brev fra Bergen kommune", entry.After);
    }

    [Fact]
    public async Task Every_problem_is_reported_at_once_in_Norwegian_and_nothing_is_saved()
    {
        if (!db.Available) return;
        var before = await CountAsync();
        var errors = await TestHelpers.AssertInvalidAsync(() => RecordAsync("e-resept",
            new AdoptionChangeInput(null, "9999", "ferdig", "2099-01-01", ""), db.Office), "municipality", "stage", "date", "source");
        Assert.Contains("9999", errors["municipality"].Single());
        Assert.Contains("etter i dag", errors["date"].Single());
        Assert.Contains("Gyldige verdier", errors["stage"].Single());

        await TestHelpers.AssertInvalidAsync(() => RecordAsync("e-resept", Change("0301", "in-use", "1999-12-31"), db.Office), "date");
        await TestHelpers.AssertInvalidAsync(() => RecordAsync("e-resept", Change("0301", "in-use", "2021-02-30"), db.Office), "date");
        await TestHelpers.AssertInvalidAsync(() => RecordAsync("e-resept", Change("0301", "in-use", source: "kilde\0med NUL"), db.Office), "source");
        await TestHelpers.AssertInvalidAsync(() => RecordAsync("e-resept", Change("0301", "in-use", source: new string('x', 100_000)), db.Office), "source");
        await TestHelpers.AssertInvalidAsync(() => RecordAsync("e-resept", Change("0301", "in-use", source: "snu\u202Eteksten"), db.Office), "source");
        await TestHelpers.AssertInvalidAsync(() => RecordAsync("e-resept", Change("03x1", "in-use"), db.Office), "municipality");
        await TestHelpers.AssertInvalidAsync(() => RecordAsync("e-resept", new AdoptionChangeInput(null, null, "in-use", null, "Kilde"), db.Office), "municipality");
        // Oslo's id with Bergen's number.
        var oslo = await db.OrganizationIdAsync("kommune:0301");
        await TestHelpers.AssertInvalidAsync(() => RecordAsync("e-resept", new AdoptionChangeInput(oslo, "4601", "in-use", null, "Kilde"), db.Office), "municipality");
        // Haram became a municipality again on 1 January 2024.
        var haram = await TestHelpers.AssertInvalidAsync(() => RecordAsync("e-resept", Change("1580", "in-use", "2023-06-01"), db.Office), "municipality");
        Assert.Contains("fantes ikke", haram["municipality"].Single());
        Assert.Equal(before, await CountAsync());

        // By id and by label, three digits padded.
        var byId = await RecordAsync("e-resept", new AdoptionChangeInput(oslo, null, "Meldt inn ønske", "01.03.2024", "Kilde"), db.Office);
        Assert.Equal(new DateOnly(2024, 3, 1), byId.On);
        Assert.Equal(AdoptionStage.Interest, byId.Stage);
        var padded = await RecordAsync("e-resept", Change("301", "adopting", "2024-04-01"), db.Office);
        Assert.Equal("0301", padded.MunicipalityNumber);
    }

    [Fact]
    public async Task The_same_stage_is_refused_and_a_step_back_needs_confirmation()
    {
        if (!db.Available) return;
        const string key = "helsenorge";
        await RecordAsync(key, Change("5001", "technically-ready", "2024-01-10"), db.OperatorNhn);
        var same = await TestHelpers.AssertInvalidAsync(() => RecordAsync(key, Change("5001", "Teknisk klar", "2024-02-01"), db.OperatorNhn), "stage");
        Assert.Contains("allerede", same["stage"].Single());

        var before = await CountAsync();
        var back = await Assert.ThrowsAsync<AdoptionBackwardsException>(() => RecordAsync(key, Change("5001", "interest", "2024-02-01"), db.OperatorNhn));
        Assert.Equal((AdoptionStage.TechnicallyReady, AdoptionStage.Interest), (back.Move.From, back.Move.To));
        Assert.Equal("stage", AdoptionBackwardsException.Field);
        Assert.Contains("Trondheim", back.Message);
        Assert.Equal(before, await CountAsync());

        // Before the first change the municipality had not started, so the same stage earlier is a step forward.
        await RecordAsync(key, Change("5001", "interest", "2023-12-01"), db.OperatorNhn);
        var confirmed = await RecordAsync(key, Change("5001", "interest", "2024-02-01", confirm: true), db.OperatorNhn);
        Assert.Equal(AdoptionStage.TechnicallyReady, confirmed.From);
        Assert.Equal(AdoptionStage.Interest, await StageAsync(key, "5001"));
        Assert.Equal(AdoptionStage.TechnicallyReady, await StageAsync(key, "5001", new DateOnly(2024, 1, 31)));
    }

    [Fact]
    public async Task An_import_saves_every_row_or_none_and_names_each_bad_row()
    {
        if (!db.Available) return;
        const string key = "pasientens-legemiddelliste";
        var before = await CountAsync();
        var failed = await Assert.ThrowsAsync<ImportFailedException>(() => ImportCsvAsync(key,
            "kommunenummer;kommunenavn;status;dato;kilde\n" +
            "0301;Oslo;in-use;2024-03-01;\n" +
            "9999;Finnes ikke;in-use;;\n" +
            "4601;Bergen;ferdig;;\n" +
            "5001;Trondheim;adopting;31.02.2024;\n" +
            "0301;Oslo igjen;interest;;\n" +
            "1103;Stavanger;interest;;kilde\u0001\n", db.OperatorNhn));
        Assert.Equal(before, await CountAsync());
        var rows = failed.Errors.ToDictionary(e => e.Row);
        Assert.Equal([3, 4, 5, 6, 7], rows.Keys.Order());
        Assert.Contains("9999", rows[3].Message);
        Assert.Equal("kommunenummer", rows[3].Field);
        Assert.Equal("status", rows[4].Field);
        Assert.Equal("dato", rows[5].Field);
        Assert.Contains("rad 2", rows[6].Message);
        Assert.Equal("kilde", rows[7].Field);
        Assert.StartsWith("Rad 3, kommunenummer: ", rows[3].ToString());

        var ok = await ImportCsvAsync(key,
            "Kommunenummer,Status,Dato\n301,Tatt i bruk,2024-03-01\n4204,adopting,\n5001,interest,01.06.2024\n", db.OperatorNhn, date: "2024-05-01");
        Assert.Equal((false, 3, 0, 0), (ok.NeedsConfirmation, ok.Changed, ok.Unchanged, ok.Backwards));
        Assert.Equal(before + 3, await CountAsync());
        // Bergen has tried out the list since 2020 (demo data); Kristiansand takes the date given for the whole list.
        var kristiansand = await db.QueryAsync(x => x.AdoptionChanges.AsNoTracking().Where(c => c.Organization.MunicipalityNumber == "4204" && c.Solution.Key == key).SingleAsync());
        Assert.Equal((new DateOnly(2024, 5, 1), "Opplastet liste: liste.csv", "drift-nhn"), (kristiansand.On, kristiansand.Source, kristiansand.RecordedBy));

        // The same list again changes nothing.
        var again = await ImportCsvAsync(key, "kommunenummer;status;dato\n0301;in-use;2024-03-01\n4204;adopting;2024-05-01\n", db.OperatorNhn);
        Assert.Equal((0, 2), (again.Changed, again.Unchanged));
        Assert.Equal(before + 3, await CountAsync());
    }

    [Fact]
    public async Task An_import_that_moves_back_waits_for_confirmation()
    {
        if (!db.Available) return;
        const string key = "dokumentdeling";
        await ImportCsvAsync(key, "kommunenummer;status;dato\n1103;in-use;2024-01-01\n3201;adopting;2024-01-01\n", db.Office);
        var before = await CountAsync();
        var list = "kommunenummer;status;dato\n1103;interest;2024-06-01\n3201;technically-ready;2024-06-01\n4204;interest;2024-06-01\n";
        var asked = await ImportCsvAsync(key, list, db.OperatorNhn);
        Assert.True(asked.NeedsConfirmation);
        Assert.Equal((3, 1), (asked.Changed, asked.Backwards));
        var move = Assert.Single(asked.BackwardsMoves);
        Assert.Equal(("1103", AdoptionStage.InUse, AdoptionStage.Interest, 2), (move.MunicipalityNumber, move.From, move.To, move.Row));
        Assert.Equal(before, await CountAsync());

        var saved = await ImportCsvAsync(key, list, db.OperatorNhn, confirm: true);
        Assert.True(saved.Saved);
        Assert.Equal(before + 3, await CountAsync());
        Assert.Equal(AdoptionStage.Interest, await StageAsync(key, "1103"));
    }

    [Fact]
    public async Task Bad_files_are_refused_with_a_Norwegian_message()
    {
        if (!db.Available) return;
        const string key = "kritisk-informasjon";
        var before = await CountAsync();
        async Task<string> Refused(byte[] file, string name, string? date = null) =>
            string.Join(" ", (await Assert.ThrowsAsync<ImportFailedException>(() => ImportAsync(key, file, name, db.Office, date))).Errors.Select(e => e.Message));

        Assert.Contains("tom", await Refused([], "liste.csv"));
        Assert.Contains("ingen kommuner", await Refused("kommunenummer;status\n"u8.ToArray(), "liste.csv"));
        Assert.Contains("status", await Refused("kommunenummer;fylke\n0301;Oslo\n"u8.ToArray(), "liste.csv"));
        Assert.Contains("ikke en Excel-fil", await Refused("kommunenummer;status\n0301;in-use\n"u8.ToArray(), "liste.xlsx"));
        Assert.Contains("binærdata", await Refused([0, 1, 2, 3, 0, 0], "liste.csv"));
        Assert.Contains("kolonner", await Refused(HostileFiles.CsvWithColumns(1_000_000), "liste.csv"));
        Assert.Contains("for stor", await Refused(new byte[ImportLimits.MaxBytes + 1], "liste.csv"));
        await Assert.ThrowsAsync<ValidationFailedException>(() => ImportAsync(key, "kommunenummer;status\n0301;in-use\n"u8.ToArray(), "liste.csv", db.Office, "2999-01-01"));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task An_xlsx_list_with_number_cells_and_date_cells_is_read()
    {
        if (!db.Available) return;
        const string key = "forskrivningsmodulen";
        // Excel keeps 0301 as the number 301 and a date as its serial number (45383 is 2024-04-01).
        var xlsx = HostileFiles.Xlsx(w => w.Write(
            """<row r="1"><c r="A1" t="inlineStr"><is><t>Kommunenummer</t></is></c><c r="B1" t="inlineStr"><is><t>Status</t></is></c><c r="C1" t="inlineStr"><is><t>Dato</t></is></c></row>"""
            + """<row r="2"><c r="A2"><v>301</v></c><c r="B2" t="inlineStr"><is><t>Tatt i bruk</t></is></c><c r="C2"><v>45383</v></c></row>"""
            + """<row r="5"><c r="A5"><v>4601</v></c><c r="B5" t="inlineStr"><is><t>ferdig</t></is></c></row>"""));
        var failed = await Assert.ThrowsAsync<ImportFailedException>(() => ImportAsync(key, xlsx, "liste.xlsx", db.OperatorNhn));
        Assert.Equal(5, Assert.Single(failed.Errors).Row);

        var good = HostileFiles.Xlsx(w => w.Write(
            """<row r="1"><c r="A1" t="inlineStr"><is><t>kommunenummer</t></is></c><c r="B1" t="inlineStr"><is><t>status</t></is></c><c r="C1" t="inlineStr"><is><t>dato</t></is></c></row>"""
            + """<row r="2"><c r="A2"><v>301</v></c><c r="B2" t="inlineStr"><is><t>Tatt i bruk</t></is></c><c r="C2"><v>45383</v></c></row>"""));
        var result = await ImportAsync(key, good, "liste.xlsx", db.OperatorNhn);
        Assert.Equal(1, result.Changed);
        Assert.Equal(AdoptionStage.InUse, await StageAsync(key, "0301", new DateOnly(2024, 4, 1)));
        Assert.Equal(AdoptionStage.NotStarted, await StageAsync(key, "0301", new DateOnly(2024, 3, 31)));
    }
}

public sealed class AdoptionRecordingTestsSqlite(SqliteDatabase db) : AdoptionRecordingTests(db), IClassFixture<SqliteDatabase>;

public sealed class AdoptionRecordingTestsPostgres(PostgresDatabase db) : AdoptionRecordingTests(db), IClassFixture<PostgresDatabase>;
