using System.Globalization;
using System.Reflection;
using Samstyring.Core.Common;
using Samstyring.Core.Roadmap;
using static Samstyring.Core.Roadmap.PlannedDatePrecision;
using static Samstyring.Core.Roadmap.PlannedDateQualifier;

namespace Samstyring.Core.Tests.Roadmap;

/// <summary>Dates as roadmap planners write them, and the interval each stands for. No database.</summary>
public sealed class PlannedDateTests
{
    private static DateOnly? D(string? iso) =>
        iso is null ? null : DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    // A day
    [InlineData("15.03.2021", "2021-03-15", "2021-03-15", Day, None)]
    [InlineData("15.3.2021", "2021-03-15", "2021-03-15", Day, None)]
    [InlineData("2021-03-15", "2021-03-15", "2021-03-15", Day, None)]
    [InlineData("15. mars 2021", "2021-03-15", "2021-03-15", Day, None)]
    [InlineData("15 mars 2021", "2021-03-15", "2021-03-15", Day, None)]
    [InlineData("15. mar. 2021", "2021-03-15", "2021-03-15", Day, None)]
    [InlineData("11.10.21", "2021-10-11", "2021-10-11", Day, None)]
    [InlineData("29.02.2024", "2024-02-29", "2024-02-29", Day, None)]
    // A month
    [InlineData("mars 2021", "2021-03-01", "2021-03-31", Month, None)]
    [InlineData("Mars 2021", "2021-03-01", "2021-03-31", Month, None)]
    [InlineData("03.2021", "2021-03-01", "2021-03-31", Month, None)]
    [InlineData("3.2021", "2021-03-01", "2021-03-31", Month, None)]
    [InlineData("03/2021", "2021-03-01", "2021-03-31", Month, None)]
    [InlineData("2021-03", "2021-03-01", "2021-03-31", Month, None)]
    [InlineData("februar 2024", "2024-02-01", "2024-02-29", Month, None)]
    [InlineData("des. 2021", "2021-12-01", "2021-12-31", Month, None)]
    // A quarter
    [InlineData("Q4 2018", "2018-10-01", "2018-12-31", Quarter, None)]
    [InlineData("q4 2018", "2018-10-01", "2018-12-31", Quarter, None)]
    [InlineData("Q4-2018", "2018-10-01", "2018-12-31", Quarter, None)]
    [InlineData("2018 Q4", "2018-10-01", "2018-12-31", Quarter, None)]
    [InlineData("4. kvartal 2018", "2018-10-01", "2018-12-31", Quarter, None)]
    [InlineData("4.kvartal 2018", "2018-10-01", "2018-12-31", Quarter, None)]
    [InlineData("4. kv. 2018", "2018-10-01", "2018-12-31", Quarter, None)]
    [InlineData("4. kv 2018", "2018-10-01", "2018-12-31", Quarter, None)]
    [InlineData("K4 2018", "2018-10-01", "2018-12-31", Quarter, None)]
    [InlineData("fjerde kvartal 2018", "2018-10-01", "2018-12-31", Quarter, None)]
    [InlineData("siste kvartal 2018", "2018-10-01", "2018-12-31", Quarter, None)]
    [InlineData("Q1 2019", "2019-01-01", "2019-03-31", Quarter, None)]
    [InlineData("1. kvartal 2020", "2020-01-01", "2020-03-31", Quarter, None)]
    // A tertial
    [InlineData("T1 2021", "2021-01-01", "2021-04-30", Tertial, None)]
    [InlineData("T2 2021", "2021-05-01", "2021-08-31", Tertial, None)]
    [InlineData("2. tertial 2021", "2021-05-01", "2021-08-31", Tertial, None)]
    [InlineData("andre tertial 2021", "2021-05-01", "2021-08-31", Tertial, None)]
    [InlineData("T3 2021", "2021-09-01", "2021-12-31", Tertial, None)]
    // A half-year
    [InlineData("1. halvår 2022", "2022-01-01", "2022-06-30", HalfYear, None)]
    [InlineData("H2 2022", "2022-07-01", "2022-12-31", HalfYear, None)]
    [InlineData("h1 2022", "2022-01-01", "2022-06-30", HalfYear, None)]
    [InlineData("andre halvår 2022", "2022-07-01", "2022-12-31", HalfYear, None)]
    [InlineData("annet halvår 2022", "2022-07-01", "2022-12-31", HalfYear, None)]
    [InlineData("første halvår 2022", "2022-01-01", "2022-06-30", HalfYear, None)]
    [InlineData("Første halvår 2019", "2019-01-01", "2019-06-30", HalfYear, None)]
    [InlineData("2. halvåret 2022", "2022-07-01", "2022-12-31", HalfYear, None)]
    // A year
    [InlineData("2021", "2021-01-01", "2021-12-31", Year, None)]
    [InlineData("i 2022", "2022-01-01", "2022-12-31", Year, None)]
    [InlineData("i løpet av 2021", "2021-01-01", "2021-12-31", Year, None)]
    [InlineData("1990", "1990-01-01", "1990-12-31", Year, None)]
    [InlineData("2100", "2100-01-01", "2100-12-31", Year, None)]
    // Primo / medio / ultimo: first, middle and last third
    [InlineData("primo 2022", "2022-01-01", "2022-04-30", EarlyYear, None)]
    [InlineData("begynnelsen av 2022", "2022-01-01", "2022-04-30", EarlyYear, None)]
    [InlineData("medio 2021", "2021-05-01", "2021-08-31", MidYear, None)]
    [InlineData("Medio 2021", "2021-05-01", "2021-08-31", MidYear, None)]
    [InlineData("midten av 2021", "2021-05-01", "2021-08-31", MidYear, None)]
    [InlineData("ultimo 2022", "2022-09-01", "2022-12-31", LateYear, None)]
    [InlineData("slutten av 2022", "2022-09-01", "2022-12-31", LateYear, None)]
    [InlineData("utgangen av 2022", "2022-09-01", "2022-12-31", LateYear, None)]
    [InlineData("primo mars 2021", "2021-03-01", "2021-03-10", EarlyMonth, None)]
    [InlineData("medio mars 2021", "2021-03-11", "2021-03-20", MidMonth, None)]
    [InlineData("ultimo februar 2021", "2021-02-21", "2021-02-28", LateMonth, None)]
    [InlineData("ultimo desember 2021", "2021-12-21", "2021-12-31", LateMonth, None)]
    // Seasons
    [InlineData("våren 2022", "2022-03-01", "2022-05-31", Season, None)]
    [InlineData("sommeren 2022", "2022-06-01", "2022-08-31", Season, None)]
    [InlineData("høsten 2021", "2021-09-01", "2021-11-30", Season, None)]
    // Spans of years and other ranges
    [InlineData("2021/2022", "2021-01-01", "2022-12-31", YearSpan, None)]
    [InlineData("2021/22", "2021-01-01", "2022-12-31", YearSpan, None)]
    [InlineData("2021-2023", "2021-01-01", "2023-12-31", YearSpan, None)]
    [InlineData("2021–2023", "2021-01-01", "2023-12-31", YearSpan, None)]
    [InlineData("2021 – 2023", "2021-01-01", "2023-12-31", YearSpan, None)]
    [InlineData("2035-2040", "2035-01-01", "2040-12-31", YearSpan, None)]
    [InlineData("Q4 2021–Q2 2022", "2021-10-01", "2022-06-30", PlannedDatePrecision.Range, None)]
    [InlineData("Q4 2021 / Q2 2022", "2021-10-01", "2022-06-30", PlannedDatePrecision.Range, None)]
    [InlineData("desember 2021–februar 2022", "2021-12-01", "2022-02-28", PlannedDatePrecision.Range, None)]
    [InlineData("15.03.2021 - 2021-04-01", "2021-03-15", "2021-04-01", PlannedDatePrecision.Range, None)]
    // Earliest
    [InlineData("tidligst Q4 2018", "2018-10-01", "2018-12-31", Quarter, Earliest)]
    [InlineData("Tidligst 2023", "2023-01-01", "2023-12-31", Year, Earliest)]
    [InlineData("tidligst i 4. kvartal 2018", "2018-10-01", "2018-12-31", Quarter, Earliest)]
    [InlineData("tidligst fra 2022", "2022-01-01", "2022-12-31", Year, Earliest)]
    [InlineData("ikke før 2023", "2023-01-01", "2023-12-31", Year, Earliest)]
    // Latest
    [InlineData("innen 2025", "2025-01-01", "2025-12-31", Year, Latest)]
    [InlineData("innen utgangen av 2025", "2025-01-01", "2025-12-31", Year, Latest)]
    [InlineData("Innen utgangen av desember 2021", "2021-12-01", "2021-12-31", Month, Latest)]
    [InlineData("innen 2021/2022", "2021-01-01", "2022-12-31", YearSpan, Latest)]
    [InlineData("senest Q2 2024", "2024-04-01", "2024-06-30", Quarter, Latest)]
    [InlineData("senest i 2024", "2024-01-01", "2024-12-31", Year, Latest)]
    [InlineData("ikke senere enn H1 2024", "2024-01-01", "2024-06-30", HalfYear, Latest)]
    // Approximately
    [InlineData("ca. 2023", "2023-01-01", "2023-12-31", Year, Approximately)]
    [InlineData("ca 2023", "2023-01-01", "2023-12-31", Year, Approximately)]
    [InlineData("ca.2023", "2023-01-01", "2023-12-31", Year, Approximately)]
    [InlineData("cirka 2023", "2023-01-01", "2023-12-31", Year, Approximately)]
    [InlineData("ca. 2023.", "2023-01-01", "2023-12-31", Year, Approximately)]
    [InlineData("ca. medio 2021", "2021-05-01", "2021-08-31", MidYear, Approximately)]
    // Postponed indefinitely
    [InlineData("utsatt på ubestemt tid", null, null, Indefinite, None)]
    [InlineData("Utsatt på ubestemt tid.", null, null, Indefinite, None)]
    [InlineData("UTSATT PÅ UBESTEMT TID", null, null, Indefinite, None)]
    [InlineData("utsatt", null, null, Indefinite, None)]
    [InlineData("ubestemt", null, null, Indefinite, None)]
    [InlineData("på ubestemt tid", null, null, Indefinite, None)]
    public void Every_accepted_form_gives_its_interval(
        string text, string? start, string? end, PlannedDatePrecision precision, PlannedDateQualifier qualifier)
    {
        Assert.True(PlannedDate.TryParse(text, out var date, out var error), error);
        Assert.Null(error);
        Assert.Equal(D(start), date.Start);
        Assert.Equal(D(end), date.End);
        Assert.Equal(precision, date.Precision);
        Assert.Equal(qualifier, date.Qualifier);
        Assert.Equal(text, date.Written);
        Assert.Equal(start is null, date.IsIndefinite);
        Assert.Equal(date, PlannedDate.Parse(text));
    }

