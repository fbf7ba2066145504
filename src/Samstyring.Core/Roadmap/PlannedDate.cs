using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Samstyring.Core.Common;

namespace Samstyring.Core.Roadmap;

/// <summary>
/// How precisely a planner wrote a date. The codes (kebab-case) may be stored; the labels are shown.
/// Primo/medio/ultimo are the first, middle and last third of the period: of a year the tertials
/// (januar–april, mai–august, september–desember), of a month days 1–10, 11–20 and 21–last.
/// </summary>
public enum PlannedDatePrecision
{
    [Label("Dag")] Day,
    [Label("Måned")] Month,
    [Label("Primo måned (dag 1–10)")] EarlyMonth,
    [Label("Medio måned (dag 11–20)")] MidMonth,
    [Label("Ultimo måned (dag 21 til månedens slutt)")] LateMonth,
    [Label("Kvartal")] Quarter,
    [Label("Tertial")] Tertial,
    [Label("Halvår")] HalfYear,
    [Label("Årstid")] Season,
    [Label("Primo år (januar–april)")] EarlyYear,
    [Label("Medio år (mai–august)")] MidYear,
    [Label("Ultimo år (september–desember)")] LateYear,
    [Label("År")] Year,
    [Label("Flere år")] YearSpan,
    [Label("Periode")] Range,
    [Label("Utsatt på ubestemt tid")] Indefinite,
}

/// <summary>
/// A word in front of the period. The interval is always the period named after the word;
/// the qualifier says how to read it.
/// </summary>
public enum PlannedDateQualifier
{
    [Label("Ingen")] None,
    /// <summary>"tidligst Q4 2018", "ikke før 2023": not before the start of the interval, possibly later.</summary>
    [Label("Tidligst")] Earliest,
    /// <summary>"innen 2025", "innen utgangen av 2025", "senest Q2 2024": done by the end of the interval, possibly earlier.</summary>
    [Label("Senest")] Latest,
    /// <summary>"ca. 2023", "cirka 2023": around the interval.</summary>
    [Label("Cirka")] Approximately,
}

