using Samstyring.Core.Council;

namespace Samstyring.Core.Archive;

/// <summary>
/// Streams offentligJournal.xml, which is public: one journalregistrering per case of a meeting whose notice is sent
/// (Samstyring has no journal posts; the case is the post). Exempt cases show only "Unntatt offentlighet" and the
/// legal basis, never their title or sender.
/// </summary>
internal static class OffentligJournalWriter
{
    public static async Task<int> WriteAsync(Stream stream, ExtractContext x, int total, IAsyncEnumerable<JournalRow> rows, CancellationToken ct)
    {
        var r = x.Request;
        using var w = NoarkXml.Create(stream);
        w.WriteStartDocument();
        w.WriteStartElement("offentligJournal", NoarkXml.OffentligJournal);
        w.WriteStartElement("journalhode");
        w.WriteElementString("journalStartDato", NoarkXml.Date(r.From));
        w.WriteElementString("journalSluttDato", NoarkXml.Date(r.To));
        w.WriteElementString("antallJournalposter", total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteStartElement("arkivskaper");
        w.WriteElementString("arkivskaperID", r.BodySlug);
        w.Required("arkivskaperNavn", x.ArkivskaperNavn, r.BodySlug);
        w.WriteEndElement();
        w.WriteEndElement();
        var count = 0;
        await foreach (var c in rows.WithCancellation(ct))
        {
            count++;
            var number = CouncilCase.FormatNumber(c.Number, c.Year);
            var publicTitle = c.Confidential ? CaseView.RedactedTitle : c.Title;
            w.WriteStartElement("journalregistrering");
            w.WriteStartElement("saksmappe");
            w.WriteElementString("mappeID", number);
            w.WriteElementString("saksaar", c.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteElementString("sakssekvensnummer", c.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.Required("offentligTittel", publicTitle, CaseView.RedactedTitle);
            if (c.Confidential)
            {
                w.WriteElementString("tilgangsrestriksjon", ArkivstrukturWriter.Restricted);
                w.Required("skjermingshjemmel", c.LegalBasis, "Hjemmel ikke oppgitt");
            }
            w.WriteEndElement();
            w.WriteStartElement("journalpost");
            w.WriteElementString("systemID", x.Ids.Text(ExtractContext.CaseName(c.Id)));
            w.WriteElementString("registreringsID", number);
            w.WriteElementString("journalaar", c.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteElementString("journalsekvensnummer", c.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteElementString("journalpostnummer", "1");
            w.Required("offentligTittel", publicTitle, CaseView.RedactedTitle);
            if (c.Confidential) w.WriteElementString("skjermingMetadata", "tittel");
            w.WriteElementString("journaldato", NoarkXml.Date(c.MeetingDate));
            if (c.Confidential)
            {
                w.WriteElementString("tilgangsrestriksjon", ArkivstrukturWriter.Restricted);
                w.Required("skjermingshjemmel", c.LegalBasis, "Hjemmel ikke oppgitt");
            }
            w.WriteStartElement("korrespondansepart");
            w.WriteElementString("korrespondanseparttype", "Internt");
            w.Required("korrespondansepartNavn", c.Confidential ? r.BodyName : c.From, r.BodyName);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndDocument();
        w.Flush();
        return count;
    }
}
