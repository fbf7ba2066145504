using System.Text;
using System.Xml;

namespace Samstyring.Core.Archive;

/// <summary>
/// Shared pieces of the extract's XML: namespaces, writer settings (UTF-8 without BOM, indented) and value
/// formats. Every Noark string type has minLength 1, so optional values are left out when empty and required ones
/// always get a fallback.
/// </summary>
internal static class NoarkXml
{
    public const string Arkivstruktur = "http://www.arkivverket.no/standarder/noark5/arkivstruktur";
    public const string Endringslogg = "http://www.arkivverket.no/standarder/noark5/endringslogg";
    public const string OffentligJournal = "http://www.arkivverket.no/standarder/noark5/offentligJournal";
    public const string Addml = "http://www.arkivverket.no/standarder/addml";
    public const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    public static XmlWriter Create(Stream stream) => XmlWriter.Create(stream, new XmlWriterSettings
    {
        Encoding = new UTF8Encoding(false),
        Indent = true,
        CloseOutput = false,
        CheckCharacters = true,
    });

    public static string DateTime(DateTime utc) =>
        XmlConvert.ToString(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc), XmlDateTimeSerializationMode.Utc);

    public static string DateTime(DateTimeOffset at) => DateTime(at.UtcDateTime);

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Writes the element only when there is text (after removing characters XML cannot hold).</summary>
    public static void Optional(this XmlWriter w, string name, string? value)
    {
        var clean = Clean(value);
        if (clean.Length > 0) w.WriteElementString(name, clean);
    }

    /// <summary>Writes the element with the value, or the fallback when the value is empty.</summary>
    public static void Required(this XmlWriter w, string name, string? value, string fallback)
    {
        var clean = Clean(value);
        w.WriteElementString(name, clean.Length > 0 ? clean : fallback);
    }

    /// <summary>Trimmed, without control characters XML 1.0 does not allow (tabs and line breaks stay).</summary>
    public static string Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "";
        var s = value.Trim();
        foreach (var ch in s)
        {
            if (!XmlConvert.IsXmlChar(ch) && !char.IsSurrogate(ch))
                return new string(s.Where(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c)).ToArray()).Trim();
        }
        return s;
    }
}
