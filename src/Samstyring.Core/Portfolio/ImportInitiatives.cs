using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Portfolio;

/// <summary>
/// One problem in an import file. <see cref="Row"/> is the row number the user sees in the
/// spreadsheet (the header is row 1); 0 means the file as a whole. Field is the column's code.
/// </summary>
public sealed record ImportError(int Row, string Field, string Message)
{
    public override string ToString() => Row == 0 ? Message : $"Rad {Row}, {ColumnName}: {Message}";

    /// <summary>The column as the template names it ("eier"), for messages.</summary>
    public string ColumnName => ImportFile.Columns.FirstOrDefault(c => c.Field == Field).Norwegian ?? (Field == "header" ? "overskrift" : Field);
}

/// <summary>The import was refused; nothing was saved. Carries every problem found, not just the first.</summary>
public sealed class ImportFailedException(IReadOnlyList<ImportError> errors)
    : Exception("Importen ble avbrutt, ingenting er lagret: " + string.Join(" ", errors.Take(5)) + (errors.Count > 5 ? $" (og {errors.Count - 5} feil til)" : ""))
{
    public IReadOnlyList<ImportError> Errors { get; } = errors;

    public static ImportFailedException File(string message) => new([new ImportError(0, "file", message)]);
}

public sealed record ImportResult(int Count, IReadOnlyList<int> InitiativeIds);

/// <summary>
/// The office imports existing initiatives from a CSV or XLSX file (one row per initiative, header
/// row first; Norwegian or English column names). All rows or none: every row is checked first,
/// and if any has a problem nothing is saved and <see cref="ImportFailedException"/> lists them all.
/// Rows with lifecycle active, paused or completed come in as included in the portfolio (active and
/// paused then need a segment); the rest come in as proposed candidates.
/// </summary>
[UseCase]
public sealed class ImportInitiatives(SamstyringDb db)
{
    public async Task<ImportResult> HandleAsync(Stream content, string fileName, CurrentUser? user, CancellationToken ct = default)
    {
        PortfolioAccess.RequireOffice(user);
        var bytes = await ImportFile.ReadLimitedAsync(content, ct);
        var table = ImportFile.Read(bytes, fileName);
        var rows = await ValidateAsync(table, ct);

        var now = db.UtcNow;
        var today = db.Today;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = new List<Initiative>();
        foreach (var r in rows)
        {
            var included = r.Lifecycle is Lifecycle.Active or Lifecycle.Paused or Lifecycle.Completed;
            var i = new Initiative
            {
                Name = r.Name, Description = r.Description, OwnerId = r.Owner.Id, Kind = r.Kind, Lifecycle = r.Lifecycle,
                Phase = r.Phase, Segment = r.Segment, PlannedStart = r.PlannedStart, PlannedEnd = r.PlannedEnd,
                ContactPerson = r.ContactPerson,
                Submission = included ? SubmissionState.Included : SubmissionState.Proposed,
                IncludedOn = included ? today : null,
                CompletedOn = r.Lifecycle == Lifecycle.Completed ? r.PlannedEnd ?? today : null,
                CreatedAt = now, UpdatedAt = now,
            };
            i.SubmissionSteps.Add(new SubmissionStep
            {
                Action = SubmissionAction.Proposed, Comment = $"Importert fra {Path.GetFileName(fileName)}, rad {r.Row}.",
                ByUser = user!.UserName, ByName = user.DisplayName, At = now,
            });
            if (included)
                i.SubmissionSteps.Add(new SubmissionStep
                {
                    Action = SubmissionAction.Included, Comment = "Var i porteføljen før import.",
                    ByUser = user.UserName, ByName = user.DisplayName, At = now,
                });
            created.Add(i);
        }
        db.Initiatives.AddRange(created);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ImportResult(created.Count, created.Select(i => i.Id).ToList());
    }

    private sealed record ValidRow(
        int Row, string Name, string Description, Organization Owner, InitiativeKind Kind, Lifecycle Lifecycle, Phase Phase,
        Segment? Segment, DateOnly? PlannedStart, DateOnly? PlannedEnd, string? ContactPerson);

