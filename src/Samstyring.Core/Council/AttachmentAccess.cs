using System.Text.RegularExpressions;
using Samstyring.Core.Common;

namespace Samstyring.Core.Council;

/// <summary>Who may see and fetch an attachment, and how a hidden one is listed. Queries and pages use the same rules.</summary>
public static partial class AttachmentAccess
{
    /// <summary>25 MB: enough for scanned case papers, small enough to keep backups manageable.</summary>
    public const long MaxBytes = 25L * 1024 * 1024;
    public const int MaxMegabytes = (int)(MaxBytes / 1024 / 1024);

    /// <summary>Unntatt offentlighet: the attachment itself or its whole case.</summary>
    public static bool IsConfidential(bool attachmentConfidential, bool caseConfidential) => attachmentConfidential || caseConfidential;

    /// <summary>The legal basis shown for a hidden attachment: its own, or else the case's.</summary>
    public static string? LegalBasisShown(Attachment a, bool caseConfidential, string? caseLegalBasis) =>
        a.Confidential ? a.LegalBasis : caseConfidential ? caseLegalBasis : null;

    /// <summary>What a user who may not see confidential content reads instead of title and file name.</summary>
    public static string HiddenText(string label, string? legalBasis) =>
        $"Vedlegg {label}: unntatt offentlighet" + (string.IsNullOrWhiteSpace(legalBasis) ? "" : $" ({legalBasis})");

    /// <summary>
    /// Confidential attachments only for those who may see confidential content. The rest are public once the
    /// notice is sent; before that (or for a case not on a meeting) only the secretariat and members fetch them.
    /// </summary>
    public static bool CanDownload(bool confidential, MeetingStatus? meetingStatus, CurrentUser? user) =>
        CouncilAccess.CanSeeConfidential(user) || (!confidential && meetingStatus is { } s && s != MeetingStatus.Planned);

    /// <summary>"1", "1A", "5A".</summary>
    [GeneratedRegex("^[0-9]{1,2}[A-Z]?$")]
    public static partial Regex LabelPattern();

    /// <summary>"31,2 MB", "812 kB".</summary>
    public static string Size(long bytes) => Norwegian.FileSize(bytes);
}
