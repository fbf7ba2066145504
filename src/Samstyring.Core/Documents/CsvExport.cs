using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Samstyring.Core.Documents;

/// <summary>
/// CSV for open data: UTF-8 with BOM (so Excel reads æøå), comma-separated, RFC 4180 quoting, CRLF,
/// a header row; dates as ISO 8601 and numbers with a full stop, whatever the server's culture.
/// </summary>
public static class CsvExport
{
    public static byte[] ToBytes(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var ms = new MemoryStream();
        Write(ms, headers, rows);
        return ms.ToArray();
    }

    public static void Write(Stream output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = ",",
            NewLine = "\r\n",
            // Text typed by users must not run as a formula when the file is opened in a spreadsheet.
            InjectionOptions = InjectionOptions.Escape,
        };
        using var csv = new CsvWriter(writer, config);
        foreach (var h in headers) csv.WriteField(h);
        csv.NextRecord();
        foreach (var row in rows)
        {
            for (var c = 0; c < headers.Count; c++) csv.WriteField(c < row.Count ? Format(row[c]) : "");
            csv.NextRecord();
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
