using System.Text.Json;
using System.Xml;
using Samstyring.Core.Audit;
using Samstyring.Core.Council;

namespace Samstyring.Core.Archive;

/// <summary>
/// Streams endringslogg.xml: the audit log's changes to the archived meetings, cases and attachments, one endring per
/// changed archived property, then one closing entry for the arkivdel (status "Aktiv periode" to "Avsluttet periode" by
/// this export). The closing entry is a convention: the schema wants at least one endring, and data loaded without
/// audit (the demo data) has none.
/// </summary>
internal static class EndringsloggWriter
{
    /// <summary>Archived properties by entity: the Samstyring property and the Noark metadata it becomes.</summary>
    private static readonly Dictionary<string, (string Property, string Metadata)[]> Mapped = new()
    {
        [nameof(CouncilCase)] =
        [
            (nameof(CouncilCase.Title), "tittel"), (nameof(CouncilCase.Purpose), "beskrivelse"),
            (nameof(CouncilCase.ProposedDecision), "merknad (Forslag til vedtak)"), (nameof(CouncilCase.Decision), "merknad (Vedtak)"),
            (nameof(CouncilCase.Confidential), "skjerming"), (nameof(CouncilCase.LegalBasis), "skjermingshjemmel"),
            (nameof(CouncilCase.Type), "moetesakstype"), (nameof(CouncilCase.From), "administrativEnhet"),
            (nameof(CouncilCase.Officers), "saksbehandler"),
        ],
        [nameof(Meeting)] =
        [
            (nameof(Meeting.Date), "moetedato"), (nameof(Meeting.Location), "moetested"), (nameof(Meeting.Status), "beskrivelse"),
        ],
        [nameof(Attachment)] =
        [
            (nameof(Attachment.Title), "tittel"), (nameof(Attachment.Confidential), "skjerming"), (nameof(Attachment.LegalBasis), "skjermingshjemmel"),
            (nameof(Attachment.Sha256), "sjekksum"),
        ],
    };

    public static async Task<int> WriteAsync(Stream stream, ExtractContext x, ArchivedEntities archived, IAsyncEnumerable<AuditEntry> changes, CancellationToken ct)
    {
        using var w = NoarkXml.Create(stream);
        w.WriteStartDocument();
        w.WriteStartElement("endringslogg", NoarkXml.Endringslogg);
        var count = 0;
        await foreach (var a in changes.WithCancellation(ct))
        {
            if (!int.TryParse(a.EntityId, out var id)) continue;
            var (set, name) = a.EntityType switch
            {
                nameof(CouncilCase) => (archived.Cases, ExtractContext.CaseName(id)),
                nameof(Meeting) => (archived.Meetings, ExtractContext.MeetingName(id)),
                _ => (archived.Attachments, $"attachment:{id}"),
            };
            if (!set.Contains(id) || a.Before is null || a.After is null) continue;
            using var before = JsonDocument.Parse(a.Before);
            using var after = JsonDocument.Parse(a.After);
            foreach (var (property, metadata) in Mapped[a.EntityType])
            {
                var old = Text(before.RootElement, property);
                var now = Text(after.RootElement, property);
                if (old == now) continue;
                Entry(w, x.Ids.Text(name), metadata, a.At, a.UserName, old, now);
                count++;
            }
        }
        Entry(w, x.ArkivdelId, "arkivdelstatus", x.Now, x.ExportedBy, "Aktiv periode", "Avsluttet periode");
        w.WriteEndElement();
        w.WriteEndDocument();
        w.Flush();
        return count + 1;
    }

    private static void Entry(XmlWriter w, string id, string metadata, DateTime at, string by, string before, string after)
    {
        w.WriteStartElement("endring");
        w.WriteElementString("referanseArkivenhet", id);
        w.WriteElementString("referanseMetadata", metadata);
        w.WriteElementString("endretDato", NoarkXml.DateTime(at));
        w.Required("endretAv", by, ExtractContext.Secretariat);
        w.Required("tidligereVerdi", before, "(tom)");
        w.Required("nyVerdi", after, "(tom)");
        w.WriteEndElement();
    }

    /// <summary>A snapshot value as text ("(tom)" for null or empty, which Noark's minLength 1 cannot hold).</summary>
    private static string Text(JsonElement root, string property) =>
        !root.TryGetProperty(property, out var e) ? "(tom)"
        : e.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => "(tom)",
            JsonValueKind.String => NoarkXml.Clean(e.GetString()) is { Length: > 0 } s ? s : "(tom)",
            JsonValueKind.True => "ja",
            JsonValueKind.False => "nei",
            _ => e.GetRawText(),
        };
}
