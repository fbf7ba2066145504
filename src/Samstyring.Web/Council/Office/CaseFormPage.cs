using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Web.Council.Bodies;

namespace Samstyring.Web.Council.Office;

/// <summary>The content of a case shared by "new case" and "edit case".</summary>
public abstract class CaseFormPage : CouncilOfficePage
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Type { get; set; }
    [BindProperty] public string? From { get; set; }
    [BindProperty] public string? Officers { get; set; }
    [BindProperty] public string? Purpose { get; set; }
    [BindProperty] public string? Background { get; set; }
    [BindProperty] public string? ProposedDecision { get; set; }
    [BindProperty] public string? CommentDeadline { get; set; }
    [BindProperty] public string? CommentDeadlineNote { get; set; }
    [BindProperty] public bool Confidential { get; set; }
    [BindProperty] public string? LegalBasis { get; set; }

    /// <summary>The standing cases keep their type.</summary>
    public bool TypeLocked { get; protected set; }

    protected CaseInput Input(string? presenter = null, string? startsAt = null) =>
        new(Title, Type, From, Officers, Purpose, Background, ProposedDecision, Confidential, LegalBasis, CommentDeadline, CommentDeadlineNote,
            presenter, startsAt);

    protected void Fill(CaseView c)
    {
        Title = c.Title;
        Type = c.Type.Code();
        From = c.From;
        Officers = c.Officers;
        Purpose = c.Purpose;
        Background = c.Background;
        ProposedDecision = c.ProposedDecision;
        CommentDeadline = DateValue(c.CommentDeadline);
        CommentDeadlineNote = c.CommentDeadlineNote;
        Confidential = c.Confidential;
        LegalBasis = c.LegalBasis;
    }
}
