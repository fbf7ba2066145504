using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Solutions;

/// <summary>
/// Options of an upload: <paramref name="Date"/> is the date for rows without one (today when empty), as typed;
/// <paramref name="ConfirmBackwards"/> says the user has seen the municipalities that go back a stage and wants them saved.
/// </summary>
public sealed record AdoptionImportInput(string? Date = null, bool ConfirmBackwards = false);

/// <summary>
/// What an upload did. <see cref="Changed"/> counts the rows that change a municipality's stage, the steps back included;
/// <see cref="Unchanged"/> the rows that give the stage it already had (skipped); <see cref="Backwards"/> how many of the
/// changed go back, listed in <see cref="BackwardsMoves"/>. When <see cref="NeedsConfirmation"/> is true nothing was saved:
/// the same upload with confirmBackwards saves it all.
/// </summary>
public sealed record AdoptionImportResult(bool NeedsConfirmation, int Changed, int Unchanged, int Backwards, IReadOnlyList<BackwardsMove> BackwardsMoves)
{
    public bool Saved => !NeedsConfirmation;
}

/// <summary>
/// The operator's (or the office's) list of municipalities and their stage of a solution, as CSV or XLSX, read with the
/// bounded readers of the portfolio import (<see cref="ImportLimits"/>). All rows or none: every row is checked first and
/// every problem reported with its row number; a list that moves municipalities back a stage is not saved until confirmed.
/// </summary>
[UseCase]
public sealed class ImportAdoption(SamstyringDb db, SolutionQueries solutions)
{
    /// <summary>Column names as the error messages give them, and the header texts accepted for each (compared as ImportFile does).</summary>
    internal static readonly (string Column, bool Required, string[] Aliases)[] Columns =
    [
        ("kommunenummer", true, ["kommunenummer", "kommunenr", "knr", "municipalitynumber", "municipality"]),
        ("status", true, ["status", "stage", "innføringsstatus", "adoptionstage"]),
        ("dato", false, ["dato", "date"]),
        ("kilde", false, ["kilde", "source"]),
        // Read and ignored: lists usually carry the name for the people reading them.
        ("kommunenavn", false, ["kommunenavn", "kommune", "municipalityname", "navn", "name"]),
    ];

