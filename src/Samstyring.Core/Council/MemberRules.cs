using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>What the member use cases share: finding the body and the member, and the rules for a member's role and term.</summary>
internal static class MemberRules
{
    public const string AttendedAfterMessage = "Medlemmet har registrert oppmøte på møter etter denne datoen. Velg en senere dato.";

    public static Task<bool> AttendedAfterAsync(SamstyringDb db, int memberId, DateOnly date, CancellationToken ct) =>
        db.Meetings.AnyAsync(m => m.Date > date && m.Attendance.Any(a => a.MemberId == memberId), ct);

    public static async Task<BodyMember> LoadForChangeAsync(SamstyringDb db, int id, CurrentUser? user, CancellationToken ct)
    {
        CouncilAccess.RequireSecretariat(user);
        var member = await db.BodyMembers.SingleOrDefaultAsync(m => m.Id == id, ct) ?? throw new NotFoundException($"Fant ikke medlem {id}.");
        return member;
    }

    public static async Task<int> BodyIdAsync(SamstyringDb db, string slug, CancellationToken ct) =>
        await db.Bodies.Where(b => b.Slug == slug).Select(b => (int?)b.Id).SingleOrDefaultAsync(ct)
        ?? throw new NotFoundException($"Fant ikke organet «{(slug.Length > 40 ? slug[..40] + "…" : slug)}».");

    public static async Task ApplyAsync(SamstyringDb db, BodyMember member, MemberInput input, CancellationToken ct)
    {
        var v = new Validator();
        v.Name("name", input.Name, "Navn", BodyMember.NameMax);
        v.Name("title", input.Title, "Tittel", 200, required: false);
        if (!string.IsNullOrWhiteSpace(input.Email) && !Notifications.Outbox.IsAddress(input.Email))
            v.Add("email", $"«{Validator.Truncate(input.Email.Trim())}» er ikke en e-postadresse (skriv for eksempel navn@virksomhet.no).");
        if (input.OrganizationId is not { } orgId) v.Add("organizationId", "Velg organisasjonen medlemmet representerer.");
        else if (!await db.Organizations.AnyAsync(o => o.Id == orgId, ct)) v.Add("organizationId", $"Fant ikke organisasjon med id {orgId}.");
        v.Enum<MemberRole>("role", input.Role, "Rolle", true, out var role);
        if (role == MemberRole.Substitute)
        {
            if (input.SubstituteForId is not { } forId) v.Add("substituteForId", "Velg hvem stedfortrederen er stedfortreder for.");
            else if (forId == member.Id) v.Add("substituteForId", "Et medlem kan ikke være stedfortreder for seg selv.");
            else
            {
                var target = await db.BodyMembers.AsNoTracking().Where(m => m.Id == forId).Select(m => new { m.BodyId, m.Role, m.Name }).SingleOrDefaultAsync(ct);
                if (target is null || target.BodyId != member.BodyId) v.Add("substituteForId", "Stedfortrederen må være stedfortreder for et medlem av det samme organet.");
                else if (target.Role is MemberRole.Substitute or MemberRole.Secretariat)
                    v.Add("substituteForId", $"{target.Name} er {target.Role.Label().ToLowerInvariant()}; en stedfortreder må stå for et medlem eller en observatør.");
            }
        }
        else if (input.SubstituteForId is not null)
            v.Add("substituteForId", "Bare en stedfortreder kan være stedfortreder for et annet medlem. Velg rollen «Stedfortreder» eller fjern valget.");
        if (role is { } r && r is not (MemberRole.Member or MemberRole.Observer) && member.Id != 0
            && await db.BodyMembers.AnyAsync(m => m.SubstituteForId == member.Id, ct))
            v.Add("role", $"Noen er stedfortreder for dette medlemmet, så rollen må være {MemberRole.Member.Label().ToLowerInvariant()} eller {MemberRole.Observer.Label().ToLowerInvariant()}.");
        v.Date("termStart", input.TermStart, "Periodens start", true, out var start);
        v.Date("termEnd", input.TermEnd, "Siste dag i perioden", false, out var end);
        if (start is { } s && end is { } e && e < s) v.Add("termEnd", "Siste dag i perioden kan ikke være før periodens start.");
        else if (end is { } e2 && member.Id != 0 && await AttendedAfterAsync(db, member.Id, e2, ct)) v.Add("termEnd", AttendedAfterMessage);
        v.ThrowIfInvalid();

        member.Name = input.Name!.Trim();
        member.Title = string.IsNullOrWhiteSpace(input.Title) ? null : input.Title.Trim();
        member.Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        member.OrganizationId = input.OrganizationId!.Value;
        member.Role = role!.Value;
        member.SubstituteForId = role == MemberRole.Substitute ? input.SubstituteForId : null;
        member.TermStart = start!.Value;
        member.TermEnd = end;
    }
}
