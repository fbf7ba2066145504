using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Data;
using Samstyring.Core.Notifications;

namespace Samstyring.Core.EInnsyn;

/// <summary>A record as built for the queue: what to send, where it hangs and how it is known again.</summary>
public sealed record EInnsynRecord(string Kind, int BodyId, int MeetingId, int? CaseId, string DedupKey, string ExternalId, string Method,
    string Title, JsonObject Payload);

/// <summary>
/// Builds the eInnsyn records of a meeting from the <b>public</b> view of its cases (<see cref="CouncilQueries.ToView"/> for a
/// reader who may not see confidential content), so nothing exempt reaches a public field. The full titles go only in
/// the fields eInnsyn keeps from the public: <c>offentligTittelSensitiv</c> and <c>tittelSensitiv</c>. A case exempt from
/// public access is listed with its number, type and legal basis, without its purpose, proposed decision, decision or
/// files; an exempt attachment is listed by its label and legal basis, without its file.
/// </summary>
public static partial class EInnsynRecords
{
    public const string MeetingKind = "meeting";
    public const string MinutesKind = "minutes";
    public const string DecisionKind = "decision";
    public const string TextFormat = "text/plain";
    private const int DescriptionMax = 1000;

    public static string MeetingKey(int meetingId) => $"einnsyn:meeting:{meetingId}";
    public static string MinutesKey(int meetingId) => $"einnsyn:minutes:{meetingId}";

    /// <summary>One key per decision text: a correction is a new record, recording the same text again is not.</summary>
    public static string DecisionKey(int caseId, string decision) =>
        $"einnsyn:decision:{caseId}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(decision)))[..16]}";

    public static string ExternalMeeting(int id) => $"samstyring:meeting:{id}";
    public static string ExternalCase(int id) => $"samstyring:case:{id}";

    /// <summary>Where a record is sent; the sender puts the eInnsyn ids in the braces.</summary>
    public static string PathTemplate(string kind, string method) => kind switch
    {
        MeetingKind => "/arkivdel/{arkivdel}/moetemappe",
        MinutesKind => "/moetemappe/{moetemappe}/moetedokument",
        _ => method == "PATCH" ? "/moetesak/{moetesak}" : "/moetesak/{moetesak}/vedtak",
    };

    /// <summary>Whether a meeting's records may be published: its notice is sent (a planned or cancelled meeting's agenda is not public).</summary>
    public static bool IsPublic(MeetingStatus status) => status is MeetingStatus.NoticeSent or MeetingStatus.Held or MeetingStatus.MinutesApproved;

    /// <summary>
    /// The records a meeting has now: the meeting itself (with its notice and cases), its minutes once approved and the
    /// decision of every case open to the public. Reads tracked entities, so a use case that changed them before saving is
    /// seen as changed. Nothing for a meeting whose notice is not sent.
    /// </summary>
    public static async Task<List<EInnsynRecord>> ForMeetingAsync(SamstyringDb db, SiteAddress site, int meetingId, bool withMinutes, bool withDecisions,
        CancellationToken ct)
    {
        var meeting = await db.Meetings.Include(m => m.Body).ThenInclude(b => b.Names).SingleAsync(m => m.Id == meetingId, ct);
        if (!IsPublic(meeting.Status)) return [];
        // Everything CouncilQueries.ToView reads: a related case, reference or comment tracked without its navigations
        // (loaded earlier in the same use case) would otherwise be met half loaded.
        var cases = (await db.Cases.AsSplitQuery()
            .Include(c => c.Attachments)
            .Include(c => c.Meeting)
            .Include(c => c.Body).ThenInclude(b => b.Names)
            .Include(c => c.Links).ThenInclude(l => l.RelatedCase).ThenInclude(r => r.Body).ThenInclude(b => b.Names)
            .Include(c => c.Links).ThenInclude(l => l.RelatedCase).ThenInclude(r => r.Meeting)
            .Include(c => c.References).ThenInclude(r => r.Initiative)
            .Include(c => c.References).ThenInclude(r => r.ReportingPeriod)
            .Include(c => c.References).ThenInclude(r => r.CriteriaSet)
            .Include(c => c.Comments).ThenInclude(x => x.Organization)
            .Where(c => c.MeetingId == meetingId).ToListAsync(ct)).OrderBy(c => c.Year).ThenBy(c => c.Number).ToList();
        var records = new List<EInnsynRecord> { Meeting(meeting, cases, site) };
        if (withMinutes && meeting.Status == MeetingStatus.MinutesApproved) records.Add(Minutes(meeting, site));
        if (withDecisions)
            records.AddRange(cases.Where(c => c.Decision is not null && !c.Confidential).Select(c => Decision(c, meeting, first: true)));
        return records;
    }

