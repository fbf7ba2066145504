using System.Text;
using Samstyring.Core.Common;

namespace Samstyring.Core.Search;

/// <summary>
/// The piece of a hit's text shown under its title: about <see cref="Length"/> characters around the first word that
/// matches the search (by its stem or as part of a compound), cut at word boundaries, HTML-encoded, with every matching
/// word in <c>&lt;mark&gt;</c>. Made in C# for the rows of one page, so it is the same on both databases.
/// </summary>
public static class Snippet
{
    public const int Length = 160;
    /// <summary>How far into a text a match is looked for; further in, the snippet shows the beginning.</summary>
    public const int ScanChars = 20_000;

    public static string Html(string? text, SearchQuery query) => Html(text, query.Words, query.Stems);

    public static string Html(string? text, IReadOnlyList<string> words, IReadOnlyList<string> stems)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var s = Clean(text.Length > ScanChars ? text[..(char.IsHighSurrogate(text[ScanChars - 1]) ? ScanChars - 1 : ScanChars)] : text);
        var tokens = Tokens(s);
        var first = tokens.FindIndex(t => Matches(s.AsSpan(t.Start, t.Length), words, stems));
        var centre = first < 0 ? 0 : tokens[first].Start;
        var start = first < 0 ? 0 : Math.Max(0, centre - Length / 3);
        // Start and end on whole words.
        if (start > 0)
        {
            var next = tokens.FirstOrDefault(t => t.Start >= start);
            start = next.Length > 0 && next.Start <= centre ? next.Start : centre;
        }
        var end = Math.Min(s.Length, start + Length);
        if (end < s.Length)
        {
            var cut = tokens.LastOrDefault(t => t.Start + t.Length <= end && t.Start >= start);
            if (cut.Length > 0) end = cut.Start + cut.Length;
        }

        var sb = new StringBuilder();
        if (start > 0) sb.Append('…');
        var at = start;
        foreach (var t in tokens)
        {
            if (t.Start < start || t.Start + t.Length > end) continue;
            if (!Matches(s.AsSpan(t.Start, t.Length), words, stems)) continue;
            sb.Append(Encode(s[at..t.Start])).Append("<mark>").Append(Encode(s.Substring(t.Start, t.Length))).Append("</mark>");
            at = t.Start + t.Length;
        }
        sb.Append(Encode(s[at..end]));
        if (end < s.Length) sb.Append('…');
        return sb.ToString();
    }

    /// <summary>A word of the text matches a query word when it has the same stem, or contains the word (three letters or more).</summary>
    private static bool Matches(ReadOnlySpan<char> token, IReadOnlyList<string> words, IReadOnlyList<string> stems)
    {
        var lower = token.ToString().ToLowerInvariant();
        string? stem = null;
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i].Length >= SearchQuery.MinSubstringLength ? lower.Contains(words[i], StringComparison.Ordinal) : lower == words[i]) return true;
            stem ??= NorwegianStemmer.Stem(lower);
            if (stem == stems[i]) return true;
        }
        return false;
    }

    private static List<(int Start, int Length)> Tokens(string s)
    {
        var tokens = new List<(int, int)>();
        var start = -1;
        for (var i = 0; i <= s.Length; i++)
        {
            var inWord = i < s.Length && char.IsLetterOrDigit(s[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                tokens.Add((start, i - start));
                start = -1;
            }
        }
        return tokens;
    }

    /// <summary>HTML-encodes the five characters that matter and leaves letters such as «ø» as they are.</summary>
    private static string Encode(string s)
    {
        if (s.AsSpan().IndexOfAny("&<>\"'") < 0) return s;
        var sb = new StringBuilder(s.Length + 16);
        foreach (var c in s)
            sb.Append(c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '"' => "&quot;", '\'' => "&#39;", _ => c.ToString() });
        return sb.ToString();
    }

    /// <summary>One line of plain text: line breaks and tabs as spaces; control and direction-changing characters left out.</summary>
    private static string Clean(string text)
    {
        var sb = new StringBuilder(Math.Min(text.Length, 200_000));
        var space = false;
        foreach (var c in UnicodeText.Nfc(text))
        {
            if (char.IsWhiteSpace(c))
            {
                if (!space && sb.Length > 0) sb.Append(' ');
                space = true;
                continue;
            }
            if (char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C') continue;
            sb.Append(c);
            space = false;
        }
        return sb.ToString();
    }
}
