using System.Text;

namespace Samstyring.Core.Common;

/// <summary>
/// How text is kept and compared: Unicode NFC (so «ø» typed as o + combining stroke and «ø» are the same name), trimmed.
/// Characters that change how text is shown without being seen are found here, so names can refuse them.
/// </summary>
public static class UnicodeText
{
    /// <summary>NFC and trimmed; null stays null. Use it on a name before comparing it with stored names.</summary>
    public static string? Normal(string? s) => s is null ? null : Nfc(s).Trim();

    public static string Nfc(string s) => s.IsNormalized(NormalizationForm.FormC) ? s : s.Normalize(NormalizationForm.FormC);

    /// <summary>
    /// Bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069): they reorder what is shown,
    /// so «invoice‮fdp.exe.pdf» reads as a PDF. Refused in all text.
    /// </summary>
    public static char? FirstBidiControl(string s)
    {
        foreach (var c in s)
            if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069') return c;
        return null;
    }

    /// <summary>
    /// Invisible characters a name has no use for: the bidi controls, the marks U+200E/U+200F and U+061C, zero-width space,
    /// joiners, word joiner and invisible operators (U+200B–U+200D, U+2060–U+2064), the byte order mark and the soft hyphen.
    /// Two names that differ only by them look the same.
    /// </summary>
    public static char? FirstInvisible(string s)
    {
        foreach (var c in s)
            if (IsInvisible(c)) return c;
        return null;
    }

    public static bool IsInvisible(char c) =>
        c is >= '\u200B' and <= '\u200F' or >= '\u2060' and <= '\u2064' or '\uFEFF' or '\u00AD' or '\u061C' or '\u180E'
            or >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    public static string CodePoint(char c) => $"U+{(int)c:X4}";
}
