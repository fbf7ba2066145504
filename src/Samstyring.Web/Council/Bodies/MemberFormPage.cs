using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Data;

namespace Samstyring.Web.Council.Bodies;

/// <summary>The member inputs shared by "add member" (on the members list) and "edit member".</summary>
public abstract class MemberFormPage(SamstyringDb db) : CouncilOfficePage
{
    protected SamstyringDb Db { get; } = db;

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public int? OrganizationId { get; set; }
    [BindProperty] public string? Role { get; set; }
    [BindProperty] public int? SubstituteForId { get; set; }
    [BindProperty] public string? TermStart { get; set; }
    [BindProperty] public string? TermEnd { get; set; }

    public List<(string, string)> Organizations { get; private set; } = [];
    /// <summary>Members and observers of the body, whom a substitute may stand in for.</summary>
    public List<(string, string)> Substitutable { get; private set; } = [];

    protected MemberInput Input() => new(Name, Title, OrganizationId, Role, SubstituteForId, TermStart, TermEnd);

    protected async Task LoadOptionsAsync(int bodyId, int? exceptMemberId, CancellationToken ct)
    {
        Organizations = await OrganizationOptionsAsync(Db, ct);
        Substitutable = (await Db.BodyMembers.AsNoTracking()
                .Where(m => m.BodyId == bodyId && m.Id != exceptMemberId && (m.Role == MemberRole.Member || m.Role == MemberRole.Observer))
                .OrderBy(m => m.Name).Select(m => new { m.Id, m.Name, m.TermStart, m.TermEnd, Org = m.Organization.Name }).ToListAsync(ct))
            .Select(m => (m.Id.ToString(CultureInfo.InvariantCulture),
                $"{m.Name} ({m.Org}, {(m.TermEnd is { } e ? $"{Norwegian.ShortDate(m.TermStart)}–{Norwegian.ShortDate(e)}" : $"fra {Norwegian.ShortDate(m.TermStart)}")})"))
            .ToList();
    }

    protected void Fill(BodyMember m)
    {
        Name = m.Name;
        Title = m.Title;
        OrganizationId = m.OrganizationId;
        Role = m.Role.Code();
        SubstituteForId = m.SubstituteForId;
        TermStart = DateValue(m.TermStart);
        TermEnd = DateValue(m.TermEnd);
    }
}
