using System.Xml;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Documents;

namespace Samstyring.Core.Archive;

/// <summary>
/// Streams arkivstruktur.xml: one arkiv and arkivdel for the body and period, then one moetemappe per meeting as it
/// comes. The element order follows arkivstruktur.xsd, including its quirks: a subtype's own elements come after all
/// of the base type's (moetenummer after the registreringer; moeteregistreringstype after tittel and merknad), and
/// dokumentbeskrivelse comes before registreringsID and tittel.
/// </summary>
internal sealed class ArkivstrukturWriter(XmlWriter w, ExtractContext x)
{
    /// <summary>What the generated PDFs are, said plainly (formatDetaljer).</summary>
    public const string PdfFormatDetails = "PDF/A-1 slik PDFsharp 6.2.4 merker filen (PdfDocument.SetPdfA); ikke verifisert mot PDF/A, og uten tagget struktur";

    /// <summary>PRONOM id of PDF/A-1a, which is what the file declares itself to be (see <see cref="PdfFormatDetails"/>).</summary>
    public const string PdfFormat = "fmt/95";

    public const string Restricted = "UO";

    public void Begin()
    {
        var r = x.Request;
        w.WriteStartDocument();
        w.WriteStartElement("arkiv", NoarkXml.Arkivstruktur);
        w.WriteAttributeString("xmlns", "xsi", null, NoarkXml.Xsi);
        w.WriteElementString("systemID", x.ArkivId);
        w.Required("tittel", r.BodyName, r.BodySlug);
        w.WriteElementString("beskrivelse", $"Møter, saker, vedtak og dokumenter fra Samstyring for {NoarkXml.Clean(r.BodyName)}.");
        w.WriteElementString("arkivstatus", "Avsluttet");
        w.WriteElementString("dokumentmedium", "Elektronisk arkiv");
        Created(x.Now, x.ExportedBy);
        Closed();
        w.WriteStartElement("arkivskaper");
        w.WriteElementString("arkivskaperID", r.BodySlug);
        w.Required("arkivskaperNavn", x.ArkivskaperNavn, r.BodySlug);
        w.WriteEndElement();

        w.WriteStartElement("arkivdel");
        w.WriteElementString("systemID", x.ArkivdelId);
        w.Required("tittel", $"{r.BodyName} {NoarkXml.Date(r.From)}–{NoarkXml.Date(r.To)}", r.BodySlug);
        w.WriteElementString("arkivdelstatus", "Avsluttet periode");
        w.WriteElementString("dokumentmedium", "Elektronisk arkiv");
        Created(x.Now, x.ExportedBy);
        Closed();
        w.WriteElementString("arkivperiodeStartDato", NoarkXml.Date(r.From));
        w.WriteElementString("arkivperiodeSluttDato", NoarkXml.Date(r.To));
    }

    public void End()
    {
        w.WriteEndElement(); // arkivdel
        w.WriteEndElement(); // arkiv
        w.WriteEndDocument();
        w.Flush();
        w.Dispose();
    }

