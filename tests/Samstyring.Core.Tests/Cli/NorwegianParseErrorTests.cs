using Samstyring.Cli;

namespace Samstyring.Core.Tests.Cli;

/// <summary>
/// What System.CommandLine itself says (parse errors, --help) reaches the user in Norwegian, with exit code 2 for wrong use.
/// Command and option names stay English. No database is touched: the line is refused before anything runs.
/// </summary>
public sealed class NorwegianParseErrorTests
{
    private sealed record Run(int ExitCode, string Out, string Error);

    private static async Task<Run> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliConsole(output, error, new StringReader(""), new Dictionary<string, string?> { ["ConnectionStrings:Samstyring"] = "" }));
        return new Run(code, output.ToString(), error.ToString());
    }

    /// <summary>Words System.CommandLine's English resources use; none may reach the user.</summary>
    private static void AssertNoEnglish(string text)
    {
        foreach (var english in new[] { "Unrecognized", "is required", "Required", "Cannot parse", "expected type", "Usage:", "Options:", "Commands:",
                     "Description:", "Arguments:", "Show help", "Show version", "Did you mean", "not recognized", "Must be one of", "[default", "REQUIRED", "System.Int32" })
            Assert.DoesNotContain(english, text);
    }

    [Fact]
    public async Task An_unknown_command_is_named_in_Norwegian_with_the_commands_there_are()
    {
        var run = await RunAsync("report", "nonsense");

        Assert.Equal(CliApp.Usage, run.ExitCode);
        Assert.Contains("Feil bruk: Ukjent kommando eller argument «nonsense».", run.Error);
        Assert.Contains("Feil bruk: Velg en kommando under «samstyring report»: portfolio, notice,", run.Error);
        Assert.Contains("Se «samstyring report --help» for bruk.", run.Error);
        AssertNoEnglish(run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task A_misspelt_command_or_option_gets_a_suggestion()
    {
        var command = await RunAsync("repot");
        Assert.Equal(CliApp.Usage, command.ExitCode);
        Assert.Contains("Ukjent kommando eller argument «repot». Mente du «report»?", command.Error);

        var option = await RunAsync("user", "create", "--usrname", "ada", "--name", "Ada", "--role", "member");
        Assert.Equal(CliApp.Usage, option.ExitCode);
        Assert.Contains("Ukjent kommando eller argument «--usrname». Mente du «--username»?", option.Error);
        AssertNoEnglish(command.Error + option.Error);
    }

    [Fact]
    public async Task An_unknown_option_and_missing_required_options_are_all_reported_in_Norwegian()
    {
        var run = await RunAsync("user", "create", "--bogus");

        Assert.Equal(CliApp.Usage, run.ExitCode);
        Assert.Contains("Feil bruk: Ukjent kommando eller argument «--bogus».", run.Error);
        Assert.Contains("Feil bruk: Valget --username må oppgis.", run.Error);
        Assert.Contains("Feil bruk: Valget --name må oppgis.", run.Error);
        Assert.Contains("Feil bruk: Valget --role må oppgis.", run.Error);
        Assert.Contains("Se «samstyring user create --help» for bruk.", run.Error);
        AssertNoEnglish(run.Error);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_a_value_left_out_and_a_value_not_allowed_are_explained_in_Norwegian()
    {
        var type = await RunAsync("report", "npv", "--initiative", "abc", "--out", "x.json");
        Assert.Equal(CliApp.Usage, type.ExitCode);
        Assert.Contains("Feil bruk: «abc» er ikke en gyldig verdi for --initiative (forventet et helt tall).", type.Error);

        var missing = await RunAsync("user", "create", "--name", "Ada", "--role", "member", "--username");
        Assert.Equal(CliApp.Usage, missing.ExitCode);
        Assert.Contains("Feil bruk: Valget --username mangler en verdi.", missing.Error);

        var notAllowed = await RunAsync("report", "portfolio", "--format", "odt", "--out", "x.odt");
        Assert.Equal(CliApp.Usage, notAllowed.ExitCode);
        Assert.Contains("Feil bruk: «odt» er ikke en gyldig verdi. Velg en av: docx, xlsx, json, csv.", notAllowed.Error);

        var noCommand = await RunAsync();
        Assert.Equal(CliApp.Usage, noCommand.ExitCode);
        Assert.Contains("Feil bruk: Velg en kommando under «samstyring»: migrate, seed,", noCommand.Error);

        var version = await RunAsync("--version", "user");
        Assert.Equal(CliApp.Usage, version.ExitCode);
        Assert.Contains("Feil bruk: --version kan ikke brukes sammen med andre argumenter.", version.Error);
        AssertNoEnglish(type.Error + missing.Error + notAllowed.Error + noCommand.Error + version.Error);
    }

    [Fact]
    public async Task Help_has_Norwegian_headings_and_descriptions_and_English_names()
    {
        var root = await RunAsync("--help");
        Assert.Equal(CliApp.Ok, root.ExitCode);
        Assert.Contains("Beskrivelse:\n  Samstyring: nasjonal e-helseportefølje og styringsmodell.", root.Out);
        Assert.Contains("Bruk:\n  samstyring [valg] [kommando]", root.Out);
        Assert.Contains("Valg:\n", root.Out);
        Assert.Contains("Kommandoer:\n", root.Out);
        Assert.Matches(@"-\?, -h, --help +Vis hjelp og bruk\.", root.Out);
        Assert.Matches(@"--version +Vis versjonsnummeret\.", root.Out);
        Assert.Matches(@"actor +Aktørregisteret\.", root.Out);

        // Help is shown even when the required options are missing, with each one marked.
        var create = await RunAsync("user", "create", "--help");
        Assert.Equal(CliApp.Ok, create.ExitCode);
        Assert.Contains("Bruk:\n  samstyring user create [valg]", create.Out);
        Assert.Matches(@"--username <verdi> \(påkrevd\) +Brukernavn", create.Out);
        Assert.Matches(@"--data-dir <verdi> +Mappen for SQLite-databasen", create.Out);

        var import = await RunAsync("import", "-h");
        Assert.Contains("Argumenter:\n  <FIL>", import.Out);
        var portfolio = await RunAsync("report", "portfolio", "-?");
        Assert.Contains("[standard: docx]", portfolio.Out);
        AssertNoEnglish(root.Out + create.Out + import.Out + portfolio.Out);
        Assert.Equal("", root.Error + create.Error + import.Error + portfolio.Error);
    }
}
