using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Actors;

/// <summary>
/// An upload of population figures: <paramref name="On"/> is the reference date as typed (åååå-mm-dd or dd.mm.åååå),
/// <paramref name="Source"/> where the figures come from (a default naming the file when empty), and <paramref name="Replace"/>
/// says the user knows the date already has figures and wants them replaced.
/// </summary>
public sealed record PopulationImportInput(string? On, string? Source = null, bool Replace = false);

/// <summary>
/// What an import saved: the date, how many municipalities and their total population, and of those how many replaced a
/// figure the date already had (<see cref="Replaced"/>, 0 unless the import replaced).
/// </summary>
public sealed record PopulationImportResult(DateOnly On, int Count, long Total, int Replaced, string Source);

/// <summary>
/// The office imports every municipality's population (folketall) on a reference date, as SSB publishes it (table 07459):
/// CSV or XLSX with the columns kommunenummer and folketall, read with the bounded readers of the portfolio import
/// (<see cref="ImportLimits"/>). All or nothing: every row is checked first and every problem reported with its row.
/// The file must cover every municipality that existed on the date, since a municipality without a figure would get no
/// share at all in a population key; a date that already has figures is replaced only when the user says so.
/// </summary>
[UseCase]
public sealed class ImportPopulationFigures(SamstyringDb db)
{
    /// <summary>Municipality rows in one file: Norway has had fewer than 450 municipalities since 1964.</summary>
    public const int MaxRows = 1000;

    /// <summary>No municipality has more people than this; a larger number is a typo or the wrong column.</summary>
    public const int MaxPopulation = 10_000_000;

    /// <summary>Column names as the error messages give them, and the header texts accepted for each (compared as ImportFile does).</summary>
    internal static readonly (string Column, bool Required, string[] Aliases)[] Columns =
    [
        // SSB's table exports call the column «region» and give "0301 Oslo" in it.
        ("kommunenummer", true, ["kommunenummer", "kommunenr", "knr", "region", "municipalitynumber", "municipality"]),
        ("folketall", true, ["folketall", "befolkning", "personer", "innbyggere", "population"]),
        // Read and ignored: lists usually carry the name for the people reading them.
        ("kommunenavn", false, ["kommunenavn", "kommune", "navn", "name", "municipalityname"]),
    ];

    public async Task<PopulationImportResult> HandleAsync(Stream content, string fileName, PopulationImportInput input, CurrentUser? user,
        CancellationToken ct = default)
    {
        if (user is not { IsOffice: true }) throw new ForbiddenException("Bare porteføljekontoret kan registrere folketall.");

        var v = new Validator();
        v.Date("on", input.On, "Dato", required: true, out var parsed);
        if (parsed is { } d && d > db.Today) v.Add("on", $"Datoen {Norwegian.Date(d)} er fram i tid. Folketall registreres for en dato som har vært.");
        var source = string.IsNullOrWhiteSpace(input.Source) ? DefaultSource(fileName) : input.Source.Trim();
        v.MaxLength("source", source, "Kilde", PopulationFigure.SourceMax);
        v.ThrowIfInvalid();
        var on = parsed!.Value;

        var bytes = await ImportFile.ReadLimitedAsync(content, ct);
        var rows = ImportFile.ReadRows(bytes, fileName);
        var municipalities = await db.Organizations.AsNoTracking()
            .Where(o => o.Type == OrganizationType.Kommune && o.MunicipalityNumber != null).ToListAsync(ct);
        var figures = Validate(rows, municipalities, on);

        await using var tx = await db.BeginWriteTransactionAsync(ct);
        var existing = await db.PopulationFigures.Where(p => p.On == on).ToDictionaryAsync(p => p.OrganizationId, ct);
        if (existing.Count > 0 && !input.Replace)
            throw ValidationFailedException.For("replace",
                $"Det finnes allerede folketall per {Norwegian.Date(on)} for {Norwegian.Number(existing.Count)} {(existing.Count == 1 ? "kommune" : "kommuner")}. "
                + "Velg å erstatte dem for å lagre de nye tallene; ingenting er lagret.");

        // Figures the date already has are updated in place, so the audit trail shows each municipality's old and new figure.
        var replaced = 0;
        foreach (var (organizationId, population) in figures)
        {
            if (existing.Remove(organizationId, out var figure))
            {
                (figure.Population, figure.Source, figure.IsDemo) = (population, source, false);
                replaced++;
            }
            else
            {
                db.PopulationFigures.Add(new PopulationFigure { OrganizationId = organizationId, On = on, Population = population, Source = source });
            }
        }
        // Left over: municipalities that did not exist on the date, whose figures a replacing file rightly leaves out.
        db.PopulationFigures.RemoveRange(existing.Values);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new PopulationImportResult(on, figures.Count, figures.Sum(f => (long)f.Population), replaced, source);
    }

