using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Actors;

namespace Samstyring.Web.Council.Bodies;

/// <summary>The members of one body, current first, with a form to add one.</summary>
[Authorize(Policy = "office")]
public sealed class MembersModel(AddMember addMember, CouncilQueries queries, OrganizationQueries actors, TimeProvider clock) : MemberFormPage(queries, actors, clock)
{
    public Body Body { get; private set; } = null!;
    public List<BodyMember> Members { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public string CurrentName => Body.Names.Count > 0 ? Body.NameOn(Today).Name : Body.Slug;

    public async Task OnGetAsync(string slug, CancellationToken ct)
    {
        await LoadAsync(slug, ct);
        Role = MemberRole.Member.Code();
        TermStart = DateValue(Today);
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        ModelState.Clear();
        if (await TryAsync(() => addMember.HandleAsync(slug, Input(), CurrentUser, ct)))
        {
            Flash = $"{Name?.Trim()} er lagt til.";
            return Redirect($"/sekretariat/organer/{slug}/medlemmer");
        }
        await LoadAsync(slug, ct);
        return Page();
    }

    private async Task LoadAsync(string slug, CancellationToken ct)
    {
        Today = Clock.Today();
        Body = await Queries.GetBodyWithHistoryAsync(slug, ct);
        Members = await Queries.ListBodyMembersAsync(slug, ct);
        await LoadOptionsAsync(Body.Id, null, ct);
    }
}
