using System.Text;

namespace Samstyring.Core.Search;

/// <summary>
/// The Snowball stemmer for Norwegian (bokmål), written here from the algorithm's published description
/// (snowballstem.org, "The Norwegian stemming algorithm"), so that SQLite's FTS5, which has no Norwegian stemmer, matches
/// words as PostgreSQL's <c>norwegian</c> configuration does: "sakene", "saker" and "saken" all become "sak".
/// It takes a lower-case word and gives its stem; words without letters come back as they are.
/// </summary>
public static class NorwegianStemmer
{
    private const string Vowels = "aeêioòóôuyæåø";

    // Step 1: the main suffixes, deleted when they lie in R1 (the longest one that does).
    private static readonly string[] MainSuffixes =
    [
        "a", "e", "ede", "ande", "ende", "ane", "ene", "hetene", "en", "heten", "ar", "er", "heter", "as", "es", "edes",
        "endes", "enes", "hetenes", "ens", "hetens", "ers", "ets", "et", "het", "ast",
    ];

    // Step 3: other suffixes, deleted when they lie in R1.
    private static readonly string[] OtherSuffixes = ["leg", "eleg", "ig", "eig", "lig", "elig", "els", "lov", "elov", "slov", "hetslov"];

    private static readonly string[] MainByLength = [.. MainSuffixes.Concat(["s", "erte", "ert"]).OrderByDescending(s => s.Length)];
    private static readonly string[] OtherByLength = [.. OtherSuffixes.OrderByDescending(s => s.Length)];

    public static string Stem(string word)
    {
        if (word.Length < 3) return word;
        var w = new StringBuilder(word);
        var r1 = R1(word);
        if (r1 >= w.Length) return word;

        // Step 1.
        if (LongestInR1(w, r1, MainByLength) is { } main)
        {
            if (main == "s")
            {
                if (ValidSEnding(w, w.Length - 1)) w.Length -= 1;
            }
            else if (main is "erte" or "ert")
            {
                w.Length -= main.Length;
                w.Append("er");
            }
            else w.Length -= main.Length;
        }

        // Step 2: "dt" or "vt" at the end, in R1: drop the t.
        if (w.Length - 2 >= r1 && w.Length >= 2 && w[^1] == 't' && w[^2] is 'd' or 'v') w.Length -= 1;

        // Step 3.
        if (LongestInR1(w, r1, OtherByLength) is { } other) w.Length -= other.Length;
        return w.ToString();
    }

    /// <summary>
    /// Where R1 begins: after the first non-vowel that follows a vowel, but never before the fourth letter (at least
    /// three letters stay in front of it).
    /// </summary>
    private static int R1(string word)
    {
        var r1 = word.Length;
        for (var i = 1; i < word.Length; i++)
            if (!IsVowel(word[i]) && IsVowel(word[i - 1]))
            {
                r1 = i + 1;
                break;
            }
        return Math.Max(r1, 3);
    }

    private static string? LongestInR1(StringBuilder w, int r1, string[] byLength)
    {
        foreach (var suffix in byLength)
            if (w.Length - suffix.Length >= r1 && EndsWith(w, suffix)) return suffix;
        return null;
    }

    /// <summary>An s-ending is deleted after b, c, d, f, g, h, j, l, m, n, o, p, r, t, v, y, z, or after a k that does not follow a vowel.</summary>
    private static bool ValidSEnding(StringBuilder w, int sAt)
    {
        if (sAt < 1) return false;
        var before = w[sAt - 1];
        if ("bcdfghjlmnoprtvyz".Contains(before)) return true;
        return before == 'k' && sAt >= 2 && !IsVowel(w[sAt - 2]);
    }

    private static bool EndsWith(StringBuilder w, string suffix)
    {
        if (w.Length < suffix.Length) return false;
        for (var i = 0; i < suffix.Length; i++)
            if (w[w.Length - suffix.Length + i] != suffix[i]) return false;
        return true;
    }

    private static bool IsVowel(char c) => Vowels.Contains(c);
}