    public async Task<AdoptionImportResult> HandleAsync(string solutionKey, Stream content, string fileName, AdoptionImportInput input, CurrentUser? user,
        CancellationToken ct = default)
    {
        AdoptionRules.RequireRecorderRole(user);
        var solution = await solutions.FindAsync(solutionKey, ct);
        SolutionAccess.RequireAdoptionRecorder(user, solution);

        var v = new Validator();
        var today = db.Today;
        var defaultDate = AdoptionRules.Date(v, "date", input.Date, "Dato for hele listen", today) ?? today;
        v.ThrowIfInvalid();

        var bytes = await ImportFile.ReadLimitedAsync(content, ct);
        var rows = ImportFile.ReadRows(bytes, fileName);
        var municipalities = await solutions.MunicipalitiesAsync(ct);
        var valid = Validate(rows, municipalities, defaultDate, DefaultSource(fileName), today);

        await using var tx = await db.BeginWriteTransactionAsync(ct);
        var before = await AdoptionRules.StagesAsync(db, solution.Id, ct);
        var changes = new List<(ValidRow Row, AdoptionStage From)>();
        var unchanged = 0;
        foreach (var r in valid)
        {
            var from = AdoptionRules.StageOn(before, r.Municipality.Id, r.On);
            if (from == r.Stage) unchanged++;
            else changes.Add((r, from));
        }
        var backwards = changes.Where(c => c.Row.Stage < c.From)
            .Select(c => new BackwardsMove(c.Row.Municipality.Id, c.Row.Municipality.Name, c.Row.Municipality.Number, c.From, c.Row.Stage, c.Row.Number))
            .ToList();
        if (backwards.Count > 0 && !input.ConfirmBackwards)
            return new AdoptionImportResult(true, changes.Count, unchanged, backwards.Count, backwards);

        var now = db.UtcNow;
        db.AdoptionChanges.AddRange(changes.Select(c => new AdoptionChange
        {
            SolutionId = solution.Id, OrganizationId = c.Row.Municipality.Id, Stage = c.Row.Stage, On = c.Row.On, Source = c.Row.Source,
            RecordedBy = user!.UserName, RecordedAt = now,
        }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new AdoptionImportResult(false, changes.Count, unchanged, backwards.Count, backwards);
    }

    /// <summary>"Opplastet liste: kommuner.csv", with the name cut so the source stays within its length and free of control characters.</summary>
    internal static string DefaultSource(string fileName)
    {
        var name = new string(Path.GetFileName(fileName.Replace('\\', '/')).Where(c => !char.IsControl(c) && !UnicodeText.IsInvisible(c)).ToArray()).Trim();
        const string prefix = "Opplastet liste: ";
        if (name.Length == 0) name = "uten navn";
        if (prefix.Length + name.Length > AdoptionChange.SourceMax) name = name[..(AdoptionChange.SourceMax - prefix.Length - 1)] + "…";
        return prefix + name;
    }

    private sealed record ValidRow(int Number, MunicipalityFacts Municipality, AdoptionStage Stage, DateOnly On, string Source);

    private static List<ValidRow> Validate(List<RawRow> rows, IReadOnlyList<MunicipalityFacts> municipalities, DateOnly defaultDate, string defaultSource,
        DateOnly today)
    {
        if (rows.Count == 0) throw ImportFailedException.File("Filen er tom.");
        var map = ImportFile.MapHeader(rows[0], Columns, ignored: "kommunenavn");
        var byNumber = municipalities.ToDictionary(m => m.Number);
        var seen = new Dictionary<int, int>();
        var errors = new List<ImportError>();
        var valid = new List<ValidRow>();
        foreach (var row in rows.Skip(1))
        {
            var before = errors.Count;
            void Error(string column, string message) => errors.Add(new ImportError(row.Number, column, message));
            var values = map.ToDictionary(x => x.Value, x => row.Cells.GetValueOrDefault(x.Key)?.Trim());
            string? Get(string column) => values.GetValueOrDefault(column) is { Length: > 0 } s ? s : null;

            foreach (var (column, value) in values)
                if (value is not null && value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
                    Error(column, "Feltet inneholder ugyldige kontrolltegn.");
                else if (value is not null && UnicodeText.FirstBidiControl(value) is { } bidi)
                    Error(column, $"Feltet inneholder et tegn som snur skriveretningen ({UnicodeText.CodePoint(bidi)}).");
            if (errors.Count > before) continue;

            var on = defaultDate;
            if (Get("dato") is { } dateText)
            {
                if (AdoptionRules.ParseDate(dateText) is not { } d) Error("dato", $"Dato må være en gyldig dato (åååå-mm-dd eller dd.mm.åååå), ikke «{Validator.Truncate(dateText)}».");
                else if (AdoptionRules.Check(d, today) is { } problem) Error("dato", $"Datoen {Norwegian.ShortDate(d)} {problem}");
                else on = d;
            }

            MunicipalityFacts? municipality = null;
            var numberText = Get("kommunenummer");
            if (numberText is null) Error("kommunenummer", "Kommunenummer må fylles ut.");
            else if (AdoptionRules.MunicipalityNumber(numberText) is not { } number)
                Error("kommunenummer", $"Kommunenummer må ha fire sifre, ikke «{Validator.Truncate(numberText)}».");
            else if (!byNumber.TryGetValue(number, out municipality))
                Error("kommunenummer", $"Fant ingen kommune med kommunenummer {number}.");
            else if (seen.TryGetValue(municipality.Id, out var first))
                Error("kommunenummer", $"{municipality.Name} ({number}) står også på rad {first}. Hver kommune kan stå én gang i listen.");
            else
            {
                seen[municipality.Id] = row.Number;
                if (errors.Count == before && !municipality.ExistedOn(on)) Error("kommunenummer", AdoptionRules.DidNotExist(municipality, on));
            }

            AdoptionStage stage = default;
            var stageText = Get("status");
            if (stageText is null) Error("status", "Status må fylles ut.");
            else if (!EnumText.TryParse(stageText, out stage))
                Error("status", $"«{Validator.Truncate(stageText)}» er ikke en gyldig status. Gyldige verdier: "
                                + string.Join(", ", Enum.GetValues<AdoptionStage>().Select(s => $"{s.Label()} ({s.Code()})")) + ".");

            var source = Get("kilde") ?? defaultSource;
            if (source.Length > AdoptionChange.SourceMax)
                Error("kilde", $"Kilde kan ikke være lengre enn {AdoptionChange.SourceMax} tegn (er {Norwegian.Number(source.Length)}).");

            if (errors.Count == before) valid.Add(new ValidRow(row.Number, municipality!, stage, on, source));
        }
        if (errors.Count > 0) throw new ImportFailedException(errors);
        if (valid.Count == 0) throw ImportFailedException.File("Filen har ingen kommuner (bare overskriftsraden).");
        return valid;
    }
}