    private async Task<List<ValidRow>> ValidateAsync(ImportTable table, CancellationToken ct)
    {
        var errors = new List<ImportError>();
        var orgs = await db.Organizations.AsNoTracking().ToListAsync(ct);
        var byKey = orgs.ToDictionary(o => o.Key, StringComparer.OrdinalIgnoreCase);
        var byName = orgs.GroupBy(o => o.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
        var byOrgNumber = orgs.Where(o => o.OrgNumber is not null).GroupBy(o => o.OrgNumber!).ToDictionary(g => g.Key, g => g.ToList());
        var existing = (await db.Initiatives.AsNoTracking().Select(i => new { i.OwnerId, i.Name }).ToListAsync(ct))
            .Select(i => (i.OwnerId, i.Name.Trim().ToLowerInvariant())).ToHashSet();
        var seen = new Dictionary<(int, string), int>();
        var valid = new List<ValidRow>();

        foreach (var row in table.Rows)
        {
            var before = errors.Count;
            void Error(string field, string message) => errors.Add(new ImportError(row.Number, field, message));
            string? Get(string field) => row.Values.TryGetValue(field, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

            // Names are compared as the database keeps them: NFC (see UnicodeText).
            var name = UnicodeText.Normal(Get("name"));
            if (name is null) Error("name", "Navn må fylles ut.");
            else if (name.Length > Initiative.NameMax) Error("name", $"Navn kan ikke være lengre enn {Initiative.NameMax} tegn (er {name.Length}).");
            else if (UnicodeText.FirstInvisible(name) is { } invisible)
                Error("name", $"Navn inneholder et usynlig tegn eller retningstegn ({UnicodeText.CodePoint(invisible)}). Skriv navnet uten det.");
            var description = Get("description") ?? "";
            if (description.Length > Initiative.TextMax) Error("description", $"Beskrivelse kan ikke være lengre enn {Initiative.TextMax} tegn (er {description.Length}).");
            var contact = Get("contactPerson");
            if (contact is { Length: > 200 }) Error("contactPerson", $"Kontaktperson kan ikke være lengre enn 200 tegn (er {contact.Length}).");
            foreach (var (field, value) in row.Values)
                if (value is not null && value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
                    Error(field, "Feltet inneholder ugyldige kontrolltegn.");
                else if (field != "name" && value is not null && UnicodeText.FirstBidiControl(value) is { } bidi)
                    Error(field, $"Feltet inneholder et tegn som snur skriveretningen ({UnicodeText.CodePoint(bidi)}).");

            Organization? owner = null;
            var ownerText = Get("owner");
            if (ownerText is null) Error("owner", "Eier må fylles ut (nøkkel som «helse-sor-ost», navn eller organisasjonsnummer).");
            else if (byKey.TryGetValue(ownerText, out var k)) owner = k;
            else if (byName.TryGetValue(ownerText, out var named))
            {
                if (named.Count == 1) owner = named[0];
                else Error("owner", $"Flere aktører heter «{Short(ownerText)}». Bruk nøkkelen ({string.Join(", ", named.Select(o => o.Key))}).");
            }
            else if (ownerText.Replace(" ", "") is { Length: 9 } digits && digits.All(char.IsAsciiDigit) && byOrgNumber.TryGetValue(digits, out var numbered))
            {
                if (numbered.Count == 1) owner = numbered[0];
                else Error("owner", $"Flere aktører har organisasjonsnummer {digits}. Bruk nøkkelen.");
            }
            else Error("owner", $"Fant ingen aktør med nøkkel, navn eller organisasjonsnummer «{Short(ownerText)}».");

            var kind = ParseEnum<InitiativeKind>(row, "kind", "Type tiltak", Get("kind"), null, Error);
            var lifecycle = ParseEnum<Lifecycle>(row, "lifecycle", "Livsløp", Get("lifecycle"), Lifecycle.Candidate, Error);
            var phase = ParseEnum<Phase>(row, "phase", "Fase", Get("phase"), Phase.Ide, Error);
            var segmentText = Get("segment");
            Segment? segment = segmentText is null ? null : ParseEnum<Segment>(row, "segment", "Segment", segmentText, null, Error);
            if (lifecycle == Lifecycle.Left)
                Error("lifecycle", "Tiltak som har gått ut av porteføljen kan ikke importeres (begrunnelse og dato mangler). Registrer dem i løsningen.");
            if (lifecycle is Lifecycle.Active or Lifecycle.Paused && segmentText is null)
                Error("segment", "Et aktivt tiltak (eller tiltak på pause) må ha et segment: samstyring, koordinering eller observasjon.");

            var start = ParseDate(Get("plannedStart"), "plannedStart", "Planlagt start", Error);
            var end = ParseDate(Get("plannedEnd"), "plannedEnd", "Planlagt slutt", Error);
            if (start is { } s && end is { } e && e < s) Error("plannedEnd", "Planlagt slutt kan ikke være før planlagt start.");

            if (name is not null && owner is not null)
            {
                var key = (owner.Id, name.ToLowerInvariant());
                if (existing.Contains(key)) Error("name", $"{owner.Name} har allerede et tiltak som heter «{Short(name)}».");
                else if (seen.TryGetValue(key, out var firstRow)) Error("name", $"Samme navn og eier som rad {firstRow}.");
                else seen[key] = row.Number;
            }

            if (errors.Count == before)
                valid.Add(new ValidRow(row.Number, name!, description, owner!, kind!.Value, lifecycle!.Value, phase!.Value, segment, start, end, contact));
        }
        if (errors.Count > 0) throw new ImportFailedException(errors);
        if (valid.Count == 0) throw ImportFailedException.File("Filen har ingen tiltak (bare overskriftsraden).");
        return valid;
    }

    private static T? ParseEnum<T>(ImportRow row, string field, string label, string? value, T? fallback, Action<string, string> error) where T : struct, Enum
    {
        if (value is null)
        {
            if (fallback is null) error(field, $"{label} må fylles ut.");
            return fallback;
        }
        if (EnumText.TryParse<T>(value, out var v)) return v;
        error(field, $"«{Short(value)}» er ikke en gyldig verdi for {label.ToLowerInvariant()}. Gyldige verdier: "
                     + string.Join(", ", Enum.GetValues<T>().Select(x => $"{x.Code()} ({x.Label()})")) + ".");
        return null;
    }

    private static DateOnly? ParseDate(string? value, string field, string label, Action<string, string> error)
    {
        if (value is null) return null;
        if (DateOnly.TryParseExact(value, ["yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            && d.Year is >= 1990 and <= 2100)
            return d;
        // A real date cell in XLSX arrives as its serial number (days since 1899-12-30).
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 32874 and < 73051)
            return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
        error(field, $"{label} må være en gyldig dato (åååå-mm-dd eller dd.mm.åååå), ikke «{Short(value)}».");
        return null;
    }

    private static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;
}

/// <summary>The import template offered for download: the header row and one example row, as CSV and XLSX.</summary>
public static class ImportTemplate
{
    private static readonly string[] Example =
    [
        "Digital hjemmeoppfølging", "Innføring av digital hjemmeoppfølging for kronisk syke.", "helse-sor-ost",
        "Innføringsprosjekt", "Aktiv", "Gjennomføring", "Koordinering", "2026-01-01", "2027-12-31", "Kari Nordmann",
    ];

    public static string[] Headers => ImportFile.Columns.Select(c => c.Norwegian).ToArray();

    /// <summary>Semicolon-separated UTF-8 with byte order mark, which Norwegian Excel opens correctly.</summary>
    public static byte[] Csv()
    {
        var sb = new StringBuilder();
        using (var writer = new StringWriter(sb))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";" }))
        {
            foreach (var h in Headers) csv.WriteField(h);
            csv.NextRecord();
            foreach (var v in Example) csv.WriteField(v);
            csv.NextRecord();
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    public static byte[] Xlsx()
    {
        var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
                new Borders(new Border()) { Count = 1 },
                new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }) { Count = 2 });
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(TextRow(1, Headers, bold: true));
            data.Append(TextRow(2, Example, bold: false));
            sheetPart.Worksheet = new Worksheet(
                new Columns(new Column { Min = 1, Max = (uint)Headers.Length, Width = 24, CustomWidth = true }),
                data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Tiltak" }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Row TextRow(uint index, IEnumerable<string> values, bool bold)
    {
        var row = new Row { RowIndex = index };
        var col = 0;
        foreach (var v in values)
        {
            var reference = $"{(char)('A' + col++)}{index}";
            row.Append(new Cell
            {
                CellReference = reference, DataType = CellValues.InlineString, StyleIndex = bold ? 1u : 0u,
                InlineString = new InlineString(new Text(v)),
            });
        }
        return row;
    }
}