    public void Meeting(ArchivedMeeting m, IReadOnlyDictionary<string, ArchiveFile> files, ArkivstrukturCounts counts)
    {
        var v = m.View;
        var s = v.Meeting;
        counts.Meetings++;
        w.WriteStartElement("mappe");
        w.WriteAttributeString("type", NoarkXml.Xsi, "moetemappe");
        w.WriteElementString("systemID", Id(ExtractContext.MeetingName(m.Id)));
        w.WriteElementString("mappeID", s.Number);
        w.Required("tittel", $"{(s.Kind == MeetingKind.Extra ? "Ekstramøte" : "Møte")} {s.Number} i {s.BodyName}", s.Number);
        w.WriteElementString("beskrivelse", $"{s.Kind.Label()}, {s.Status.Label().ToLowerInvariant()}, {s.TimeText}.");
        Created(m.CreatedAt, ExtractContext.Secretariat);
        w.WriteElementString("avsluttetDato", NoarkXml.DateTime(ICalendar.OsloToUtc(s.Date, s.EndTime)));
        w.Required("avsluttetAv", x.ExportedBy, ExtractContext.Secretariat);

        var minutesApprovalCase = v.MinutesApprovalCase?.Id;
        if (m.HasNotice)
            MeetingDocument(m, ArchivedMeeting.NoticeKey, "Møteinnkalling", $"Innkalling til {Lower(s.Title)}",
                s.NoticeSentAt is { } sent ? $"Sendt {Norwegian.DateTime(sent)}" : "Sendt", null, files, counts);
        foreach (var c in v.Cases) Case(m, c, files, counts);
        if (m.HasMinutes)
            MeetingDocument(m, ArchivedMeeting.MinutesKey, "Møteprotokoll", $"Referat fra {Lower(s.Title)}",
                s.Status == MeetingStatus.MinutesApproved ? "Godkjent" : "Ikke godkjent", minutesApprovalCase, files, counts);

        w.WriteElementString("moetenummer", s.Number);
        w.Required("utvalg", s.BodyName, s.BodySlug);
        w.WriteElementString("moetedato", NoarkXml.Date(s.Date));
        w.Optional("moetested", s.Place);
        if (m.PreviousId is { } previous) w.WriteElementString("referanseForrigeMoete", Id(ExtractContext.MeetingName(previous)));
        if (m.NextId is { } next) w.WriteElementString("referanseNesteMoete", Id(ExtractContext.MeetingName(next)));
        foreach (var (name, function) in Participants(v))
        {
            if (NoarkXml.Clean(name).Length == 0) continue;
            w.WriteStartElement("moetedeltaker");
            w.WriteElementString("moetedeltakerNavn", NoarkXml.Clean(name));
            w.Optional("moetedeltakerFunksjon", function);
            w.WriteEndElement();
        }
        w.WriteEndElement(); // mappe
    }

    /// <summary>Who took part: members and observers present, substitutes (for whom), and the "others present" line of the minutes.</summary>
    internal static IEnumerable<(string Name, string? Function)> Participants(MeetingView v)
    {
        foreach (var a in v.Attendance.Where(a => a.Status is AttendanceStatus.Present or AttendanceStatus.Substitute))
        {
            if (a.Status == AttendanceStatus.Substitute)
                yield return (a.SubstituteName ?? a.Name, $"Stedfortreder for {a.Name}, {a.Organization}");
            else
                yield return (a.Name, $"{a.Role.Label()}, {a.Organization}");
        }
        if (string.IsNullOrWhiteSpace(v.OtherAttendees)) yield break;
        foreach (var line in v.OtherAttendees.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':');
            var org = colon > 0 ? line[..colon].Trim() : null;
            var names = colon > 0 ? line[(colon + 1)..] : line;
            foreach (var name in names.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                yield return (name, org is null ? "Andre til stede" : $"Andre til stede ({org})");
        }
    }

    private void MeetingDocument(ArchivedMeeting m, string key, string type, string title, string status, int? approvalCaseId,
        IReadOnlyDictionary<string, ArchiveFile> files, ArkivstrukturCounts counts)
    {
        counts.Registrations++;
        var name = $"{ExtractContext.MeetingName(m.Id)}:{key}";
        w.WriteStartElement("registrering");
        w.WriteAttributeString("type", NoarkXml.Xsi, "moeteregistrering");
        w.WriteElementString("systemID", Id(name));
        Created(m.CreatedAt, ExtractContext.Secretariat);
        Archived();
        if (files.TryGetValue(key, out var file))
            Description(name, type, title, 1, "Hoveddokument", x.Now, ExtractContext.Secretariat, null, file, PdfFormat, PdfFormatDetails, counts);
        w.Required("tittel", title, type);
        w.WriteElementString("moeteregistreringstype", type);
        w.WriteElementString("moeteregistreringsstatus", status);
        w.WriteElementString("administrativEnhet", ExtractContext.Secretariat);
        w.WriteElementString("saksbehandler", ExtractContext.Secretariat);
        if (approvalCaseId is { } caseId) w.WriteElementString("referanseTilMoeteregistrering", Id(ExtractContext.CaseName(caseId)));
        w.WriteEndElement();
    }

