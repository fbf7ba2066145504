using Samstyring.Core.Common;
using Samstyring.Core.Council;

namespace Samstyring.Web.Council.Attachments;

/// <summary>One line of an attachment list as the current user may see it. Hidden lines carry no title or file name.</summary>
public sealed record AttachmentListItem(
    int Id, string Label, string Text, string? FileName, string? FileInfo, string? DownloadUrl,
    bool Confidential, string? LegalBasis, bool Hidden);

/// <summary>
/// The model of _AttachmentList.cshtml, for any page that lists a case's vedlegg:
/// <c>&lt;partial name="/Council/Attachments/_AttachmentList.cshtml" model="AttachmentListModel.Build(…)" /&gt;</c>.
/// </summary>
public sealed record AttachmentListModel(IReadOnlyList<AttachmentListItem> Items, bool ShowEditLinks)
{
    /// <param name="attachments">The case's attachments (all of them: the filter is applied here).</param>
    /// <param name="caseConfidential">Whether the whole case is unntatt offentlighet, which hides every attachment.</param>
    /// <param name="meetingStatus">The status of the case's meeting (null when not on a meeting); before the notice only the secretariat and members download.</param>
    public static AttachmentListModel Build(IEnumerable<Attachment> attachments, bool caseConfidential, string? caseLegalBasis,
        MeetingStatus? meetingStatus, CurrentUser? user, bool showEditLinks = false)
    {
        var seeConfidential = CouncilAccess.CanSeeConfidential(user);
        var items = attachments.OrderBy(a => a.Label, LabelComparer.Instance).Select(a =>
        {
            var confidential = AttachmentAccess.IsConfidential(a.Confidential, caseConfidential);
            var basis = AttachmentAccess.LegalBasisShown(a, caseConfidential, caseLegalBasis);
            if (confidential && !seeConfidential)
                return new AttachmentListItem(a.Id, a.Label, AttachmentAccess.HiddenText(a.Label, basis), null, null, null, true, basis, Hidden: true);
            var info = a.HasFile
                ? string.Join(", ", new[] { TypeName(a.FileName), a.SizeBytes is { } n ? AttachmentAccess.Size(n) : null }.Where(x => x is not null))
                : null;
            var url = a.HasFile && AttachmentAccess.CanDownload(confidential, meetingStatus, user) ? AttachmentsApi.DownloadUrl(a.Id) : null;
            return new AttachmentListItem(a.Id, a.Label, a.Title, a.FileName, info, url, confidential, basis, Hidden: false);
        }).ToList();
        return new AttachmentListModel(items, showEditLinks && CouncilAccess.IsSecretariat(user));
    }

    private static string? TypeName(string? fileName) =>
        AttachmentFileType.ForExtension(Path.GetExtension(fileName))?.Description;
}

/// <summary>"1" &lt; "1A" &lt; "2" &lt; "10": by number, then letter.</summary>
public sealed class LabelComparer : IComparer<string>
{
    public static readonly LabelComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        var (nx, sx) = Split(x ?? "");
        var (ny, sy) = Split(y ?? "");
        var c = nx.CompareTo(ny);
        return c != 0 ? c : string.CompareOrdinal(sx, sy);
    }

    private static (int, string) Split(string label)
    {
        var digits = new string(label.TakeWhile(char.IsAsciiDigit).ToArray());
        return (int.TryParse(digits, out var n) ? n : int.MaxValue, label[digits.Length..]);
    }
}