    /// <summary>The meeting (Moetemappe) with its notice (Moetedokument) and a Moetesak per case, for <c>POST /arkivdel/{id}/moetemappe</c>.</summary>
    public static EInnsynRecord Meeting(Meeting m, IReadOnlyList<CouncilCase> cases, SiteAddress site)
    {
        var bodyName = m.Body.NameOn(m.Date).Name;
        var title = $"{(m.Kind == Council.MeetingKind.Extra ? "Ekstramøte" : "Møte")} {m.NumberText} i {bodyName}";
        var payload = new JsonObject
        {
            ["externalId"] = ExternalMeeting(m.Id),
            ["offentligTittel"] = title,
            ["offentligTittelSensitiv"] = title,
            ["moetenummer"] = m.NumberText,
            ["utvalg"] = bodyName,
            ["moetedato"] = DateTimeText(Documents.ICalendar.OsloToUtc(m.Date, m.StartTime)),
        };
        if (!string.IsNullOrWhiteSpace(m.PlaceText)) payload["moetested"] = m.PlaceText;
        if (m.Kind == Council.MeetingKind.Extra) payload["beskrivelse"] = m.Kind.Label();
        payload["moetedokument"] = new JsonArray(MeetingDocument(m, "innkalling", $"Innkalling til møte {m.NumberText}", "notice", site));
        payload["moetesak"] = new JsonArray(cases.Select(c => (JsonNode)Case(c, bodyName, site)).ToArray());
        return new EInnsynRecord(MeetingKind, m.BodyId, m.Id, null, MeetingKey(m.Id), ExternalMeeting(m.Id), "POST", title, payload);
    }

    /// <summary>The approved minutes, for <c>POST /moetemappe/{id}/moetedokument</c>.</summary>
    public static EInnsynRecord Minutes(Meeting m, SiteAddress site)
    {
        var title = $"Referat fra møte {m.NumberText}";
        var payload = MeetingDocument(m, "referat", title, "minutes", site);
        return new EInnsynRecord(MinutesKind, m.BodyId, m.Id, null, MinutesKey(m.Id), (string)payload["externalId"]!, "POST",
            $"{title} i {m.Body.NameOn(m.Date).Name}", payload);
    }

