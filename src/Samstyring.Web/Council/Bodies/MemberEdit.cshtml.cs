using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Council;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;

namespace Samstyring.Web.Council.Bodies;

/// <summary>
/// Changes a member, ends their term, or deletes a member registered by mistake. Someone with attendance is never
/// deleted (the minutes name them): the page offers only "end term" for them.
/// </summary>
[Authorize(Policy = "office")]
public sealed class MemberEditModel(UpdateMember updateMember, EndMemberTerm endMemberTerm, DeleteMember deleteMember, CouncilQueries queries, OrganizationQueries actors,
    TimeProvider clock) : MemberFormPage(queries, actors, clock)
{
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? EndOn { get; set; }

    public BodyMember Member { get; private set; } = null!;
    public bool HasAttendance { get; private set; }
    public bool ConfirmDelete { get; private set; }
    public string BodyName => Member.Body.Names.Count > 0 ? Member.Body.NameOn(Clock.Today()).Name : Member.Body.Slug;
    private string MembersUrl => $"/sekretariat/organer/{Member.Body.Slug}/medlemmer";

    public async Task OnGetAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        FillStored();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        ModelState.Clear();
        var ok = await TryAsync(() => updateMember.HandleAsync(id, Input(), Version, CurrentUser, ct));
        await LoadAsync(id, ct);
        if (ok)
        {
            Flash = $"{Member.Name} er endret.";
            return Redirect(MembersUrl);
        }
        AfterFailure();
        EndOn ??= DateValue(Member.TermEnd ?? Clock.Today());
        return Page();
    }

    public async Task<IActionResult> OnPostEndAsync(int id, CancellationToken ct)
    {
        ModelState.Clear();
        var ok = await TryAsync(() => endMemberTerm.HandleAsync(id, EndOn, Version, CurrentUser, ct));
        await LoadAsync(id, ct);
        if (ok)
        {
            Flash = $"Perioden til {Member.Name} er avsluttet.";
            return Redirect(MembersUrl);
        }
        MoveErrors("termEnd", "endOn");
        var endOn = EndOn;
        AfterFailure();
        if (ConflictMessage is null) EndOn = endOn;
        Fill(Member);
        return Page();
    }

    /// <summary>GET ?handler=slett asks for confirmation; the confirmation posts to ?handler=slett.</summary>
    public async Task OnGetSlettAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        FillStored();
        ConfirmDelete = true;
    }

    public async Task<IActionResult> OnPostSlettAsync(int id, CancellationToken ct)
    {
        ModelState.Clear();
        await LoadAsync(id, ct);
        var url = MembersUrl;
        var name = Member.Name;
        if (await TryAsync(() => deleteMember.HandleAsync(id, Version, CurrentUser, ct)))
        {
            Flash = $"{name} er slettet.";
            return Redirect(url);
        }
        MoveErrors("id", "");
        AfterFailure();
        FillStored();
        return Page();
    }

    private void AfterFailure()
    {
        if (ConflictMessage is null) return;
        // Someone saved first: show what is stored now, so the change is redone on top of it.
        ModelState.Clear();
        ModelState.AddModelError("", ConflictMessage);
        FillStored();
    }

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        Member = await Queries.GetMemberAsync(id, ct);
        HasAttendance = await Queries.MemberHasAttendanceAsync(id, ct);
        await LoadOptionsAsync(Member.BodyId, id, ct);
    }

    private void FillStored()
    {
        Fill(Member);
        Version = Member.Version;
        EndOn = DateValue(Member.TermEnd ?? Clock.Today());
    }
}