    [Theory]
    [InlineData("Q5 2021", "Kvartal må være 1–4, ikke 5.")]
    [InlineData("Q0 2021", "Kvartal må være 1–4, ikke 0.")]
    [InlineData("5. kvartal 2021", "Kvartal må være 1–4, ikke 5.")]
    [InlineData("tidligst Q5 2021", "Kvartal må være 1–4, ikke 5.")]
    [InlineData("2021/2019", "Sluttåret (2019) kan ikke være før startåret (2021).")]
    [InlineData("2021–2019", "Sluttåret (2019) kan ikke være før startåret (2021).")]
    [InlineData("2021/19", "Sluttåret (2019) kan ikke være før startåret (2021).")]
    [InlineData("2021/2021", "Start- og sluttåret er like (2021); skriv bare «2021».")]
    [InlineData("Q2 2022 - Q1 2022", "Slutten av perioden («Q1 2022») må ligge etter starten («Q2 2022»).")]
    [InlineData("Q5 2021 - Q1 2022", "Kvartal må være 1–4, ikke 5.")]
    [InlineData("32.01.2021", "Dag må være 1–31 i januar 2021, ikke 32.")]
    [InlineData("0.01.2021", "Dag må være 1–31 i januar 2021, ikke 0.")]
    [InlineData("29.02.2021", "Dag må være 1–28 i februar 2021, ikke 29.")]
    [InlineData("2021-02-30", "Dag må være 1–28 i februar 2021, ikke 30.")]
    [InlineData("31. april 2021", "Dag må være 1–30 i april 2021, ikke 31.")]
    [InlineData("15.13.2021", "Måned må være 1–12, ikke 13.")]
    [InlineData("13.2021", "Måned må være 1–12, ikke 13.")]
    [InlineData("2021-13", "Måned må være 1–12, ikke 13.")]
    [InlineData("00.2021", "Måned må være 1–12, ikke 0.")]
    [InlineData("H3 2021", "Halvår må være 1 eller 2, ikke 3.")]
    [InlineData("3. halvår 2021", "Halvår må være 1 eller 2, ikke 3.")]
    [InlineData("T4 2021", "Tertial må være 1–3, ikke 4.")]
    [InlineData("fjerde tertial 2021", "Tertial må være 1–3, ikke 4.")]
    [InlineData("mars", "«mars» mangler årstall, for eksempel «mars 2021».")]
    [InlineData("Q4", "«Q4» mangler årstall, for eksempel «Q4 2021».")]
    [InlineData("medio", "«medio» mangler årstall, for eksempel «medio 2021».")]
    [InlineData("4. kvartal", "«4. kvartal» mangler årstall, for eksempel «4. kvartal 2021».")]
    [InlineData("15.03", "«15.03» mangler årstall, for eksempel «15.03.2021».")]
    [InlineData("mars 21", "Skriv årstallet med fire sifre: «mars 2021», ikke «mars 21».")]
    [InlineData("Q4 18", "Skriv årstallet med fire sifre: «Q4 2018», ikke «Q4 18».")]
    [InlineData("", "Tidspunktet må fylles ut.")]
    [InlineData("   ", "Tidspunktet må fylles ut.")]
    [InlineData(null, "Tidspunktet må fylles ut.")]
    [InlineData("neste år", "Relative tidspunkt som «neste år» kan ikke brukes, fordi veikartet leses lenge etter at det er skrevet. Skriv årstallet, for eksempel «2022».")]
    [InlineData("tidligst i fjor", "Relative tidspunkt som «tidligst i fjor» kan ikke brukes, fordi veikartet leses lenge etter at det er skrevet. Skriv årstallet, for eksempel «2022».")]
    [InlineData("1989", "Årstallet må være mellom 1990 og 2100, ikke 1989.")]
    [InlineData("2101", "Årstallet må være mellom 1990 og 2100, ikke 2101.")]
    [InlineData("Q1 1980", "Årstallet må være mellom 1990 og 2100, ikke 1980.")]
    [InlineData("medio 2200", "Årstallet må være mellom 1990 og 2100, ikke 2200.")]
    [InlineData("15.03.1899", "Årstallet må være mellom 1990 og 2100, ikke 1899.")]
    [InlineData("1989-1991", "Årstallet må være mellom 1990 og 2100, ikke 1989.")]
    [InlineData("tidligst", "«tidligst» må følges av et tidspunkt, for eksempel «tidligst Q4 2018».")]
    [InlineData("innen utgangen av", "«innen utgangen av» må følges av et tidspunkt, for eksempel «innen utgangen av 2025».")]
    [InlineData("tidligst utsatt på ubestemt tid", "«tidligst» kan ikke kombineres med «utsatt på ubestemt tid».")]
    [InlineData("ca. tidligst 2023", "Bruk bare én av «tidligst», «senest»/«innen» og «ca.».")]
    [InlineData("vinteren 2022", "«Vinteren» går over årsskiftet og er tvetydig. Skriv for eksempel «1. kvartal 2022» eller «desember 2021–februar 2022».")]
    // A year that is not four digits is named as such, with the text corrected where the fix is plain.
    [InlineData("januar 2O22", "«2O22» er ikke et gyldig årstall: det står en bokstav der det skal være et siffer. Mente du «januar 2022»?")]
    [InlineData("tidligst Q4 2O18", "«2O18» er ikke et gyldig årstall: det står en bokstav der det skal være et siffer. Mente du «tidligst Q4 2018»?")]
    [InlineData("2021–2O22", "«2O22» er ikke et gyldig årstall: det står en bokstav der det skal være et siffer. Mente du «2021–2022»?")]
    [InlineData("15.03.2O21", "«2O21» er ikke et gyldig årstall: det står en bokstav der det skal være et siffer. Mente du «15.03.2021»?")]
    [InlineData("2O1O", "«2O1O» er ikke et gyldig årstall: det står bokstaver der det skal være sifre. Mente du «2010»?")]
    [InlineData("mars 202", "«202» er ikke et gyldig årstall. Skriv årstallet med fire sifre, for eksempel «mars 2021».")]
    [InlineData("Q4 20222", "«20222» er ikke et gyldig årstall. Skriv årstallet med fire sifre, for eksempel «Q4 2021».")]
    // Misspelt or incomplete words, and two years without a separator.
    [InlineData("marts 2021", "«marts» er ikke en måned eller en periode vi kjenner igjen. Mente du «mars 2021»?")]
    [InlineData("Janury 2021", "«Janury» er ikke en måned eller en periode vi kjenner igjen. Mente du «januar 2021»?")]
    [InlineData("påske 2021", "«påske» er ikke en måned eller en periode vi kjenner igjen. Skriv for eksempel «mars 2021», «Q1 2021», «1. halvår 2021» eller «våren 2021».")]
    [InlineData("Q 2021", "Skriv nummeret etter «Q», for eksempel «Q1 2021».")]
    [InlineData("2021 2022", "Skriv skråstrek eller tankestrek mellom årene, for eksempel «2021/2022» eller «2021–2022».")]
    [InlineData("ca.", "«ca.» må følges av et tidspunkt, for eksempel «ca. 2025».")]
    [InlineData("blabla", "«blabla» er ikke et tidspunkt vi kjenner igjen. Skriv for eksempel «15.03.2021», «mars 2021», «Q4 2018», «1. halvår 2022», «2021», «medio 2021», «2021/2022», «tidligst Q4 2018», «innen 2025» eller «utsatt på ubestemt tid».")]
    public void Nonsense_is_refused_with_a_Norwegian_message_naming_the_problem(string? text, string message)
    {
        Assert.False(PlannedDate.TryParse(text, out var date, out var error));
        Assert.Null(date);
        Assert.Equal(message, error);
        if (text is not null)
            Assert.Equal(message, Assert.Throws<FormatException>(() => PlannedDate.Parse(text)).Message);
    }

