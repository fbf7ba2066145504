using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Resources;
using System.Text;
using System.Text.RegularExpressions;

namespace Samstyring.Cli;

/// <summary>
/// System.CommandLine in Norwegian. Version 2.0.0 ships no Norwegian resources and keeps its resource class and help
/// builder internal, so its parse errors are translated here by their message templates (read from the package's own
/// resources, so the patterns follow the installed version), and help is written here. Command and option names stay
/// English: they are the machine contract.
/// </summary>
internal static class NorwegianCommandLine
{
    private const string ResourceName = "System.CommandLine.Properties.Resources";

    /// <summary>The package's English message templates by resource name, and what we say instead ({0}, {1}, … as in the template).</summary>
    private static readonly (string Key, string Norwegian)[] Messages =
    [
        ("UnrecognizedCommandOrArgument", "Ukjent kommando eller argument «{0}»."),
        ("RequiredOptionWasNotProvided", "Valget {0} må oppgis."),
        ("RequiredCommandWasNotProvided", "Velg en kommando."),
        ("CommandRequiredArgumentMissing", "Kommandoen «{0}» mangler et argument."),
        ("OptionRequiredArgumentMissing", "Valget {0} mangler en verdi."),
        ("ArgumentConversionCannotParseForOption_Completions", "«{0}» er ikke en gyldig verdi for {1} (forventet {2}). Mente du en av disse?{3}"),
        ("ArgumentConversionCannotParseForCommand_Completions", "«{0}» er ikke en gyldig verdi for kommandoen «{1}» (forventet {2}). Mente du en av disse?{3}"),
        ("ArgumentConversionCannotParseForOption", "«{0}» er ikke en gyldig verdi for {1} (forventet {2})."),
        ("ArgumentConversionCannotParseForCommand", "«{0}» er ikke en gyldig verdi for kommandoen «{1}» (forventet {2})."),
        ("ArgumentConversionCannotParse", "«{0}» er ikke en gyldig verdi (forventet {1})."),
        ("UnrecognizedArgument", "«{0}» er ikke en gyldig verdi. Velg en av:{1}"),
        ("OptionExpectsOneArgument", "Valget {0} tar én verdi, men fikk {1}."),
        ("FileDoesNotExist", "Filen finnes ikke: «{0}»."),
        ("DirectoryDoesNotExist", "Mappen finnes ikke: «{0}»."),
        ("FileOrDirectoryDoesNotExist", "Filen eller mappen finnes ikke: «{0}»."),
        ("InvalidCharactersInPath", "Tegnet «{0}» er ikke tillatt i en sti."),
        ("InvalidCharactersInFileName", "Tegnet «{0}» er ikke tillatt i et filnavn."),
        ("ResponseFileNotFound", "Fant ikke svarfilen «{0}»."),
        ("ErrorReadingResponseFile", "Kunne ikke lese svarfilen «{0}»: {1}"),
        ("VersionOptionCannotBeCombinedWithOtherArguments", "{0} kan ikke brukes sammen med andre argumenter."),
    ];

    private static readonly Lazy<List<(Regex Pattern, string Key, string Norwegian)>> Patterns = new(() =>
    {
        var resources = new ResourceManager(ResourceName, typeof(RootCommand).Assembly);
        var list = new List<(Regex, string, string)>();
        foreach (var (key, norwegian) in Messages)
        {
            if (resources.GetString(key, CultureInfo.InvariantCulture) is not { } template) continue;
            // Each {n} becomes a group; the rest is matched literally.
            var pattern = Regex.Replace(Regex.Escape(template), @"\\\{(\d+)}", m => $"(?<g{m.Groups[1].Value}>.*?)");
            list.Add((new Regex("^" + pattern + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant), key, norwegian));
        }
        // The longer templates first: «… as expected type '{2}'. Did you mean …» before «… as expected type '{2}'.».
        return list.OrderByDescending(x => x.Item1.ToString().Length).ToList();
    });

