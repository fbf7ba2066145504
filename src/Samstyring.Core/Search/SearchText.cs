using System.Text;
using Samstyring.Core.Common;

namespace Samstyring.Core.Search;

/// <summary>How text is cut into words for the index and for a query, the same way on both databases.</summary>
public static class SearchText
{
    /// <summary>
    /// PostgreSQL's <c>norwegian</c> configuration leaves these out of its index (the Snowball stop list), so a query word
    /// among them could only ever match as a substring there. A query drops them on both databases, unless it has nothing else.
    /// </summary>
    public static readonly IReadOnlySet<string> StopWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "og", "i", "jeg", "det", "at", "en", "et", "den", "til", "er", "som", "på", "de", "med", "han", "av", "ikke", "ikkje", "der",
        "så", "var", "meg", "seg", "men", "ett", "har", "om", "vi", "min", "mitt", "ha", "hadde", "hun", "nå", "over", "da", "ved",
        "fra", "du", "ut", "sin", "dem", "oss", "opp", "man", "kan", "hans", "hvor", "eller", "hva", "skal", "selv", "sjøl", "her",
        "alle", "vil", "bli", "ble", "blei", "blitt", "kunne", "inn", "når", "være", "kom", "noen", "noe", "ville", "dere", "deres",
        "kun", "ja", "etter", "ned", "skulle", "denne", "for", "deg", "si", "sine", "sitt", "mot", "å", "meget", "hvorfor", "dette",
        "disse", "uten", "hvordan", "ingen", "din", "ditt", "blir", "samme", "hvilken", "hvilke", "sånn", "inni", "mellom", "vår",
        "hver", "hvem", "vors", "hvis", "både", "bare", "enn", "fordi", "før", "mange", "også", "slik", "vært", "båe", "begge",
        "siden", "dykk", "dykkar", "dei", "deira", "deires", "deim", "di", "då", "eg", "ein", "eit", "eitt", "elles", "honom", "hjå",
        "ho", "hoe", "henne", "hennar", "hennes", "hoss", "hossen", "ingi", "inkje", "korleis", "korso", "kva", "kvar", "kvarhelst",
        "kven", "kvi", "kvifor", "me", "medan", "mi", "mine", "mykje", "no", "nokon", "noka", "nokor", "noko", "nokre", "sia",
        "sidan", "so", "somt", "somme", "um", "upp", "vere", "vore", "verte", "vort", "varte", "vart",
    };

    /// <summary>The words of a text: Unicode NFC, lower case, split at everything that is not a letter or a digit.</summary>
    public static IEnumerable<string> Words(string? text)
    {
        if (string.IsNullOrEmpty(text)) yield break;
        var s = UnicodeText.Nfc(text);
        var start = -1;
        for (var i = 0; i <= s.Length; i++)
        {
            var inWord = i < s.Length && char.IsLetterOrDigit(s[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                yield return s[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }

    /// <summary>The stems of a text's words, separated by spaces, for SQLite's FTS5 table.</summary>
    public static string Stems(string? text)
    {
        var sb = new StringBuilder();
        foreach (var w in Words(text))
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(NorwegianStemmer.Stem(w));
        }
        return sb.ToString();
    }
}
