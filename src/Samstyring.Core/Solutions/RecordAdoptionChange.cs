using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Solutions;

/// <summary>
/// One municipality's new stage of a solution. The municipality is named by its organisation id or its municipality number
/// (either is enough; both must then agree). <paramref name="On"/> is the date the stage applies from (today when empty),
/// as typed: åååå-mm-dd or dd.mm.åååå. <paramref name="ConfirmBackwards"/> says the user has seen that the stage goes back.
/// </summary>
public sealed record AdoptionChangeInput(
    int? OrganizationId, string? MunicipalityNumber, string? Stage, string? On, string? Source, bool ConfirmBackwards = false);

/// <summary>A change as recorded, with the stage the municipality had on that date before it.</summary>
public sealed record RecordedAdoptionChange(
    long Id, string SolutionKey, int OrganizationId, string Municipality, string MunicipalityNumber, AdoptionStage From, AdoptionStage Stage,
    DateOnly On, string Source, string RecordedBy, DateTime RecordedAt);

/// <summary>A municipality that would go back to an earlier stage; <see cref="Row"/> is its row in an uploaded list.</summary>
public sealed record BackwardsMove(int OrganizationId, string Municipality, string MunicipalityNumber, AdoptionStage From, AdoptionStage To, int? Row = null);

/// <summary>
/// The change would move a municipality to an earlier stage than it had on the date. Not saved: the user confirms it
/// (<c>confirmBackwards</c>) and sends it again. Its field is <see cref="Field"/>, so a form shows it at the stage.
/// </summary>
public sealed class AdoptionBackwardsException(BackwardsMove move) : Exception(
    $"{move.Municipality} hadde status «{move.From.Label()}» på datoen. «{move.To.Label()}» er et steg tilbake. Bekreft at kommunen skal gå tilbake, og send på nytt.")
{
    public const string Field = "stage";

    public BackwardsMove Move { get; } = move;
}

/// <summary>
/// The office, or the operator of the solution (role operator, bound to the organisation that runs it), records that a
/// municipality has reached a stage of adoption (innføring) on a date. Rows are only ever added: a correction is a new row.
/// A step back is refused until it is confirmed; recording the stage the municipality already has is refused as a no-op.
/// </summary>
[UseCase]
public sealed class RecordAdoptionChange(SamstyringDb db, SolutionQueries solutions)
{
    public async Task<RecordedAdoptionChange> HandleAsync(string solutionKey, AdoptionChangeInput input, CurrentUser? user, CancellationToken ct = default)
    {
        // A role that may never record adoption is refused before the lookup, so it learns nothing about which solutions exist.
        AdoptionRules.RequireRecorderRole(user);
        var solution = await solutions.FindAsync(solutionKey, ct);
        SolutionAccess.RequireAdoptionRecorder(user, solution);

        var v = new Validator();
        var on = AdoptionRules.Date(v, "date", input.On, "Dato", db.Today) ?? db.Today;
        v.Enum<AdoptionStage>("stage", input.Stage, "Status", true, out var stage);
        v.Required("source", input.Source, "Kilde", AdoptionChange.SourceMax);
        var municipalities = await solutions.MunicipalitiesAsync(ct);
        var municipality = Municipality(v, municipalities, input, on);
        v.ThrowIfInvalid();

        // Read the stage inside the write transaction: on SQLite writers take turns, so two recorders cannot both pass the check.
        await using var tx = await db.BeginWriteTransactionAsync(ct);
        var before = await AdoptionRules.StagesAsync(db, solution.Id, ct);
        var from = AdoptionRules.StageOn(before, municipality!.Id, on);
        if (from == stage)
            throw ValidationFailedException.For("stage",
                $"{municipality.Name} har allerede status «{from.Label()}» per {Norwegian.Date(on)}. Det er ingenting å registrere.");
        if (stage < from && !input.ConfirmBackwards)
            throw new AdoptionBackwardsException(new BackwardsMove(municipality.Id, municipality.Name, municipality.Number, from, stage!.Value));

        var change = new AdoptionChange
        {
            SolutionId = solution.Id, OrganizationId = municipality.Id, Stage = stage!.Value, On = on, Source = input.Source!.Trim(),
            RecordedBy = user!.UserName, RecordedAt = db.UtcNow,
        };
        db.AdoptionChanges.Add(change);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new RecordedAdoptionChange(change.Id, solution.Key, municipality.Id, municipality.Name, municipality.Number, from, change.Stage,
            change.On, change.Source, change.RecordedBy, change.RecordedAt);
    }