    [Theory]
    [InlineData("Q")]
    [InlineData("20211")]
    [InlineData("Q4 2018 Q1")]
    [InlineData("2021//2022")]
    [InlineData("tidligst tidligst")]
    [InlineData("ca. kanskje")]
    [InlineData("٢٠٢١")]
    public void Other_nonsense_is_refused_too(string text)
    {
        Assert.False(PlannedDate.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Too_long_text_and_control_characters_are_refused()
    {
        Assert.False(PlannedDate.TryParse(new string('x', 101), out _, out var error));
        Assert.Equal("Tidspunktet kan ikke være lengre enn 100 tegn (er 101).", error);
        Assert.False(PlannedDate.TryParse("Q4\u00072018", out _, out error));
        Assert.Equal("Tidspunktet inneholder ugyldige kontrolltegn.", error);
    }

    [Theory]
    [InlineData("  tidligst   Q4\u00A02018 ", "tidligst Q4 2018")]
    [InlineData("\t4.  kvartal\n2018", "4. kvartal 2018")]
    [InlineData("Utsatt  på ubestemt  tid", "Utsatt på ubestemt tid")]
    [InlineData("ca. 2023.", "ca. 2023.")]
    public void Written_is_kept_trimmed_with_white_space_collapsed_and_parses_back_to_the_same_date(string text, string written)
    {
        var date = PlannedDate.Parse(text);
        Assert.Equal(written, date.Written);
        Assert.Equal(written, date.ToString());
        Assert.Equal(date, PlannedDate.Parse(date.Written));
    }

    [Fact]
    public void Case_and_dash_style_do_not_change_the_interval()
    {
        var a = PlannedDate.Parse("TIDLIGST q4 2018");
        var b = PlannedDate.Parse("tidligst Q4 2018");
        Assert.Equal((a.Start, a.End, a.Precision, a.Qualifier), (b.Start, b.End, b.Precision, b.Qualifier));
        var hyphen = PlannedDate.Parse("2021-2023");
        var emDash = PlannedDate.Parse("2021—2023");
        Assert.Equal((hyphen.Start, hyphen.End), (emDash.Start, emDash.End));
    }

    [Fact]
    public void Primo_medio_and_ultimo_cover_the_year_without_gaps_or_overlaps()
    {
        var primo = PlannedDate.Parse("primo 2022");
        var medio = PlannedDate.Parse("medio 2022");
        var ultimo = PlannedDate.Parse("ultimo 2022");
        Assert.Equal(new DateOnly(2022, 1, 1), primo.Start);
        Assert.Equal(primo.End!.Value.AddDays(1), medio.Start);
        Assert.Equal(medio.End!.Value.AddDays(1), ultimo.Start);
        Assert.Equal(new DateOnly(2022, 12, 31), ultimo.End);
    }

    [Theory]
    [InlineData("Q4 2018", "Q4 2019", 12)]
    [InlineData("tidligst Q4 2018", "Q4 2019", 12)]
    [InlineData("medio 2021", "ultimo 2021", 4)]
    [InlineData("2021", "2021/2022", 0)]
    [InlineData("1. halvår 2022", "H2 2022", 6)]
    [InlineData("31.01.2021", "01.02.2021", 1)]
    [InlineData("H2 2022", "1. halvår 2022", -6)]
    [InlineData("2019", "2021", 24)]
    public void MonthsBetween_compares_the_starts_of_the_intervals(string from, string to, int months)
    {
        Assert.Equal(months, PlannedDate.MonthsBetween(PlannedDate.Parse(from), PlannedDate.Parse(to)));
    }

    [Fact]
    public void MonthsBetween_refuses_a_date_postponed_indefinitely()
    {
        var q4 = PlannedDate.Parse("Q4 2018");
        var postponed = PlannedDate.Parse("utsatt på ubestemt tid");
        Assert.Throws<ArgumentException>(() => PlannedDate.MonthsBetween(q4, postponed));
        Assert.Throws<ArgumentException>(() => PlannedDate.MonthsBetween(postponed, q4));
    }

    [Theory]
    [InlineData(0, "under 1 måned")]
    [InlineData(1, "1 måned")]
    [InlineData(2, "2 måneder")]
    [InlineData(3, "3 måneder")]
    [InlineData(4, "ca. 4 måneder")]
    [InlineData(6, "ca. 6 måneder")]
    [InlineData(11, "ca. 11 måneder")]
    [InlineData(12, "ca. 1 år")]
    [InlineData(14, "ca. 1 år")]
    [InlineData(15, "ca. 1,5 år")]
    [InlineData(18, "ca. 1,5 år")]
    [InlineData(20, "ca. 1,5 år")]
    [InlineData(21, "ca. 2 år")]
    [InlineData(24, "ca. 2 år")]
    [InlineData(30, "ca. 2,5 år")]
    [InlineData(36, "ca. 3 år")]
    [InlineData(-1, "1 måned tidligere")]
    [InlineData(-12, "ca. 1 år tidligere")]
    [InlineData(int.MinValue, "ca. 178956970,5 år tidligere")]
    public void DescribeDelay_says_it_the_way_NUIT_does(int months, string expected)
    {
        Assert.Equal(expected, PlannedDate.DescribeDelay(months));
    }

    [Fact]
    public void The_Helse_Vest_delay_of_about_a_year_reads_as_in_case_38_21()
    {
        var before = PlannedDate.Parse("Q4 2021");
        var after = PlannedDate.Parse("4. kvartal 2022");
        Assert.Equal("ca. 1 år", PlannedDate.DescribeDelay(PlannedDate.MonthsBetween(before, after)));
    }

    [Theory]
    [InlineData("Q4 2018", "2018-12-31", "2019-01-31", true)]
    [InlineData("Q4 2018", "2019-01-01", "2019-01-31", false)]
    [InlineData("Q4 2018", "2018-01-01", "2018-10-01", true)]
    [InlineData("Q4 2018", "2018-01-01", "2018-09-30", false)]
    [InlineData("2021/2022", "2022-06-01", "2022-06-01", true)]
    [InlineData("15.03.2021", "2021-03-15", "2021-03-15", true)]
    [InlineData("utsatt", "1990-01-01", "2100-12-31", false)]
    public void Overlaps_uses_the_inclusive_interval(string text, string from, string to, bool expected)
    {
        Assert.Equal(expected, PlannedDate.Parse(text).Overlaps(D(from)!.Value, D(to)!.Value));
    }

    [Fact]
    public void Overlaps_refuses_a_period_that_ends_before_it_starts()
    {
        Assert.Throws<ArgumentException>(() => PlannedDate.Parse("2021").Overlaps(new DateOnly(2021, 2, 1), new DateOnly(2021, 1, 1)));
    }

    [Fact]
    public void Every_precision_and_qualifier_has_a_Norwegian_label()
    {
        foreach (var field in typeof(PlannedDatePrecision).GetFields(BindingFlags.Public | BindingFlags.Static)
                     .Concat(typeof(PlannedDateQualifier).GetFields(BindingFlags.Public | BindingFlags.Static)))
            Assert.NotNull(field.GetCustomAttribute<LabelAttribute>());
        Assert.Equal("Medio år (mai–august)", MidYear.Label());
        Assert.Equal("year-span", YearSpan.Code());
        Assert.Equal("Tidligst", Earliest.Label());
    }
}