    private void Case(ArchivedMeeting m, CaseView c, IReadOnlyDictionary<string, ArchiveFile> files, ArkivstrukturCounts counts)
    {
        counts.Registrations++;
        counts.Cases++;
        var name = ExtractContext.CaseName(c.Id);
        w.WriteStartElement("registrering");
        w.WriteAttributeString("type", NoarkXml.Xsi, "moeteregistrering");
        w.WriteElementString("systemID", Id(name));
        Created(m.CaseCreatedAt.TryGetValue(c.Id, out var created) ? created : x.Now, ExtractContext.Secretariat);
        Archived();
        if (c.Confidential) Skjerming(c.LegalBasis, "tittel");

        var paper = files.GetValueOrDefault(ArchivedMeeting.PaperKey(c.Id));
        Description($"{name}:paper", "Saksframlegg", $"Saksframlegg sak {c.Number}: {c.Title}", 1, "Hoveddokument", x.Now, ExtractContext.Secretariat,
            c.Confidential ? c.LegalBasis : null, paper, PdfFormat, PdfFormatDetails, counts, shield: c.Confidential);
        var number = 1;
        foreach (var a in c.Attachments)
        {
            number++;
            var facts = m.Attachments.GetValueOrDefault(a.Id);
            var confidential = AttachmentAccess.IsConfidential(a.Confidential, c.Confidential);
            var legalBasis = a.Confidential ? a.LegalBasis ?? c.LegalBasis : c.LegalBasis;
            Description($"attachment:{a.Id}", "Vedlegg", $"Vedlegg {a.Label}: {a.Title}", number, "Vedlegg",
                facts?.UploadedAt ?? x.Now, facts?.UploadedBy ?? ExtractContext.Secretariat, confidential ? legalBasis : null,
                files.GetValueOrDefault(ArchivedMeeting.AttachmentKey(a.Id)), facts?.ContentType ?? "application/octet-stream",
                $"Opplastet fil i opprinnelig format ({FileNameOrNone(facts?.FileName)}), ikke konvertert til arkivformat",
                counts, shield: confidential);
        }

        w.WriteElementString("registreringsID", c.Number);
        w.Required("tittel", c.Title, $"Sak {c.Number}");
        w.Required("offentligTittel", c.Confidential ? CaseView.RedactedTitle : c.Title, CaseView.RedactedTitle);
        w.Optional("beskrivelse", c.Purpose);
        if (NoarkXml.Clean(c.ProposedDecision).Length > 0)
            Merknad(CouncilDocuments.Fill(c.ProposedDecision!), "Forslag til vedtak", m.CaseCreatedAt.GetValueOrDefault(c.Id, x.Now), ExtractContext.Secretariat);
        if (NoarkXml.Clean(c.Decision).Length > 0)
            Merknad(c.Decision!, "Vedtak", c.DecidedAt?.UtcDateTime ?? ICalendar.OsloToUtc(m.View.Meeting.Date, m.View.Meeting.EndTime), c.BodyName);

        w.WriteElementString("moeteregistreringstype", "Møtesak");
        w.WriteElementString("moetesakstype", c.Standing switch
        {
            StandingCase.NoticeApproval => "Godkjenning av innkalling",
            StandingCase.MinutesApproval => "Godkjenning av referat",
            _ => c.Type.Label(),
        });
        w.WriteElementString("moeteregistreringsstatus", c.Decision is not null ? "Vedtatt"
            : m.HasMinutes ? "Behandlet" : m.View.Meeting.Status == MeetingStatus.Cancelled ? "Ikke behandlet (møtet er avlyst)" : "Til behandling");
        w.Required("administrativEnhet", c.From, ExtractContext.Secretariat);
        w.Required("saksbehandler", c.Officers, ExtractContext.Secretariat);
        w.WriteEndElement();
    }