    /// <summary>
    /// The decision of a case open to the public: the first for <c>POST /moetesak/{id}/vedtak</c>, a correction for
    /// <c>PATCH /moetesak/{id}</c>. Never for a confidential case (the caller checks; this refuses too).
    /// </summary>
    public static EInnsynRecord Decision(CouncilCase c, Meeting m, bool first)
    {
        var view = CouncilQueries.ToView(c, null, insider: false, readsComments: false);
        if (view.Redacted || view.Decision is null) throw new InvalidOperationException($"Sak {c.NumberText} har ikke et offentlig vedtak.");
        var vedtak = new JsonObject
        {
            ["vedtakstekst"] = new JsonObject { ["tekstInnhold"] = view.Decision, ["tekstFormat"] = TextFormat },
            ["dato"] = (view.DecidedOn ?? m.Date).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        var external = $"{ExternalCase(c.Id)}:vedtak";
        JsonObject payload;
        if (first)
        {
            vedtak["externalId"] = external;
            payload = vedtak;
        }
        else payload = new JsonObject { ["vedtak"] = vedtak };
        return new EInnsynRecord(DecisionKind, c.BodyId, m.Id, c.Id, DecisionKey(c.Id, view.Decision), external, first ? "POST" : "PATCH",
            $"Vedtak i sak {c.NumberText}", payload);
    }

    private static JsonObject MeetingDocument(Meeting m, string type, string title, string file, SiteAddress site) => new()
    {
        ["externalId"] = $"{ExternalMeeting(m.Id)}:{file}",
        ["moetedokumenttype"] = type,
        ["offentligTittel"] = title,
        ["offentligTittelSensitiv"] = title,
        ["dokumentbeskrivelse"] = new JsonArray(Document(1, title, title, type, "hoveddokument",
            FileObject(site.Link($"/api/v1/meetings/{m.Id}/{file}.pdf"), "PDF", null))),
    };

    private static JsonObject Case(CouncilCase c, string bodyName, SiteAddress site)
    {
        // The public view decides what is public; the insider view only gives the sensitive titles.
        var open = CouncilQueries.ToView(c, null, insider: false, readsComments: false);
        var full = CouncilQueries.ToView(c, null, insider: true, readsComments: false);
        var ms = new JsonObject
        {
            ["externalId"] = ExternalCase(c.Id),
            ["offentligTittel"] = open.Redacted ? Exempt(open.LegalBasis) : open.Title,
            ["offentligTittelSensitiv"] = full.Title,
            ["moetesakstype"] = CaseType(c),
            ["legacyMoetesakstype"] = c.Standing == StandingCase.None ? c.Type.Label() : c.Standing.Label(),
            ["moetesaksaar"] = c.Year,
            ["moetesakssekvensnummer"] = c.Number,
            ["utvalg"] = bodyName,
        };
        if (!open.Redacted)
        {
            if (!string.IsNullOrWhiteSpace(open.Purpose)) ms["beskrivelse"] = Cut(open.Purpose!.Trim(), DescriptionMax);
            if (!string.IsNullOrWhiteSpace(open.ProposedDecision))
                ms["innstilling"] = new JsonObject { ["tekstInnhold"] = Fill(open.ProposedDecision!), ["tekstFormat"] = TextFormat };
        }
        var documents = new JsonArray();
        var paper = $"Saksfremlegg {c.NumberText}";
        // The case paper of an exempt case is listed (its number and legal basis are public), never linked.
        documents.Add(open.Redacted
            ? Document(1, $"{paper}: unntatt offentlighet" + (string.IsNullOrWhiteSpace(open.LegalBasis) ? "" : $" ({open.LegalBasis})"), $"{paper} {full.Title}",
                "saksfremlegg", "hoveddokument", null)
            : Document(1, paper, paper, "saksfremlegg", "hoveddokument", FileObject(site.Link($"/api/v1/cases/{c.Id}/paper.pdf"), "PDF", null)));
        var number = 2;
        foreach (var a in full.Attachments)
        {
            var entity = c.Attachments.Single(x => x.Id == a.Id);
            var exempt = AttachmentAccess.IsConfidential(entity.Confidential, c.Confidential);
            var sensitive = $"Vedlegg {a.Label}: {a.Title}";
            documents.Add(exempt
                ? Document(number++, AttachmentAccess.HiddenText(a.Label, AttachmentAccess.LegalBasisShown(entity, c.Confidential, c.LegalBasis)), sensitive,
                    "vedlegg", "vedlegg", null)
                : Document(number++, sensitive, sensitive, "vedlegg", "vedlegg",
                    entity.HasFile ? FileObject(site.Link($"/api/v1/attachments/{a.Id}"), entity.ContentType, entity.Sha256) : null));
        }
        ms["dokumentbeskrivelse"] = documents;
        return ms;
    }

    /// <summary>
    /// eInnsyn's closed list has no advisory types: approvals and briefings map to theirs, and discussion, recommendation
    /// and any other business go as <c>annet</c> with the Norwegian type kept in <c>legacyMoetesakstype</c>.
    /// </summary>
    public static string CaseType(CouncilCase c) =>
        c.Standing != StandingCase.None ? "godkjenning"
        : c.Type switch
        {
            Council.CaseType.Godkjenning => "godkjenning",
            Council.CaseType.Orientering => "orientering",
            _ => "annet",
        };

    private static string Exempt(string? legalBasis) =>
        CaseView.RedactedTitle + (string.IsNullOrWhiteSpace(legalBasis) ? "" : $" ({legalBasis})");

    private static JsonObject Document(int number, string title, string sensitive, string type, string role, JsonObject? file)
    {
        var d = new JsonObject
        {
            ["tittel"] = title,
            ["tittelSensitiv"] = sensitive,
            ["dokumentnummer"] = number,
            ["dokumenttype"] = type,
            ["tilknyttetRegistreringSom"] = role,
        };
        if (file is not null) d["dokumentobjekt"] = new JsonArray(file);
        return d;
    }

    private static JsonObject FileObject(string url, string? format, string? sha256)
    {
        var o = new JsonObject { ["referanseDokumentfil"] = url };
        if (!string.IsNullOrWhiteSpace(format)) o["format"] = format;
        if (!string.IsNullOrWhiteSpace(sha256))
        {
            o["sjekksum"] = sha256;
            o["sjekksumAlgoritme"] = "SHA-256";
        }
        return o;
    }

    public static string DateTimeText(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    /// <summary>"{{Anbefalingen formuleres i møtet}}" reads "(Anbefalingen formuleres i møtet)", as in the case papers.</summary>
    private static string Fill(string text) => Placeholder().Replace(text, m => $"({m.Groups[1].Value.Trim()})");

    [GeneratedRegex(@"\{\{(.*?)\}\}", RegexOptions.Singleline)]
    private static partial Regex Placeholder();
}
