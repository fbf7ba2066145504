using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Samstyring.Core.Tests.Documents;

/// <summary>
/// Reads back the PDFs the documents write with poppler-utils (pdftotext, pdfinfo, pdffonts); scripts/test.sh installs it.
/// </summary>
internal static class Poppler
{
    /// <summary>The text by pdftotext in UTF-8, pages separated by form feeds; <paramref name="options"/> such as "-layout".</summary>
    public static string Text(byte[] pdf, params string[] options) => Run("pdftotext", pdf, ["-enc", "UTF-8", .. options]);

    public static List<string> Pages(byte[] pdf, params string[] options)
    {
        var text = Text(pdf, options);
        var pages = text.Split('\f').ToList();
        if (pages.Count > 1 && pages[^1].Trim().Length == 0) pages.RemoveAt(pages.Count - 1);
        return pages;
    }

    /// <summary>Whitespace (including line breaks from wrapping) collapsed to single spaces.</summary>
    public static string Flat(string text) => Regex.Replace(text, @"\s+", " ");

    public static IEnumerable<(double XMin, double YMin, double XMax, double YMax, string Word)> Words(byte[] pdf) =>
        Regex.Matches(Run("pdftotext", pdf, "-bbox"),
                @"<word xMin=""([\d.]+)"" yMin=""([\d.]+)"" xMax=""([\d.]+)"" yMax=""([\d.]+)"">([^<]*)</word>")
            .Select(m => (D(m.Groups[1]), D(m.Groups[2]), D(m.Groups[3]), D(m.Groups[4]), System.Net.WebUtility.HtmlDecode(m.Groups[5].Value)));

    private static double D(Group g) => double.Parse(g.Value, CultureInfo.InvariantCulture);

    public static string Run(string tool, byte[] pdf, params string[] options)
    {
        var file = Path.Combine(Path.GetTempPath(), $"poppler-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
            foreach (var o in options) psi.ArgumentList.Add(o);
            psi.ArgumentList.Add(file);
            if (tool == "pdftotext") psi.ArgumentList.Add("-");
            Process process;
            try
            {
                process = Process.Start(psi)!;
            }
            catch (Win32Exception e)
            {
                Assert.Fail($"{tool} is not installed: the PDF tests need poppler-utils (apt-get install poppler-utils; scripts/test.sh does it). {e.Message}");
                throw;
            }
            using (process)
            {
                var stderr = process.StandardError.ReadToEndAsync();
                var stdout = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                Assert.True(process.ExitCode == 0, $"{tool} failed ({process.ExitCode}): {stderr.Result}");
                return stdout;
            }
        }
        finally
        {
            File.Delete(file);
        }
    }
}
