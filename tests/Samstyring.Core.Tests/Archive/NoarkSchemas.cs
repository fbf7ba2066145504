using System.Xml;
using System.Xml.Schema;
using Xunit.Sdk;

namespace Samstyring.Core.Tests.Archive;

/// <summary>
/// The Noark 5 schemas (arkivstruktur, endringslogg, offentligJournal, ADDML) from <c>../shared/schemas/noark5/</c>
/// beside the repository (found by walking up from the test binaries to the folder with Samstyring.slnx), or from
/// SAMSTYRING_SCHEMAS (the noark5 folder, or the schemas folder holding it). Missing schemas fail the test: never skipped.
/// </summary>
public static class NoarkSchemas
{
    public const string Variable = "SAMSTYRING_SCHEMAS";

    private static readonly Lazy<XmlSchemaSet> Set = new(Load);

    public static string Directory()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var dir = File.Exists(Path.Combine(configured, "arkivstruktur.xsd")) ? configured : Path.Combine(configured, "noark5");
            return File.Exists(Path.Combine(dir, "arkivstruktur.xsd"))
                ? dir
                : throw new InvalidOperationException($"{Variable}={configured}, men der finnes ikke arkivstruktur.xsd (heller ikke i noark5/).");
        }
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (!File.Exists(Path.Combine(d.FullName, "Samstyring.slnx"))) continue;
            var dir = Path.GetFullPath(Path.Combine(d.FullName, "..", "shared", "schemas", "noark5"));
            return File.Exists(Path.Combine(dir, "arkivstruktur.xsd"))
                ? dir
                : throw new InvalidOperationException(
                    $"Fant ikke Noark 5-skjemaene i {dir}. Legg shared/ ved siden av repoet, eller sett {Variable} til mappen med skjemaene.");
        }
        throw new InvalidOperationException($"Fant ikke Samstyring.slnx over {AppContext.BaseDirectory}; sett {Variable} til mappen med Noark 5-skjemaene.");
    }

    private static XmlSchemaSet Load()
    {
        var dir = Directory();
        // Added by path, with a resolver, so arkivstruktur.xsd's relative import of metadatakatalog.xsd is followed.
        var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        foreach (var f in new[] { "arkivstruktur.xsd", "endringslogg.xsd", "offentligJournal.xsd", "addml.xsd" })
            set.Add(null, Path.Combine(dir, f));
        set.Compile();
        return set;
    }

    /// <summary>Validates one file, streaming; the first error (not warning: xs:anyType content only warns) fails the test.</summary>
    public static void Validate(string xmlFile)
    {
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Set.Value, DtdProcessing = DtdProcessing.Prohibit };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) =>
        {
            if (e.Severity == XmlSeverityType.Error)
                throw new XunitException($"{Path.GetFileName(xmlFile)}:{e.Exception.LineNumber}:{e.Exception.LinePosition} {e.Message}");
        };
        using var reader = XmlReader.Create(xmlFile, settings);
        var root = true;
        while (reader.Read())
        {
            // An element no schema declares would only warn under lax validation: the root must be one of ours.
            if (root && reader.NodeType == XmlNodeType.Element)
            {
                root = false;
                if (Set.Value.GlobalElements.Contains(new XmlQualifiedName(reader.LocalName, reader.NamespaceURI)))
                    continue;
                throw new XunitException($"{Path.GetFileName(xmlFile)}: rotelementet {{{reader.NamespaceURI}}}{reader.LocalName} er ikke i skjemaene.");
            }
        }
    }

    /// <summary>Every XML file of an extract.</summary>
    public static readonly string[] Files = ["arkivstruktur.xml", "endringslogg.xml", "offentligJournal.xml", "arkivuttrekk.xml"];
}