    /// <summary>"Importert fra folketall.csv", with the name cut so the source stays within its length and free of control characters.</summary>
    internal static string DefaultSource(string fileName)
    {
        var name = new string(Path.GetFileName(fileName.Replace('\\', '/')).Where(c => !char.IsControl(c) && !UnicodeText.IsInvisible(c)).ToArray()).Trim();
        const string prefix = "Importert fra ";
        if (name.Length == 0) name = "fil uten navn";
        if (prefix.Length + name.Length > PopulationFigure.SourceMax) name = name[..(PopulationFigure.SourceMax - prefix.Length - 1)] + "…";
        return prefix + name;
    }

    /// <summary>Each row's municipality and population, or every problem in the file at once.</summary>
    private static List<(int OrganizationId, int Population)> Validate(List<RawRow> rows, List<Organization> municipalities, DateOnly on)
    {
        // Title lines above the header (SSB puts the table's name there) are one cell that is not a column name.
        var start = 0;
        while (start < rows.Count - 1 && start < 5 && rows[start].Cells.Count == 1 && Find(rows[start].Cells.Values.Single()) is null) start++;
        if (rows.Count <= start) throw ImportFailedException.File("Filen er tom.");
        var map = ImportFile.MapHeader(rows[start], Columns, Find, "kommunenavn");
        if (rows.Count - start - 1 > MaxRows)
            throw ImportFailedException.File($"Filen har {Norwegian.Number(rows.Count - start - 1)} rader. Høyst {Norwegian.Number(MaxRows)} kommuner kan importeres om gangen.");

        var byNumber = municipalities.ToLookup(m => m.MunicipalityNumber!);
        var seen = new Dictionary<int, int>();
        var errors = new List<ImportError>();
        var valid = new List<(int, int)>();
        foreach (var row in rows.Skip(start + 1))
        {
            var before = errors.Count;
            void Error(string column, string message) => errors.Add(new ImportError(row.Number, column, message));
            var values = map.ToDictionary(x => x.Value, x => row.Cells.GetValueOrDefault(x.Key)?.Trim());
            string? Get(string column) => values.GetValueOrDefault(column) is { Length: > 0 } s ? s : null;
            foreach (var (column, value) in values)
                if (value is not null && value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
                    Error(column, "Feltet inneholder ugyldige kontrolltegn.");
            if (errors.Count > before) continue;

            Organization? municipality = null;
            var numberText = Get("kommunenummer");
            if (numberText is null) Error("kommunenummer", "Kommunenummer må fylles ut.");
            else if (MunicipalityNumber(numberText) is not { } number)
                Error("kommunenummer", $"Kommunenummer må ha fire sifre, ikke «{Validator.Truncate(numberText)}».");
            else if (!byNumber.Contains(number))
                Error("kommunenummer", $"Fant ingen kommune med kommunenummer {number}.");
            else if ((municipality = byNumber[number].FirstOrDefault(m => m.ExistedOn(on))) is null)
                Error("kommunenummer", DidNotExist(byNumber[number].First(), on));
            else if (seen.TryGetValue(municipality.Id, out var first))
                Error("kommunenummer", $"{municipality.Name} ({number}) står også på rad {first}. Hver kommune kan stå én gang i filen.");
            else seen[municipality.Id] = row.Number;

            var population = 0;
            var populationText = Get("folketall");
            if (populationText is null) Error("folketall", "Folketall må fylles ut.");
            else if (Population(populationText) is not { } p)
                Error("folketall", $"Folketall må være et helt tall, ikke «{Validator.Truncate(populationText)}».");
            else if (p < 0) Error("folketall", $"Folketall kan ikke være negativt (er {Norwegian.Number(p)}).");
            else if (p == 0) Error("folketall", "Folketall må være større enn 0.");
            else if (p > MaxPopulation) Error("folketall", $"Folketall kan ikke være over {Norwegian.Number(MaxPopulation)} (er {Norwegian.Number(p)}). Sjekk at det er riktig kolonne.");
            else population = (int)p;

            if (errors.Count == before) valid.Add((municipality!.Id, population));
        }

        // A municipality left out would get no share of a population key: the file must be whole.
        var missing = municipalities.Where(m => m.ExistedOn(on) && !seen.ContainsKey(m.Id)).OrderBy(m => m.MunicipalityNumber, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            errors.Add(new ImportError(0, "file",
                $"{Norwegian.Number(missing.Count)} {(missing.Count == 1 ? "kommune som fantes" : "kommuner som fantes")} per {Norwegian.Date(on)}, mangler i filen: "
                + Norwegian.List(missing.Take(10).Select(m => $"{m.Name} ({m.MunicipalityNumber})").ToList())
                + (missing.Count > 10 ? $" og {Norwegian.Number(missing.Count - 10)} til" : "")
                + ". Alle kommunene må være med, ellers får de ingen andel når kostnader fordeles etter folketall."));
        if (errors.Count > 0) throw new ImportFailedException(errors);
        return valid;
    }


    /// <summary>
    /// The column a header names. SSB's exports name the figure's column after the year («Personer 2026», «folketall
    /// 1.1.2026»), so a population header may go on after its name.
    /// </summary>
    private static string? Find(string header)
    {
        var norm = ImportFile.Normalize(header);
        foreach (var (column, _, aliases) in Columns)
            foreach (var alias in aliases.Select(ImportFile.Normalize))
                if (norm == alias || column == "folketall" && norm.Length > alias.Length && norm.StartsWith(alias, StringComparison.Ordinal) && !char.IsAsciiLetter(norm[alias.Length]))
                    return column;
        return null;
    }

    /// <summary>
    /// Four digits, from "0301", "301" (Excel drops the leading zero), "301.0" (a number cell), "K-0301" or "0301 Oslo"
    /// (SSB's region column); null for anything else.
    /// </summary>
    internal static string? MunicipalityNumber(string value)
    {
        var text = value.Trim();
        if (text.StartsWith("K-", StringComparison.OrdinalIgnoreCase)) text = text[2..];
        var digits = text.TakeWhile(char.IsAsciiDigit).Count();
        var rest = text[digits..];
        if (rest is ".0" or ",0") rest = "";
        // After the number only a name may follow, separated by a space (SSB: "0301 Oslo", "1508 Ålesund (2020-2023)").
        if (rest.Length > 0 && !char.IsWhiteSpace(rest[0])) return null;
        return digits is 3 or 4 ? text[..digits].PadLeft(4, '0') : null;
    }

    /// <summary>A whole number, with spaces (also non-breaking and narrow ones) between the thousands; "1234.0" from a number cell.</summary>
    internal static long? Population(string value)
    {
        var text = new string(value.Where(c => !char.IsWhiteSpace(c) && c is not '\u00A0' and not '\u202F' and not '\u2009').ToArray());
        if (text.EndsWith(".0", StringComparison.Ordinal) || text.EndsWith(",0", StringComparison.Ordinal)) text = text[..^2];
        if (text.StartsWith('\u2212')) text = "-" + text[1..]; // the minus sign Excel and Word put in
        return text.Length is > 0 and <= 12 && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    private static string DidNotExist(Organization m, DateOnly on) =>
        $"{m.Name} ({m.MunicipalityNumber}) fantes ikke per {Norwegian.Date(on)}"
        + (m.ExistsFrom is { } from && on < from ? $"; kommunen ble opprettet {Norwegian.Date(from)}." : m.ExistsTo is { } to ? $"; kommunen ble avviklet {Norwegian.Date(to)}." : ".");
}
