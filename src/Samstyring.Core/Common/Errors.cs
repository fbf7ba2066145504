namespace Samstyring.Core.Common;

/// <summary>Input that breaks a rule. Messages are Norwegian and shown to the user as they are.</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("Ugyldige data: " + string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationFailedException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}

public sealed class NotFoundException(string message) : Exception(message);

/// <summary>
/// A stored file is no longer what was stored (missing, cut short or changed), so it must not be handed out as if it
/// were whole. A fault on the server's side, not the user's.
/// </summary>
public sealed class DamagedFileException(string message) : Exception(message);

public sealed class ForbiddenException(string message = "Du har ikke tilgang til denne handlingen.") : Exception(message);

/// <summary>Someone else saved the same record first; the caller must reload and try again.</summary>
public sealed class ConcurrencyConflictException(string message =
    "Noen andre har lagret endringer i mellomtiden. Last inn siden på nytt og gjør endringene dine igjen.")
    : Exception(message);

/// <summary>
/// A change to an existing record came without the version the client started from (HTTP 428): without it, the change
/// could silently overwrite what someone else saved in the meantime.
/// </summary>
public sealed class VersionRequiredException(string message =
    "Versjonen du endrer fra må oppgis (If-Match-header eller «version»), slik at ingen endringer overskrives. Hent ressursen for å se gjeldende versjon.")
    : Exception(message);
/// <summary>
/// The database cannot take the request just now: it is busy or locked, read-only, full or unreachable. Nothing was
/// saved, and the same request may work later; <see cref="RetryAfter"/> says when to try again (HTTP 503 with Retry-After).
/// </summary>
public sealed class ServiceUnavailableException(string message, TimeSpan retryAfter, Exception? inner = null) : Exception(message, inner)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>
/// Samstyring cannot run with this setup: the data directory or the database cannot be used. The message names what is
/// wrong and what to do, for the operator; start-up and the command-line tool print it and exit with a code of their own.
/// </summary>
public sealed class SetupFailedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Collects field errors and throws them all at once, so the user sees every problem in one go.</summary>
public sealed class Validator
{
    private readonly Dictionary<string, List<string>> _errors = new();

    public bool IsValid => _errors.Count == 0;

    public Validator Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public Validator Required(string field, string? value, string label, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) return Add(field, $"{label} må fylles ut.");
        return MaxLength(field, value, label, maxLength);
    }

    public Validator MaxLength(string field, string? value, string label, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
            Add(field, $"{label} kan ikke være lengre enn {maxLength} tegn (er {value.Length}).");
        if (value is not null && value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            Add(field, $"{label} inneholder ugyldige kontrolltegn.");
        else if (value is not null && UnicodeText.FirstBidiControl(value) is { } bidi)
            Add(field, $"{label} inneholder et tegn som snur skriveretningen ({UnicodeText.CodePoint(bidi)}). Fjern det og prøv igjen.");
        return this;
    }

    /// <summary>
    /// A name, title or label: what <see cref="MaxLength"/> checks, and no invisible characters, since two names that
    /// differ only by them would look the same. Compare names with <see cref="UnicodeText.Normal"/>.
    /// </summary>
    public Validator Name(string field, string? value, string label, int maxLength, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) Add(field, $"{label} må fylles ut.");
            return this;
        }
        MaxLength(field, value, label, maxLength);
        if (UnicodeText.FirstBidiControl(value) is null && UnicodeText.FirstInvisible(value) is { } c)
            Add(field, $"{label} inneholder et usynlig tegn ({UnicodeText.CodePoint(c)}). Skriv navnet uten det.");
        return this;
    }

    public Validator Enum<T>(string field, string? value, string label, bool required, out T? parsed) where T : struct, System.Enum
    {
        parsed = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) Add(field, $"{label} må velges.");
            return this;
        }
        if (EnumText.TryParse<T>(value, out var v)) parsed = v;
        else Add(field, $"«{Truncate(value)}» er ikke en gyldig verdi for {label.ToLowerInvariant()}. Gyldige verdier: {string.Join(", ", EnumText.Codes<T>())}.");
        return this;
    }

    public Validator Date(string field, string? value, string label, bool required, out DateOnly? parsed)
    {
        parsed = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) Add(field, $"{label} må fylles ut.");
            return this;
        }
        if (DateOnly.TryParseExact(value.Trim(), ["yyyy-MM-dd", "d.M.yyyy", "dd.MM.yyyy"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
            && d.Year is >= 1990 and <= 2100)
            parsed = d;
        else
            Add(field, $"{label} må være en gyldig dato (åååå-mm-dd), ikke «{Truncate(value)}».");
        return this;
    }

    public Validator Time(string field, string? value, string label, bool required, out TimeOnly? parsed)
    {
        parsed = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) Add(field, $"{label} må fylles ut.");
            return this;
        }
        if (TimeOnly.TryParseExact(value.Trim(), ["HH:mm", "H:mm", "HH.mm", "H.mm", "HH:mm:ss"], System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var t))
            parsed = t;
        else
            Add(field, $"{label} må være et klokkeslett (tt:mm), ikke «{Truncate(value)}».");
        return this;
    }

    /// <summary>Takes over another validator's errors (one part of a larger input checked on its own).</summary>
    public Validator Include(Validator other)
    {
        foreach (var (field, messages) in other._errors)
            foreach (var m in messages) Add(field, m);
        return this;
    }

    public void ThrowIfInvalid()
    {
        if (!IsValid) throw new ValidationFailedException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }

    /// <summary>User input quoted in a message, cut at 40 characters.</summary>
    public static string Truncate(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