    /// <summary>Norwegian help and descriptions for the built-in --help and --version options of the whole tree.</summary>
    public static void Apply(RootCommand root)
    {
        foreach (var option in root.Options)
        {
            if (option is HelpOption help)
            {
                help.Description = "Vis hjelp og bruk.";
                help.Action = new HelpWriter();
            }
            else if (option is VersionOption version) version.Description = "Vis versjonsnummeret.";
        }
    }

    /// <summary>--help was asked for: it is shown even when the rest of the line is wrong (a required option left out, say).</summary>
    public static bool IsHelp(ParseResult parse) => parse.Action is HelpWriter;

    /// <summary>Every parse error of <paramref name="parse"/> in Norwegian, each with «did you mean» for an unknown word where one is close.</summary>
    public static IEnumerable<string> Errors(ParseResult parse)
    {
        // A word that was not understood first: it is what the user got wrong, and the list of commands that follows is the help.
        foreach (var error in parse.Errors.OrderBy(e => Translate(e.Message).Key == "UnrecognizedCommandOrArgument" ? 0 : 1))
        {
            var (key, text) = Translate(error.Message);
            if (key == "RequiredCommandWasNotProvided" && error.SymbolResult is CommandResult { Command: var command })
                text = $"Velg en kommando under «{CommandPath(command)}»: {string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}.";
            if (key == "UnrecognizedCommandOrArgument" && parse.CommandResult.Command is var current
                && Suggestions(current, parse.UnmatchedTokens.FirstOrDefault(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal))) is { Count: > 0 } close)
                text += $" Mente du {string.Join(" eller ", close.Select(c => $"«{c}»"))}?";
            yield return text;
        }
    }

    /// <summary>The message in Norwegian, and the template it matched (null when it is not one of the package's, e.g. our own validators').</summary>
    public static (string? Key, string Text) Translate(string message)
    {
        foreach (var (pattern, key, norwegian) in Patterns.Value)
        {
            var m = pattern.Match(message);
            if (!m.Success) continue;
            var text = Regex.Replace(norwegian, @"\{(\d+)}", g =>
            {
                var value = m.Groups["g" + g.Groups[1].Value].Value;
                // The expected type is named for people: 'System.Int32' means a whole number.
                if (IsTypeSlot(key, g.Groups[1].Value)) return TypeName(value);
                // The allowed values come one per line in quotes; a list reads better.
                if (key == "UnrecognizedArgument" && g.Groups[1].Value == "1")
                    return " " + string.Join(", ", value.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => v.Trim('\''))) + ".";
                return value;
            });
            return (key, text);
        }
        return (null, message);
    }

    private static bool IsTypeSlot(string key, string slot) =>
        (key.StartsWith("ArgumentConversionCannotParseFor", StringComparison.Ordinal) && slot == "2") || (key == "ArgumentConversionCannotParse" && slot == "1");

    private static string TypeName(string type) => type switch
    {
        "System.Int32" or "System.Int64" or "System.Int16" => "et helt tall",
        "System.Decimal" or "System.Double" or "System.Single" => "et tall",
        "System.Boolean" => "true eller false",
        "System.DateOnly" or "System.DateTime" or "System.DateTimeOffset" => "en dato",
        "System.IO.FileInfo" => "en fil",
        "System.IO.DirectoryInfo" => "en mappe",
        _ => type.StartsWith("System.Nullable`1[", StringComparison.Ordinal) ? TypeName(type[18..^1]) : type,
    };

    /// <summary>Names and aliases of the command's subcommands and options that are close to <paramref name="token"/> (at most three).</summary>
    private static List<string> Suggestions(Command command, string? token)
    {
        if (string.IsNullOrEmpty(token)) return [];
        var candidates = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name)
            .Concat(AllOptions(command).Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)))
            .Where(c => c.TrimStart('-').Length >= 3).Distinct(StringComparer.Ordinal).ToList();
        var word = token.TrimStart('-');
        if (word.Length < 3) return []; // «x» is close to too much to be a useful hint
        return candidates
            .Select(c => (Name: c, Distance: c.TrimStart('-').StartsWith(word, StringComparison.OrdinalIgnoreCase) && word.Length >= 2 ? 0 : Distance(word, c.TrimStart('-'))))
            .Where(c => c.Distance <= Math.Max(1, Math.Min(3, word.Length / 3)))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal).Take(3).Select(c => c.Name).ToList();
    }

    private static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }

    /// <summary>The command's own options and the recursive ones of the commands above it (--data-dir, --help, …).</summary>
    private static IEnumerable<Option> AllOptions(Command command)
    {
        var seen = new HashSet<Option>();
        foreach (var option in command.Options)
            if (seen.Add(option)) yield return option;
        foreach (var parent in Ancestors(command))
            foreach (var option in parent.Options.Where(o => o.Recursive))
                if (seen.Add(option)) yield return option;
    }

    private static IEnumerable<Command> Ancestors(Command command)
    {
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
            yield return parent;
    }

    /// <summary>«samstyring user create»: the executable's name, then each command down to this one.</summary>
    public static string CommandPath(Command command) =>
        string.Join(' ', Ancestors(command).Reverse().Append(command).Select(c => c is RootCommand ? "samstyring" : c.Name));

    /// <summary>--help: the command's description, usage, arguments, options and subcommands, with Norwegian headings.</summary>
    private sealed class HelpWriter : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.Write(Write(parseResult.CommandResult.Command));
            return 0;
        }
    }

    public static string Write(Command command)
    {
        var b = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(command.Description))
            b.Append("Beskrivelse:\n  ").Append(command.Description).Append("\n\n");

        var arguments = command.Arguments.Where(a => !a.Hidden).ToList();
        var options = AllOptions(command).Where(o => !o.Hidden).ToList();
        var subcommands = command.Subcommands.Where(c => !c.Hidden).ToList();
        var usage = new List<string> { CommandPath(command) };
        usage.AddRange(arguments.Select(a => $"<{a.HelpName ?? a.Name}>"));
        if (options.Count > 0) usage.Add("[valg]");
        if (subcommands.Count > 0) usage.Add("[kommando]");
        b.Append("Bruk:\n  ").Append(string.Join(' ', usage)).Append("\n\n");

        Section(b, "Argumenter:", arguments.Select(a => ($"<{a.HelpName ?? a.Name}>", a.Description ?? "")));
        Section(b, "Valg:", options.Select(o => (OptionLabel(o), Describe(o))));
        Section(b, "Kommandoer:", subcommands.Select(c => (c.Name, c.Description ?? "")));
        return b.ToString();
    }

    private static string OptionLabel(Option o)
    {
        // The Windows spellings (/?, /h) are left out, as System.CommandLine's own help does.
        var names = string.Join(", ", o.Aliases.Prepend(o.Name).Where(n => !n.StartsWith('/')).Distinct()
            .OrderBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal));
        var flag = o.ValueType == typeof(bool) || o.Arity.MaximumNumberOfValues == 0;
        return names + (flag ? "" : $" <{o.HelpName ?? "verdi"}>") + (o.Required ? " (påkrevd)" : "");
    }

    private static string Describe(Option o)
    {
        var text = o.Description ?? "";
        // Values the parser accepts (AcceptOnlyFromAmong), unless the description already names them.
        var values = o.ValueType == typeof(bool) ? [] : o.GetCompletions(CompletionContext.Empty).Select(c => c.Label).ToList();
        if (values.Count > 0 && !values.All(v => text.Contains(v, StringComparison.Ordinal))) text += $" [verdier: {string.Join(", ", values)}]";
        if (o.HasDefaultValue && o.ValueType != typeof(bool) && o.GetDefaultValue() is { } d && d.ToString() is { Length: > 0 } shown)
            text += $" [standard: {shown}]";
        return text;
    }

    private static void Section(StringBuilder b, string heading, IEnumerable<(string First, string Second)> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0) return;
        var width = list.Max(r => r.First.Length) + 2;
        b.Append(heading).Append('\n');
        foreach (var (first, second) in list)
            b.Append("  ").Append(string.IsNullOrEmpty(second) ? first : first.PadRight(width) + second).Append('\n');
        b.Append('\n');
    }
}
