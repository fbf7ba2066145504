using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Actors;

namespace Samstyring.Web.Council.Bodies;

/// <summary>The member inputs shared by "add member" (on the members list) and "edit member".</summary>
public abstract class MemberFormPage(CouncilQueries queries, OrganizationQueries actors, TimeProvider clock) : CouncilOfficePage
{
    protected CouncilQueries Queries { get; } = queries;
    protected TimeProvider Clock { get; } = clock;

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public int? OrganizationId { get; set; }
    [BindProperty] public string? Role { get; set; }
    [BindProperty] public int? SubstituteForId { get; set; }
    [BindProperty] public string? TermStart { get; set; }
    [BindProperty] public string? TermEnd { get; set; }

    public List<(string, string)> Organizations { get; private set; } = [];
    /// <summary>Members and observers of the body, whom a substitute may stand in for.</summary>
    public List<(string, string)> Substitutable { get; private set; } = [];

    protected MemberInput Input() => new(Name, Title, OrganizationId, Role, SubstituteForId, TermStart, TermEnd, Email);

    protected async Task LoadOptionsAsync(int bodyId, int? exceptMemberId, CancellationToken ct)
    {
        Organizations = await actors.OptionsAsync(ct: ct);
        Substitutable = (await Queries.SubstitutableMembersAsync(bodyId, exceptMemberId, ct))
            .Select(m => (m.Id.ToString(CultureInfo.InvariantCulture),
                $"{m.Name} ({m.Organization}, {(m.TermEnd is { } e ? $"{Norwegian.ShortDate(m.TermStart)}–{Norwegian.ShortDate(e)}" : $"fra {Norwegian.ShortDate(m.TermStart)}")})"))
            .ToList();
    }

    protected void Fill(BodyMember m)
    {
        Name = m.Name;
        Title = m.Title;
        Email = m.Email;
        OrganizationId = m.OrganizationId;
        Role = m.Role.Code();
        SubstituteForId = m.SubstituteForId;
        TermStart = DateValue(m.TermStart);
        TermEnd = DateValue(m.TermEnd);
    }
}