    private void Description(string name, string type, string title, int number, string role, DateTime attachedAt, string attachedBy,
        string? legalBasis, ArchiveFile? file, string format, string formatDetails, ArkivstrukturCounts counts, bool shield = false)
    {
        counts.DocumentDescriptions++;
        w.WriteStartElement("dokumentbeskrivelse");
        w.WriteElementString("systemID", Id(name));
        w.WriteElementString("dokumenttype", type);
        w.WriteElementString("dokumentstatus", "Dokumentet er ferdigstilt");
        w.Required("tittel", title, type);
        Created(attachedAt, attachedBy);
        w.WriteElementString("tilknyttetRegistreringSom", role);
        w.WriteElementString("dokumentnummer", number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteElementString("tilknyttetDato", NoarkXml.DateTime(attachedAt));
        w.Required("tilknyttetAv", attachedBy, ExtractContext.Secretariat);
        if (shield) Skjerming(legalBasis, "tittel", "Hele dokumentet");
        if (file is not null)
        {
            counts.DocumentObjects++;
            counts.Files++;
            counts.Bytes += file.SizeBytes;
            w.WriteStartElement("dokumentobjekt");
            w.WriteElementString("systemID", Id($"{name}:obj"));
            w.WriteElementString("versjonsnummer", "1");
            w.WriteElementString("variantformat", format == PdfFormat ? "Arkivformat" : "Produksjonsformat");
            w.Required("format", format, "application/octet-stream");
            w.WriteElementString("formatDetaljer", formatDetails);
            Created(attachedAt, attachedBy);
            w.WriteElementString("referanseDokumentfil", file.Path);
            w.WriteElementString("sjekksum", file.Sha256);
            w.WriteElementString("sjekksumAlgoritme", "SHA-256");
            w.WriteElementString("filstoerrelse", file.SizeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private void Skjerming(string? legalBasis, string metadata, string? document = null)
    {
        w.WriteStartElement("skjerming");
        w.WriteElementString("tilgangsrestriksjon", Restricted);
        w.Required("skjermingshjemmel", legalBasis, "Hjemmel ikke oppgitt");
        w.WriteElementString("skjermingMetadata", metadata);
        if (document is not null) w.WriteElementString("skjermingDokument", document);
        w.WriteEndElement();
    }

    private void Merknad(string text, string type, DateTime at, string by)
    {
        w.WriteStartElement("merknad");
        w.Required("merknadstekst", text, "(tom)");
        w.WriteElementString("merknadstype", type);
        w.WriteElementString("merknadsdato", NoarkXml.DateTime(at));
        w.Required("merknadRegistrertAv", by, ExtractContext.Secretariat);
        w.WriteEndElement();
    }

    private void Created(DateTime at, string by)
    {
        w.WriteElementString("opprettetDato", NoarkXml.DateTime(at));
        w.Required("opprettetAv", by, ExtractContext.Secretariat);
    }

    private void Closed()
    {
        w.WriteElementString("avsluttetDato", NoarkXml.DateTime(x.Now));
        w.Required("avsluttetAv", x.ExportedBy, ExtractContext.Secretariat);
    }

    private void Archived()
    {
        w.WriteElementString("arkivertDato", NoarkXml.DateTime(x.Now));
        w.Required("arkivertAv", x.ExportedBy, ExtractContext.Secretariat);
    }

    private string Id(string name) => x.Ids.Text(name);

    private static string FileNameOrNone(string? fileName) => NoarkXml.Clean(fileName) is { Length: > 0 } f ? f : "uten filnavn";

    private static string Lower(string title) => title.Length == 0 ? title : char.ToLowerInvariant(title[0]) + title[1..];
}
