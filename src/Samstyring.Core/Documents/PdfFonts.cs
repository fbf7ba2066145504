using System.Collections.Concurrent;
using PdfSharp;
using PdfSharp.Fonts;

namespace Samstyring.Core.Documents;

/// <summary>
/// Serves the Liberation Sans files embedded in this assembly (metric-compatible with Arial, the DOCX font) for every
/// family PDFsharp asks for, so PDF output never depends on the fonts installed on the server.
/// </summary>
internal sealed class PdfFonts : IFontResolver
{
    public const string Family = "Liberation Sans";

    private static readonly Lock Gate = new();
    private static volatile bool _installed;
    private static readonly ConcurrentDictionary<string, byte[]> Files = new();

    /// <summary>
    /// Installs this font resolver once per process. PDFsharp allows the global resolver to be set only before the first
    /// font is used, so this is idempotent and safe to call from every render on any thread. (PDFsharp stays at 6.2.4, the
    /// last MIT release: 6.5 is AGPL-3.0 and would bind every public body that runs Samstyring.)
    /// </summary>
    public static void EnsureInstalled()
    {
        if (_installed) return;
        lock (Gate)
        {
            if (_installed) return;
            if (GlobalFontSettings.FontResolver is not PdfFonts)
            {
                try
                {
                    GlobalFontSettings.FontResolver = new PdfFonts();
                }
                catch (InvalidOperationException e)
                {
                    throw new InvalidOperationException(
                        "PDFsharp already uses another font resolver; Samstyring's PDF writer needs its own (PdfFonts) installed first.", e);
                }
            }
            _installed = true;
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new((bold, italic) switch
        {
            (true, true) => "LiberationSans-BoldItalic",
            (true, false) => "LiberationSans-Bold",
            (false, true) => "LiberationSans-Italic",
            _ => "LiberationSans-Regular",
        });

    public byte[]? GetFont(string faceName) => Files.GetOrAdd(faceName, Load);

    private static byte[] Load(string faceName)
    {
        var name = $"Samstyring.Core.Documents.Fonts.{faceName}.ttf";
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded font {name} is missing.");
        using var copy = new MemoryStream((int)stream.Length);
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
