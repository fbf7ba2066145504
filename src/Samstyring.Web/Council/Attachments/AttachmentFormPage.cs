using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Council.Attachments;

/// <summary>What the upload and edit pages share: the case being worked on and the metadata fields.</summary>
public abstract class AttachmentFormPage(CouncilQueries queries) : SamstyringPage
{
    protected CouncilQueries Queries { get; } = queries;

    [BindProperty] public string? Label { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public bool Confidential { get; set; }
    [BindProperty] public string? LegalBasis { get; set; }

    public CouncilCase Case { get; private set; } = null!;
    /// <summary>"møte 6/2021 i NUIT, 9. desember 2021", or null when the case is not on a meeting.</summary>
    public string? MeetingText { get; private set; }
    public MeetingStatus? MeetingStatus { get; private set; }
    public string SuggestedLabel { get; protected set; } = "1";
    public List<Attachment> Attachments { get; private set; } = [];

    protected async Task LoadCaseAsync(int caseId, CancellationToken ct)
    {
        (Case, var attachments) = await Queries.GetCaseWithAttachmentsAsync(caseId, ct);
        if (Case.Meeting is { } m)
        {
            var name = Case.Body.Names.Count > 0 ? Case.Body.NameOn(m.Date) : null;
            MeetingText = $"møte {m.NumberText}{(name is null ? "" : " i " + (name.ShortName ?? name.Name))}, {Norwegian.Date(m.Date)}";
            MeetingStatus = m.Status;
        }
        Attachments = attachments;
        Attachments.Sort((x, y) => LabelComparer.Instance.Compare(x.Label, y.Label));
    }
}
