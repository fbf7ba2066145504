using Samstyring.Core.Council;

namespace Samstyring.Core.Archive;

/// <summary>The export's fixed facts: the request, the ids, the export time (T) and who exported (U).</summary>
internal sealed record ExtractContext(ArchiveRequest Request, ArchiveIds Ids, DateTime Now, string ExportedBy)
{
    /// <summary>Who created rows that do not record their creator (meetings, cases, generated documents).</summary>
    public const string Secretariat = "Sekretariatet";

    public string ArkivId => Ids.Text($"arkiv:{Request.BodyId}:{NoarkXml.Date(Request.From)}:{NoarkXml.Date(Request.To)}");
    public string ArkivdelId => Ids.Text($"arkivdel:{Request.BodyId}:{NoarkXml.Date(Request.From)}:{NoarkXml.Date(Request.To)}");
    public string ArkivskaperNavn => $"Sekretariatet for {Request.BodyName}";

    public static string MeetingName(int id) => $"meeting:{id}";
    public static string CaseName(int id) => $"case:{id}";
}

/// <summary>What the uploaded attachment's row holds beyond its view: when and by whom, and its stored file.</summary>
internal sealed record AttachmentFacts(int Id, string Label, DateTime UploadedAt, string? UploadedBy, string? StoragePath, long? SizeBytes, string? Sha256,
    string? FileName, string? ContentType);

/// <summary>One meeting as the secretariat sees it, with the references to the body's previous and next meeting.</summary>
internal sealed record ArchivedMeeting(MeetingView View, DateTime CreatedAt, int? PreviousId, int? NextId,
    IReadOnlyDictionary<int, DateTime> CaseCreatedAt, IReadOnlyDictionary<int, AttachmentFacts> Attachments)
{
    public const string NoticeKey = "notice", MinutesKey = "minutes";
    public static string PaperKey(int caseId) => $"case:{caseId}";
    public static string AttachmentKey(int attachmentId) => $"attachment:{attachmentId}";

    public int Id => View.Id;
    public int Year => View.Meeting.Date.Year;

    /// <summary>The sequence number of "6/2021".</summary>
    public string Number => View.Meeting.Number.Split('/')[0];

    public bool HasNotice => View.Meeting.NoticeSent && View.Meeting.Status != MeetingStatus.Planned;
    public bool HasMinutes => View.Meeting.Status is MeetingStatus.Held or MeetingStatus.MinutesApproved;
}

/// <summary>What arkivstruktur.xml holds, for the ADDML description and the summary.</summary>
internal sealed class ArkivstrukturCounts
{
    public int Meetings, Registrations, Cases, DocumentDescriptions, DocumentObjects, Files;
    public long Bytes;
}

/// <summary>The ids of the meetings, cases and attachments in the extract, for the change log (ints: small even for thousands).</summary>
internal sealed class ArchivedEntities
{
    public HashSet<int> Meetings { get; } = [];
    public HashSet<int> Cases { get; } = [];
    public HashSet<int> Attachments { get; } = [];

    public void Add(ArchivedMeeting m)
    {
        Meetings.Add(m.Id);
        foreach (var c in m.View.Cases)
        {
            Cases.Add(c.Id);
            foreach (var a in c.Attachments) Attachments.Add(a.Id);
        }
    }
}

/// <summary>A case in the public journal: only what may be public is written from it.</summary>
internal sealed record JournalRow(int Id, int Year, int Number, string Title, bool Confidential, string? LegalBasis, string? From, DateOnly MeetingDate);
