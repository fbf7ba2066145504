using System.Globalization;
using System.Xml;

namespace Samstyring.Core.Archive;

/// <summary>
/// arkivuttrekk.xml (ADDML 8.3), written last: who made the extract and for what period, and each XML file of the
/// extract with its SHA-256 and, for arkivstruktur, how many mapper, registreringer, dokumentbeskrivelser and
/// dokumentobjekter it holds. The documents' own checksums are in arkivstruktur.xml (dokumentobjekt/sjekksum).
/// </summary>
internal static class AddmlWriter
{
    public static void Write(Stream stream, ExtractContext x, IReadOnlyList<ArchiveFile> files, ArkivstrukturCounts counts)
    {
        var r = x.Request;
        using var w = NoarkXml.Create(stream);
        w.WriteStartDocument();
        w.WriteStartElement("addml", NoarkXml.Addml);
        w.WriteAttributeString("name", "Noark 5 arkivuttrekk");
        w.WriteStartElement("dataset");
        w.WriteStartElement("reference");
        w.WriteStartElement("context");
        w.WriteStartElement("additionalElements");
        w.WriteStartElement("additionalElement");
        w.WriteAttributeString("name", "recordCreators");
        w.WriteStartElement("additionalElements");
        w.WriteStartElement("additionalElement");
        w.WriteAttributeString("name", "recordCreator");
        w.WriteStartElement("properties");
        Property(w, "name", x.ArkivskaperNavn);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        Additional(w, "systemType", "Noark5");
        Additional(w, "systemName", "Samstyring");
        Additional(w, "exportedAt", NoarkXml.DateTime(x.Now));
        Additional(w, "exportedBy", NoarkXml.Clean(x.ExportedBy) is { Length: > 0 } by ? by : ExtractContext.Secretariat);
        w.WriteEndElement();
        w.WriteEndElement(); // context
        w.WriteStartElement("content");
        w.WriteStartElement("additionalElements");
        w.WriteStartElement("additionalElement");
        w.WriteAttributeString("name", "archivalPeriod");
        w.WriteStartElement("properties");
        Property(w, "startDate", NoarkXml.Date(r.From));
        Property(w, "endDate", NoarkXml.Date(r.To));
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement(); // content
        w.WriteEndElement(); // reference

        w.WriteStartElement("dataObjects");
        w.WriteStartElement("dataObject");
        w.WriteAttributeString("name", "Noark 5 arkivuttrekk");
        w.WriteStartElement("properties");
        w.WriteStartElement("property");
        w.WriteAttributeString("name", "info");
        w.WriteStartElement("properties");
        w.WriteStartElement("property");
        w.WriteAttributeString("name", "type");
        w.WriteElementString("value", "Noark5");
        w.WriteStartElement("properties");
        Property(w, "version", "v5.0");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement(); // info
        w.WriteEndElement(); // properties
        w.WriteStartElement("dataObjects");
        foreach (var f in files)
        {
            w.WriteStartElement("dataObject");
            w.WriteAttributeString("name", Path.GetFileNameWithoutExtension(f.Path));
            w.WriteStartElement("properties");
            w.WriteStartElement("property");
            w.WriteAttributeString("name", "file");
            w.WriteStartElement("properties");
            Property(w, "name", f.Path);
            Property(w, "type", "text/xml");
            Property(w, "size", f.SizeBytes.ToString(CultureInfo.InvariantCulture), "integer");
            w.WriteStartElement("property");
            w.WriteAttributeString("name", "checksum");
            w.WriteStartElement("properties");
            Property(w, "algorithm", "SHA256");
            Property(w, "value", f.Sha256);
            w.WriteEndElement();
            w.WriteEndElement(); // checksum
            w.WriteEndElement();
            w.WriteEndElement(); // file
            if (f.Path == "arkivstruktur.xml")
            {
                w.WriteStartElement("property");
                w.WriteAttributeString("name", "numberOfOccurrences");
                w.WriteAttributeString("dataType", "integer");
                w.WriteStartElement("properties");
                Property(w, "mappe", Number(counts.Meetings));
                Property(w, "registrering", Number(counts.Registrations));
                Property(w, "dokumentbeskrivelse", Number(counts.DocumentDescriptions));
                Property(w, "dokumentobjekt", Number(counts.DocumentObjects));
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement(); // properties
            w.WriteEndElement(); // dataObject
        }
        w.WriteEndElement(); // dataObjects
        w.WriteEndElement(); // dataObject
        w.WriteEndElement(); // dataObjects
        w.WriteEndElement(); // dataset
        w.WriteEndElement(); // addml
        w.WriteEndDocument();
        w.Flush();
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static void Property(XmlWriter w, string name, string value, string? dataType = null)
    {
        w.WriteStartElement("property");
        w.WriteAttributeString("name", name);
        if (dataType is not null) w.WriteAttributeString("dataType", dataType);
        w.WriteElementString("value", value);
        w.WriteEndElement();
    }

    private static void Additional(XmlWriter w, string name, string value)
    {
        w.WriteStartElement("additionalElement");
        w.WriteAttributeString("name", name);
        w.WriteElementString("value", value);
        w.WriteEndElement();
    }
}