/// <summary>
/// A date as roadmap planners write it ("Q4 2018", "medio 2021", "2021/2022", "tidligst Q4 2018",
/// "utsatt på ubestemt tid"), with the inclusive interval it stands for. Store <see cref="Written"/> for
/// display; sort, draw and compare on <see cref="Start"/>/<see cref="End"/>.
/// Build it with <see cref="Parse"/> or <see cref="TryParse"/>.
/// </summary>
/// <remarks>
/// Interval rules (all inclusive):
/// <list type="bullet">
/// <item>Day, month, quarter (Q/K), tertial (T1 januar–april, T2 mai–august, T3 september–desember), half-year (H1/H2),
/// year: the whole period.</item>
/// <item>primo/medio/ultimo of a year: first/middle/last tertial (januar–april, mai–august, september–desember), so every
/// month belongs to exactly one of them and "medio" is centred on 1 July; "begynnelsen/starten av", "midten av",
/// "slutten/utgangen av" mean the same. Of a month: days 1–10, 11–20, 21–last.</item>
/// <item>Seasons (meteorological): våren mars–mai, sommeren juni–august, høsten september–november. "vinteren" crosses the
/// turn of the year and is refused.</item>
/// <item>"2021/2022", "2021/22", "2021–2023": 1 January of the first year to 31 December of the last.
/// "Q4 2021–Q2 2022" and other ranges: start of the first period to end of the last.</item>
/// <item>"tidligst X" / "ikke før X": interval of X, qualifier Earliest. "innen X", "innen utgangen av X", "senest X":
/// interval of X (so "innen 2025" is the year 2025), qualifier Latest. "ca. X": interval of X, qualifier Approximately.</item>
/// <item>"utsatt på ubestemt tid", "utsatt", "ubestemt": no interval (Start and End null).</item>
/// <item>Two-digit years only in a dotted day ("11.10.21" is 11 October 2021); elsewhere years have four digits and lie in
/// 1990–2100. "åååå-mm" is a month; a year span written with a hyphen needs four digits on both sides.</item>
/// </list>
/// </remarks>
public sealed partial record PlannedDate(
    string Written, DateOnly? Start, DateOnly? End, PlannedDatePrecision Precision, PlannedDateQualifier Qualifier)
{
    public const int MaxLength = 100;
    public const int MinYear = 1990;
    public const int MaxYear = 2100;

    /// <summary>True for "utsatt på ubestemt tid": there is no interval.</summary>
    public bool IsIndefinite => Start is null;

    public override string ToString() => Written;

    /// <summary>Parses what a planner wrote. Throws <see cref="FormatException"/> with a Norwegian message.</summary>
    public static PlannedDate Parse(string text) =>
        TryParse(text, out var date, out var error) ? date : throw new FormatException(error);

    /// <summary>Parses what a planner wrote; on failure <paramref name="error"/> is a Norwegian message naming the problem.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out PlannedDate? date, [NotNullWhen(false)] out string? error)
    {
        date = null;
        var written = Collapse(text);
        if (written.Length == 0) return Fail("Tidspunktet må fylles ut.", out error);
        if (written.Length > MaxLength) return Fail($"Tidspunktet kan ikke være lengre enn {MaxLength} tegn (er {written.Length}).", out error);
        if (written.Any(char.IsControl)) return Fail("Tidspunktet inneholder ugyldige kontrolltegn.", out error);

        // Trailing full stops and commas carry no meaning ("ca. 2023.").
        var w = written.TrimEnd('.', ',', ';', ' ');
        var s = Norm(w);
        if (Relative().IsMatch(s))
            return Fail($"Relative tidspunkt som «{Quote(w)}» kan ikke brukes, fordi veikartet leses lenge etter at det er skrevet. Skriv årstallet, for eksempel «2022».", out error);

        if (InvalidYear(w) is { } yearError) return Fail(yearError, out error);

        var qualifier = PlannedDateQualifier.None;
        var rest = w;
        var q = QualifierPrefix().Match(s);
        if (q.Success)
        {
            qualifier = q.Groups["latest"].Success ? PlannedDateQualifier.Latest
                : q.Groups["earliest"].Success ? PlannedDateQualifier.Earliest
                : PlannedDateQualifier.Approximately;
            var word = w[..q.Length].Trim();
            rest = w[q.Length..].Trim();
            // "ca." lost its full stop with the trailing punctuation; the example keeps the abbreviation as it is written.
            if (rest.Length == 0 && written.EndsWith('.') && q.Groups["approx"].Success) word += ".";
            var example = qualifier == PlannedDateQualifier.Earliest ? "Q4 2018" : "2025";
            if (rest.Length == 0)
                return Fail($"«{word}» må følges av et tidspunkt, for eksempel «{word} {example}».", out error);
            if (Indefinite().IsMatch(Norm(rest)))
                return Fail($"«{word}» kan ikke kombineres med «utsatt på ubestemt tid».", out error);
            if (QualifierPrefix().IsMatch(Norm(rest)))
                return Fail("Bruk bare én av «tidligst», «senest»/«innen» og «ca.».", out error);
        }
        else if (Indefinite().IsMatch(s))
        {
            date = new PlannedDate(written, null, null, PlannedDatePrecision.Indefinite, PlannedDateQualifier.None);
            error = null;
            return true;
        }

        var preposition = Preposition().Match(Norm(rest));
        if (preposition.Success) rest = rest[preposition.Length..].Trim();

        var period = ParsePeriod(rest, out error);
        if (period is not { } p)
        {
            error ??= "Tidspunktet kunne ikke tolkes.";
            return false;
        }
        date = new PlannedDate(written, p.Start, p.End, p.Precision, qualifier);
        return true;
    }

    /// <summary>
    /// Calendar months from the start of <paramref name="from"/> to the start of <paramref name="to"/>, ignoring the day of
    /// the month: positive when <paramref name="to"/> is later. Q4 2018 → Q4 2019 is 12; 31.01.2021 → 01.02.2021 is 1.
    /// </summary>
    /// <exception cref="ArgumentException">Either date is postponed indefinitely and has no start.</exception>
    public static int MonthsBetween(PlannedDate from, PlannedDate to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from.Start is not { } a || to.Start is not { } b)
            throw new ArgumentException("Kan ikke regne ut hvor langt en plan er flyttet når den er utsatt på ubestemt tid.");
        return (b.Year - a.Year) * 12 + b.Month - a.Month;
    }

    /// <summary>
    /// A move of <paramref name="months"/> in Norwegian, as NUIT writes it.
    /// 0: "under 1 måned". 1–3: exact ("1 måned", "3 måneder"). 4–11: "ca. N måneder".
    /// 12 and more: rounded to the nearest half year, halves rounded up: "ca. 1 år" (12–14), "ca. 1,5 år" (15–20), "ca. 2 år" (21–26).
    /// Negative: the same followed by "tidligere" ("ca. 1 år tidligere").
    /// </summary>
    public static string DescribeDelay(int months)
    {
        long m = months;
        if (m < 0) return Describe(-m) + " tidligere";
        return Describe(m);

        static string Describe(long m)
        {
            if (m == 0) return "under 1 måned";
            if (m == 1) return "1 måned";
            if (m <= 3) return $"{m} måneder";
            if (m < 12) return $"ca. {m} måneder";
            var halves = (long)Math.Round(m / 6.0, MidpointRounding.AwayFromZero);
            return halves % 2 == 0 ? $"ca. {halves / 2} år" : $"ca. {halves / 2},5 år";
        }
    }

    /// <summary>
    /// Whether the interval shares at least one day with <paramref name="from"/>–<paramref name="to"/> (both inclusive).
    /// A date postponed indefinitely overlaps nothing.
    /// </summary>
    public bool Overlaps(DateOnly from, DateOnly to)
    {
        if (to < from) throw new ArgumentException($"Slutten ({to:yyyy-MM-dd}) kan ikke være før starten ({from:yyyy-MM-dd}).", nameof(to));
        return Start is { } start && End is { } end && start <= to && end >= from;
    }

    // ---------------------------------------------------------------- parsing

    private readonly record struct Period(DateOnly Start, DateOnly End, PlannedDatePrecision Precision);

    private static readonly string[] MonthNames =
        ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"];

    private static readonly Dictionary<string, int> MonthByName = new()
    {
        ["januar"] = 1, ["jan"] = 1, ["februar"] = 2, ["feb"] = 2, ["mars"] = 3, ["mar"] = 3, ["april"] = 4, ["apr"] = 4,
        ["mai"] = 5, ["juni"] = 6, ["jun"] = 6, ["juli"] = 7, ["jul"] = 7, ["august"] = 8, ["aug"] = 8,
        ["september"] = 9, ["sept"] = 9, ["sep"] = 9, ["oktober"] = 10, ["okt"] = 10, ["november"] = 11, ["nov"] = 11,
        ["desember"] = 12, ["des"] = 12,
    };

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }

    /// <summary>Trims and collapses every run of white space (including non-breaking spaces) to one space.</summary>
    private static string Collapse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c)) { space = true; continue; }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Lower case and plain hyphens. Keeps the length, so indexes into the result are indexes into the input.</summary>
    private static string Norm(string s)
    {
        var chars = s.ToLowerInvariant().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (chars[i] is '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212') chars[i] = '-';
        return new string(chars);
    }

    private static string Quote(string s) => s.Length > 40 ? s[..40] + "…" : s;

    private static int Int(Group g) => int.Parse(g.Value.TrimEnd('.'), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>One period or a range of two; null with an error when it is not understood.</summary>
    private static Period? ParsePeriod(string w, out string? error)
    {
        var s = Norm(w);
        if (Single(s, out error) is { } single) return single;
        if (error is not null) return null;

        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] is not ('-' or '/')) continue;
            var leftW = w[..i].Trim();
            var rightW = w[(i + 1)..].Trim();
            if (leftW.Length == 0 || rightW.Length == 0) continue;
            var left = Single(Norm(leftW), out var leftError);
            if (left is null && leftError is null) continue;

            Period? right;
            string? rightError;
            if (s[i] == '/' && left is { Precision: PlannedDatePrecision.Year } l && TwoDigits().IsMatch(rightW))
                right = Year(l.Start.Year / 100 * 100 + int.Parse(rightW, CultureInfo.InvariantCulture), out rightError);
            else
                right = Single(Norm(rightW), out rightError);
            if (right is null && rightError is null) continue;

            error = leftError ?? rightError;
            if (left is not { } a || right is not { } b) return null;

            if (a.Precision == PlannedDatePrecision.Year && b.Precision == PlannedDatePrecision.Year)
            {
                if (b.Start.Year < a.Start.Year)
                {
                    error = $"Sluttåret ({b.Start.Year}) kan ikke være før startåret ({a.Start.Year}).";
                    return null;
                }
                if (b.Start.Year == a.Start.Year)
                {
                    error = $"Start- og sluttåret er like ({a.Start.Year}); skriv bare «{a.Start.Year}».";
                    return null;
                }
                return new Period(a.Start, b.End, PlannedDatePrecision.YearSpan);
            }
            if (b.Start <= a.Start || b.End <= a.End)
            {
                error = $"Slutten av perioden («{Quote(rightW)}») må ligge etter starten («{Quote(leftW)}»).";
                return null;
            }
            return new Period(a.Start, b.End, PlannedDatePrecision.Range);
        }

        if (MissingYearDottedDay().IsMatch(s))
            error = $"«{Quote(w)}» mangler årstall, for eksempel «{w.TrimEnd('.')}.2021».";
        else if (TwoDigitYearAtEnd().Match(s) is { Success: true } two && PeriodWord().IsMatch(s))
            error = $"Skriv årstallet med fire sifre: «{Quote(w[..two.Groups["y"].Index] + "20" + two.Groups["y"].Value)}», ikke «{Quote(w)}».";
        else if (!FourDigits().IsMatch(s) && (PeriodWord().IsMatch(s) || CodeWithoutYear().IsMatch(s)))
            error = $"«{Quote(w)}» mangler årstall, for eksempel «{Quote(w)} 2021».";
        else if (TwoYears().Match(s) is { Success: true } years)
            error = $"Skriv skråstrek eller tankestrek mellom årene, for eksempel «{years.Groups["a"].Value}/{years.Groups["b"].Value}» eller «{years.Groups["a"].Value}–{years.Groups["b"].Value}».";
        else if (WordThenYear().Match(s) is { Success: true } unknown)
        {
            var word = w[..unknown.Groups["word"].Length];
            var year = unknown.Groups["y"].Value;
            error = word.Length == 1 && "qkth".Contains(unknown.Groups["word"].Value, StringComparison.Ordinal)
                ? $"Skriv nummeret etter «{word}», for eksempel «{word}1 {year}»."
                : $"«{Quote(word)}» er ikke en måned eller en periode vi kjenner igjen. "
                + (Closest(unknown.Groups["word"].Value) is { } guess
                    ? $"Mente du «{guess} {year}»?"
                    : $"Skriv for eksempel «mars {year}», «Q1 {year}», «1. halvår {year}» eller «våren {year}».");
        }
        else
            error = $"«{Quote(w)}» er ikke et tidspunkt vi kjenner igjen. Skriv for eksempel «15.03.2021», «mars 2021», «Q4 2018», "
                + "«1. halvår 2022», «2021», «medio 2021», «2021/2022», «tidligst Q4 2018», «innen 2025» eller «utsatt på ubestemt tid».";
        return null;
    }

    /// <summary>
    /// A word meant as a year that is not four digits: "2O22" (the letter O for the digit 0), "202l", "202", "20222". Found
    /// before the forms are tried, so the message names the year instead of reporting the year as missing or the whole text
    /// as unknown. Valid text never has such a word: its numbers are days, months, ordinals and two- or four-digit years.
    /// </summary>
    private static string? InvalidYear(string w)
    {
        foreach (Match m in Word().Matches(w))
        {
            var word = m.Value;
            var digits = word.Count(char.IsAsciiDigit);
            var letters = word.Length - digits;
            if (word.Length < 3 || digits < 2 || (letters == 0 && digits == 4) || !word.All(c => char.IsAsciiDigit(c) || c is 'O' or 'o' or 'l' or 'I'))
                continue;
            string With(string year) => Quote(w[..m.Index] + year + w[(m.Index + word.Length)..]);
            if (letters > 0 && word.Length == 4)
            {
                var year = string.Concat(word.Select(c => c switch { 'O' or 'o' => '0', 'l' or 'I' => '1', _ => c }));
                var what = letters == 1 ? "det står en bokstav der det skal være et siffer" : "det står bokstaver der det skal være sifre";
                return $"«{word}» er ikke et gyldig årstall: {what}. Mente du «{With(year)}»?";
            }
            return $"«{Quote(word)}» er ikke et gyldig årstall. Skriv årstallet med fire sifre, for eksempel «{With("2021")}».";
        }
        return null;
    }

    private static readonly string[] KnownWords = [.. MonthNames, "primo", "medio", "ultimo", "våren", "sommeren", "høsten", "kvartal", "tertial", "halvår"];

    /// <summary>The month or period word a misspelt word is closest to (at most two letters off), or null.</summary>
    private static string? Closest(string word)
    {
        if (word.Length < 3) return null;
        var best = KnownWords.MinBy(k => Distance(word, k))!;
        return Distance(word, best) <= 2 ? best : null;
    }

    /// <summary>Levenshtein distance: letters inserted, removed or replaced.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }

    /// <summary>
    /// One period without qualifier. Null and no error: not this kind of text. Null with an error: the form is
    /// recognised but a value is impossible ("Q5 2021").
    /// </summary>
    private static Period? Single(string s, out string? error)
    {
        error = null;
        Match m;
        if ((m = DottedDay().Match(s)).Success)
        {
            var y = m.Groups["y"].Value.Length == 2 ? 2000 + Int(m.Groups["y"]) : Int(m.Groups["y"]);
            return Day(y, Int(m.Groups["m"]), Int(m.Groups["d"]), out error);
        }
        if ((m = IsoDay().Match(s)).Success) return Day(Int(m.Groups["y"]), Int(m.Groups["m"]), Int(m.Groups["d"]), out error);
        if ((m = NamedDay().Match(s)).Success) return Day(Int(m.Groups["y"]), MonthByName[m.Groups["mon"].Value], Int(m.Groups["d"]), out error);
        if ((m = NamedMonth().Match(s)).Success) return Month(Int(m.Groups["y"]), MonthByName[m.Groups["mon"].Value], out error);
        if ((m = NumericMonth().Match(s)).Success || (m = IsoMonth().Match(s)).Success)
            return Month(Int(m.Groups["y"]), Int(m.Groups["m"]), out error);
        if ((m = CodeThenYear().Match(s)).Success || (m = YearThenCode().Match(s)).Success)
            return Part(m.Groups["k"].Value switch { "t" => "tertial", "h" => "halvår", _ => "kvartal" }, Int(m.Groups["n"]), Int(m.Groups["y"]), out error);
        if ((m = OrdinalPart().Match(s)).Success)
        {
            var unit = m.Groups["u"].Value.StartsWith("kv", StringComparison.Ordinal) ? "kvartal"
                : m.Groups["u"].Value.StartsWith("tert", StringComparison.Ordinal) ? "tertial" : "halvår";
            var n = m.Groups["n"].Value switch
            {
                "første" => 1,
                "andre" or "annen" or "annet" => 2,
                "tredje" => 3,
                "fjerde" => 4,
                "siste" => unit switch { "kvartal" => 4, "tertial" => 3, _ => 2 },
                _ => Int(m.Groups["n"]),
            };
            return Part(unit, n, Int(m.Groups["y"]), out error);
        }
        if ((m = PrimoMedioUltimo().Match(s)).Success)
        {
            var third = m.Groups["p"].Value switch
            {
                "primo" or "begynnelsen av" or "starten av" => 0,
                "medio" or "midten av" => 1,
                _ => 2,
            };
            var year = Int(m.Groups["y"]);
            if (!CheckYear(year, out error)) return null;
            if (m.Groups["mon"].Success)
            {
                var month = MonthByName[m.Groups["mon"].Value];
                var first = new DateOnly(year, month, 1);
                var start = first.AddDays(10 * third);
                var end = third == 2 ? first.AddMonths(1).AddDays(-1) : start.AddDays(9);
                return new Period(start, end,
                    third switch { 0 => PlannedDatePrecision.EarlyMonth, 1 => PlannedDatePrecision.MidMonth, _ => PlannedDatePrecision.LateMonth });
            }
            return Months(year, 1 + 4 * third, 4,
                third switch { 0 => PlannedDatePrecision.EarlyYear, 1 => PlannedDatePrecision.MidYear, _ => PlannedDatePrecision.LateYear });
        }
        if ((m = Season().Match(s)).Success)
        {
            var year = Int(m.Groups["y"]);
            var season = m.Groups["s"].Value;
            if (season.StartsWith("vinter", StringComparison.Ordinal))
            {
                error = "«Vinteren» går over årsskiftet og er tvetydig. Skriv for eksempel «1. kvartal "
                    + $"{year}» eller «desember {year - 1}–februar {year}».";
                return null;
            }
            if (!CheckYear(year, out error)) return null;
            return Months(year, season.StartsWith("vår", StringComparison.Ordinal) ? 3 : season.StartsWith("sommer", StringComparison.Ordinal) ? 6 : 9,
                3, PlannedDatePrecision.Season);
        }
        if ((m = YearOnly().Match(s)).Success) return Year(Int(m.Groups["y"]), out error);
        return null;
    }

    private static bool CheckYear(int year, out string? error)
    {
        error = year is < MinYear or > MaxYear ? $"Årstallet må være mellom {MinYear} og {MaxYear}, ikke {year}." : null;
        return error is null;
    }

    private static bool CheckMonth(int month, out string? error)
    {
        error = month is < 1 or > 12 ? $"Måned må være 1–12, ikke {month}." : null;
        return error is null;
    }

    private static Period? Day(int year, int month, int day, out string? error)
    {
        if (!CheckYear(year, out error) || !CheckMonth(month, out error)) return null;
        var days = DateTime.DaysInMonth(year, month);
        if (day < 1 || day > days)
        {
            error = $"Dag må være 1–{days} i {MonthNames[month - 1]} {year}, ikke {day}.";
            return null;
        }
        var d = new DateOnly(year, month, day);
        return new Period(d, d, PlannedDatePrecision.Day);
    }

    private static Period? Month(int year, int month, out string? error)
    {
        if (!CheckYear(year, out error) || !CheckMonth(month, out error)) return null;
        return Months(year, month, 1, PlannedDatePrecision.Month);
    }

    private static Period? Year(int year, out string? error) =>
        CheckYear(year, out error) ? Months(year, 1, 12, PlannedDatePrecision.Year) : null;

    /// <summary>Quarter (1–4), tertial (1–3) or half-year (1–2) number <paramref name="n"/> of <paramref name="year"/>.</summary>
    private static Period? Part(string unit, int n, int year, out string? error)
    {
        var (count, months, precision, range) = unit switch
        {
            "kvartal" => (4, 3, PlannedDatePrecision.Quarter, "1–4"),
            "tertial" => (3, 4, PlannedDatePrecision.Tertial, "1–3"),
            _ => (2, 6, PlannedDatePrecision.HalfYear, "1 eller 2"),
        };
        if (n < 1 || n > count)
        {
            error = $"{char.ToUpperInvariant(unit[0])}{unit[1..]} må være {range}, ikke {n}.";
            return null;
        }
        if (!CheckYear(year, out error)) return null;
        return Months(year, 1 + months * (n - 1), months, precision);
    }

    private static Period Months(int year, int firstMonth, int count, PlannedDatePrecision precision)
    {
        var start = new DateOnly(year, firstMonth, 1);
        return new Period(start, start.AddMonths(count).AddDays(-1), precision);
    }

    private const string MonthPattern =
        "(?<mon>januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember|jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|nov|des)";

    private const RegexOptions Options = RegexOptions.CultureInvariant;

    [GeneratedRegex(@"^(?<d>[0-9]{1,2})\. ?(?<m>[0-9]{1,2})\. ?(?<y>[0-9]{4}|[0-9]{2})$", Options)]
    private static partial Regex DottedDay();

    [GeneratedRegex(@"^(?<y>[0-9]{4})-(?<m>[0-9]{1,2})-(?<d>[0-9]{1,2})$", Options)]
    private static partial Regex IsoDay();

    [GeneratedRegex(@"^(?<d>[0-9]{1,2})\.? ?" + MonthPattern + @"\.? (?<y>[0-9]{4})$", Options)]
    private static partial Regex NamedDay();

    [GeneratedRegex("^" + MonthPattern + @"\.? (?<y>[0-9]{4})$", Options)]
    private static partial Regex NamedMonth();

    [GeneratedRegex(@"^(?<m>[0-9]{1,2})[./](?<y>[0-9]{4})$", Options)]
    private static partial Regex NumericMonth();

    [GeneratedRegex(@"^(?<y>[0-9]{4})-(?<m>[0-9]{1,2})$", Options)]
    private static partial Regex IsoMonth();

    [GeneratedRegex(@"^(?<k>[qkth]) ?(?<n>[0-9]{1,3})(?: ?[-/] ?| )(?<y>[0-9]{4})$", Options)]
    private static partial Regex CodeThenYear();

    [GeneratedRegex(@"^(?<y>[0-9]{4})(?: ?[-/] ?| )(?<k>[qkth]) ?(?<n>[0-9]{1,3})$", Options)]
    private static partial Regex YearThenCode();

    [GeneratedRegex(@"^(?<n>[0-9]{1,3}\.?|første|andre|annen|annet|tredje|fjerde|siste) ?(?<u>kvartal|kv\.?|tertial|tert\.?|halvåret|halvår) ?(?<y>[0-9]{4})$", Options)]
    private static partial Regex OrdinalPart();

    [GeneratedRegex(@"^(?<p>primo|medio|ultimo|begynnelsen av|starten av|midten av|slutten av|utgangen av) (?:" + MonthPattern + @"\.? )?(?<y>[0-9]{4})$", Options)]
    private static partial Regex PrimoMedioUltimo();

    [GeneratedRegex(@"^(?<s>våren|vår|sommeren|sommer|høsten|høst|vinteren|vinter) (?<y>[0-9]{4})$", Options)]
    private static partial Regex Season();

    [GeneratedRegex(@"^(?<y>[0-9]{4})$", Options)]
    private static partial Regex YearOnly();

    [GeneratedRegex(@"^[0-9]{2}$", Options)]
    private static partial Regex TwoDigits();

    [GeneratedRegex(@"^(?:utsatt(?: (?:på|til) ubestemt tid)?|(?:på )?ubestemt(?: tid)?)$", Options)]
    private static partial Regex Indefinite();

    [GeneratedRegex(@"^(?:(?<latest>innen(?: (?:utgangen|slutten) av)?|senest(?: (?:innen|i))?|ikke senere enn)|(?<earliest>tidligst(?: (?:i|fra))?|ikke før)|(?<approx>ca\.?|cirka|omkring|rundt|omtrent))(?: |$|(?<=\.))", Options)]
    private static partial Regex QualifierPrefix();

    [GeneratedRegex(@"^(?:i løpet av|i) ", Options)]
    private static partial Regex Preposition();

    [GeneratedRegex(@"\b(?:neste|forrige|i år|i fjor|i dag|i morgen|snart|nå|om et år)\b", Options)]
    private static partial Regex Relative();

    [GeneratedRegex(@"[0-9]{4}", Options)]
    private static partial Regex FourDigits();

    [GeneratedRegex(@"[\p{L}\p{N}]+", Options)]
    private static partial Regex Word();

    [GeneratedRegex(@"^(?<a>[0-9]{4}) (?<b>[0-9]{4})$", Options)]
    private static partial Regex TwoYears();

    [GeneratedRegex(@"^(?<word>\p{L}+)\.? (?<y>[0-9]{4})$", Options)]
    private static partial Regex WordThenYear();

    [GeneratedRegex(@" (?<y>[0-9]{2})$", Options)]
    private static partial Regex TwoDigitYearAtEnd();

    [GeneratedRegex(@"^[0-9]{1,2}\. ?[0-9]{1,2}\.?$", Options)]
    private static partial Regex MissingYearDottedDay();

    [GeneratedRegex(@"^[qkth] ?[0-9]{1,3}$", Options)]
    private static partial Regex CodeWithoutYear();

    [GeneratedRegex(@"\b(?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember|jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|nov|des|kvartal|kv|tertial|halvåret|halvår|primo|medio|ultimo|våren|vår|sommeren|sommer|høsten|høst|vinteren|vinter)\b|^[qkth] ?[0-9]{1,3} ", Options)]
    private static partial Regex PeriodWord();
}
