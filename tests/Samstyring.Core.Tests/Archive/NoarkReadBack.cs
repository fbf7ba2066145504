using System.Security.Cryptography;
using System.Xml.Linq;

namespace Samstyring.Core.Tests.Archive;

/// <summary>An extract read back from its directory: the moetemapper with their registreringer, and every dokumentobjekt.</summary>
public sealed record ExtractRead(IReadOnlyList<ReadMeeting> Meetings, IReadOnlyList<ReadDocument> Documents, XDocument Journal)
{
    public static readonly XNamespace N = "http://www.arkivverket.no/standarder/noark5/arkivstruktur";
    public static readonly XNamespace J = "http://www.arkivverket.no/standarder/noark5/offentligJournal";
    public static readonly XNamespace A = "http://www.arkivverket.no/standarder/addml";

    public IEnumerable<ReadCase> Cases => Meetings.SelectMany(m => m.Cases);

    public static ExtractRead From(string dir)
    {
        var doc = XDocument.Load(Path.Combine(dir, "arkivstruktur.xml"));
        var meetings = doc.Descendants(N + "mappe").Select(m => new ReadMeeting(
            (string)m.Element(N + "systemID")!, (string)m.Element(N + "moetenummer")!, DateOnly.Parse((string)m.Element(N + "moetedato")!),
            m.Elements(N + "registrering").Where(r => (string?)r.Element(N + "moeteregistreringstype") == "Møtesak").Select(r => new ReadCase(
                (string)r.Element(N + "registreringsID")!, (string)r.Element(N + "tittel")!, (string?)r.Element(N + "offentligTittel"),
                (string?)r.Elements(N + "merknad").SingleOrDefault(x => (string?)x.Element(N + "merknadstype") == "Vedtak")?.Element(N + "merknadstekst"),
                r.Element(N + "skjerming") is { } s ? (string)s.Element(N + "skjermingshjemmel")! : null,
                r.Elements(N + "dokumentbeskrivelse").Select(d => new ReadDescription((string)d.Element(N + "tittel")!,
                    d.Element(N + "skjerming") is { } ds ? (string)ds.Element(N + "skjermingshjemmel")! : null,
                    (string?)d.Element(N + "dokumentobjekt")?.Element(N + "sjekksum"))).ToList())).ToList(),
            m.Elements(N + "moetedeltaker").Select(p => (string)p.Element(N + "moetedeltakerNavn")!).ToList())).ToList();
        var documents = doc.Descendants(N + "dokumentobjekt").Select(o => new ReadDocument(
            (string)o.Element(N + "referanseDokumentfil")!, (string)o.Element(N + "sjekksum")!, (long)o.Element(N + "filstoerrelse")!)).ToList();
        return new ExtractRead(meetings, documents, XDocument.Load(Path.Combine(dir, "offentligJournal.xml")));
    }

    /// <summary>Every dokumentobjekt's file exists, and its size and SHA-256 are what the extract says; every file of the extract is described.</summary>
    public void AssertFilesMatch(string dir)
    {
        foreach (var d in Documents)
        {
            var path = Path.Combine(dir, d.Path);
            Assert.True(File.Exists(path), $"{d.Path} mangler i uttrekket");
            Assert.Equal(d.SizeBytes, new FileInfo(path).Length);
            Assert.Equal(d.Sha256, Hash(path));
        }
        var described = Documents.Select(d => d.Path.Replace('/', Path.DirectorySeparatorChar)).ToHashSet();
        var onDisk = Directory.EnumerateFiles(Path.Combine(dir, "dokumenter"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir, f)).ToHashSet();
        Assert.Equal(described.Order(), onDisk.Order());
        // arkivuttrekk.xml carries the checksum of each other XML file.
        var addml = XDocument.Load(Path.Combine(dir, "arkivuttrekk.xml"));
        foreach (var file in new[] { "arkivstruktur.xml", "endringslogg.xml", "offentligJournal.xml" })
        {
            var entry = addml.Descendants(A + "property").Single(p => (string?)p.Attribute("name") == "file"
                && p.Descendants(A + "value").First().Value == file);
            var sum = entry.Descendants(A + "property").Single(p => (string?)p.Attribute("name") == "value").Element(A + "value")!.Value;
            Assert.Equal(Hash(Path.Combine(dir, file)), sum);
        }
    }

    public static string Hash(string path)
    {
        using var s = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }
}

public sealed record ReadMeeting(string SystemId, string Number, DateOnly Date, IReadOnlyList<ReadCase> Cases, IReadOnlyList<string> Participants);

public sealed record ReadCase(string Number, string Title, string? PublicTitle, string? Decision, string? LegalBasis, IReadOnlyList<ReadDescription> Documents);

public sealed record ReadDescription(string Title, string? LegalBasis, string? Sha256);

public sealed record ReadDocument(string Path, string Sha256, long SizeBytes);