    /// <summary>The municipality the input names, checked to exist on the date; errors go to «municipality».</summary>
    private static MunicipalityFacts? Municipality(Validator v, IReadOnlyList<MunicipalityFacts> municipalities, AdoptionChangeInput input, DateOnly on)
    {
        MunicipalityFacts? byId = null, byNumber = null;
        if (input.OrganizationId is { } id)
        {
            byId = municipalities.FirstOrDefault(m => m.Id == id);
            if (byId is null) v.Add("municipality", $"Fant ingen kommune med id {id}.");
        }
        if (!string.IsNullOrWhiteSpace(input.MunicipalityNumber))
        {
            var number = AdoptionRules.MunicipalityNumber(input.MunicipalityNumber);
            if (number is null)
                v.Add("municipality", $"Kommunenummer må ha fire sifre, ikke «{Validator.Truncate(input.MunicipalityNumber.Trim())}».");
            else if ((byNumber = municipalities.FirstOrDefault(m => m.Number == number)) is null)
                v.Add("municipality", $"Fant ingen kommune med kommunenummer {number}.");
        }
        if (input.OrganizationId is null && string.IsNullOrWhiteSpace(input.MunicipalityNumber))
            v.Add("municipality", "Kommune må velges (eller kommunenummer fylles ut).");
        if (byId is not null && byNumber is not null && byId.Id != byNumber.Id)
            v.Add("municipality", $"Kommunen som er valgt ({byId.Name}), har ikke kommunenummer {byNumber.Number}.");
        var municipality = byId ?? byNumber;
        if (municipality is not null && !municipality.ExistedOn(on))
            v.Add("municipality", AdoptionRules.DidNotExist(municipality, on));
        return municipality;
    }
}

/// <summary>What recording one change and importing a list share: who may, dates, municipality numbers and the stage on a date.</summary>
internal static class AdoptionRules
{
    /// <summary>The first date adoption can be recorded on; older figures belong to the sources, not to this register.</summary>
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    public static void RequireRecorderRole(CurrentUser? user)
    {
        if (user is not ({ IsOffice: true } or { Role: Role.Operator }))
            throw new ForbiddenException(user is null ? "Du må logge inn." : "Bare porteføljekontoret og driftsleverandører kan registrere innføring.");
    }

    /// <summary>A date between <see cref="Earliest"/> and today, or null (with an error when something was typed).</summary>
    public static DateOnly? Date(Validator v, string field, string? value, string label, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        v.Date(field, value, label, false, out var date);
        return date is { } d && Check(d, today) is { } problem ? Fail(v, field, $"{label} {problem}") : date;
    }

    private static DateOnly? Fail(Validator v, string field, string message)
    {
        v.Add(field, message);
        return null;
    }

    /// <summary>Why a date cannot be used, as the end of a sentence («… kan ikke være …»), or null.</summary>
    public static string? Check(DateOnly date, DateOnly today) =>
        date > today ? $"kan ikke være etter i dag ({Norwegian.Date(today)})."
        : date < Earliest ? $"kan ikke være før {Norwegian.Date(Earliest)}."
        : null;

    /// <summary>
    /// A municipality number as four digits. Excel drops the leading zero of 0301 when the column is a number, so three
    /// digits are padded; anything else is null.
    /// </summary>
    public static string? MunicipalityNumber(string? value)
    {
        var text = value?.Trim();
        if (text is null) return null;
        // A number cell can come as "301.0" or "301,0".
        if (text.EndsWith(".0", StringComparison.Ordinal) || text.EndsWith(",0", StringComparison.Ordinal)) text = text[..^2];
        if (text.Length is < 3 or > 4 || !text.All(char.IsAsciiDigit)) return null;
        return text.PadLeft(4, '0');
    }

    public static string DidNotExist(MunicipalityFacts m, DateOnly on) =>
        $"{m.Name} ({m.Number}) fantes ikke per {Norwegian.Date(on)}"
        + (m.ExistsFrom is { } from && on < from ? $"; kommunen ble opprettet {Norwegian.Date(from)}." : m.ExistsTo is { } to ? $"; kommunen ble avviklet {Norwegian.Date(to)}." : ".");

    /// <summary>Every change of the solution per municipality, oldest first (same-day changes in the order they were recorded).</summary>
    public static async Task<ILookup<int, StageChange>> StagesAsync(SamstyringDb db, int solutionId, CancellationToken ct) =>
        (await db.AdoptionChanges.AsNoTracking().Where(c => c.SolutionId == solutionId)
            .Select(c => new StageChange(c.OrganizationId, c.Stage, c.On, c.Id)).ToListAsync(ct))
        .OrderBy(c => c.On).ThenBy(c => c.Id).ToLookup(c => c.OrganizationId);

    /// <summary>The municipality's stage on the date: its latest change on or before it (not started when none).</summary>
    public static AdoptionStage StageOn(ILookup<int, StageChange> changes, int organizationId, DateOnly on) =>
        changes[organizationId].LastOrDefault(c => c.On <= on) is { Id: > 0 } c ? c.Stage : AdoptionStage.NotStarted;

    /// <summary>Dates as the import reads them: ISO, Norwegian, or an Excel date cell (its serial number).</summary>
    public static DateOnly? ParseDate(string value)
    {
        if (DateOnly.TryParseExact(value.Trim(), ["yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return d;
        // A real date cell in XLSX arrives as its serial number (days since 1899-12-30); 36526 is 1 January 2000.
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 36526 and < 73051)
            return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
        return null;
    }
}
