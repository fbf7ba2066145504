using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>A person on a body. <c>SubstituteForId</c> is required for a substitute and names a member of the same body.</summary>
public sealed record MemberInput(
    string? Name, string? Title, int? OrganizationId, string? Role, int? SubstituteForId, string? TermStart, string? TermEnd);

/// <summary>The secretariat keeps the membership of each body: who sits for which organisation, in which role, for which term.</summary>
[UseCase]
public sealed class MemberUseCases(SamstyringDb db)
{
    public const int NameMax = 200;

    /// <summary>Everyone who has sat on the body, current first (voting members, observers, substitutes, secretariat), then former members.</summary>
    public async Task<List<BodyMember>> ListAsync(string slug, CancellationToken ct = default)
    {
        var bodyId = await BodyIdAsync(slug, ct);
        var today = db.Today;
        var members = await db.BodyMembers.AsNoTracking().Include(m => m.Organization).Include(m => m.SubstituteFor)
            .Where(m => m.BodyId == bodyId).ToListAsync(ct);
        return members.OrderBy(m => m.ServesOn(today) ? 0 : m.TermStart > today ? 1 : 2).ThenBy(m => m.Role)
            .ThenBy(m => m.Name, StringComparer.Create(Norwegian.Culture, false)).ThenBy(m => m.Id).ToList();
    }

    public async Task<BodyMember> GetAsync(int id, CancellationToken ct = default) =>
        await db.BodyMembers.AsNoTracking().Include(m => m.Organization).Include(m => m.SubstituteFor)
            .Include(m => m.Body).ThenInclude(b => b.Names)
            .SingleOrDefaultAsync(m => m.Id == id, ct)
        ?? throw new NotFoundException($"Fant ikke medlem {id}.");

    /// <summary>Whether the member has attendance records (then they can only have their term ended, not be deleted).</summary>
    public Task<bool> HasAttendanceAsync(int id, CancellationToken ct = default) => db.Attendance.AnyAsync(a => a.MemberId == id, ct);

    public async Task<BodyMember> AddAsync(string slug, MemberInput input, CurrentUser? user, CancellationToken ct = default)
    {
        CouncilAccess.RequireSecretariat(user);
        var bodyId = await BodyIdAsync(slug, ct);
        var member = new BodyMember { BodyId = bodyId, Name = "" };
        await ApplyAsync(member, input, ct);
        db.BodyMembers.Add(member);
        await db.SaveChangesAsync(ct);
        return member;
    }

    public async Task<BodyMember> UpdateAsync(int id, MemberInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        var member = await LoadForChangeAsync(id, user, ct);
        db.ExpectVersion(member, expectedVersion);
        await ApplyAsync(member, input, ct);
        await db.SaveChangesAsync(ct);
        return member;
    }

    /// <summary>Ends the member's term on a date. This, not deleting, is how someone leaves a body: their attendance stays in the minutes.</summary>
    public async Task<BodyMember> EndTermAsync(int id, string? termEnd, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        var member = await LoadForChangeAsync(id, user, ct);
        db.ExpectVersion(member, expectedVersion);
        var v = new Validator();
        v.Date("termEnd", termEnd, "Siste dag i perioden", true, out var end);
        if (end is { } e && e < member.TermStart)
            v.Add("termEnd", $"Siste dag i perioden kan ikke være før perioden startet ({Norwegian.Date(member.TermStart)}).");
        if (end is { } e2 && await AttendedAfterAsync(id, e2, ct))
            v.Add("termEnd", AttendedAfterMessage);
        v.ThrowIfInvalid();
        member.TermEnd = end;
        await db.SaveChangesAsync(ct);
        return member;
    }

    /// <summary>Removes a member registered by mistake. Someone with attendance, or who has a substitute, stays; end the term instead.</summary>
    public async Task DeleteAsync(int id, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        var member = await LoadForChangeAsync(id, user, ct);
        // Removal may skip the version (the record is gone either way), but a given one must still match.
        if (expectedVersion is not null) db.ExpectVersion(member, expectedVersion);
        if (await db.Attendance.AnyAsync(a => a.MemberId == id, ct))
            throw ValidationFailedException.For("id", $"{member.Name} har registrert oppmøte og kan ikke slettes. Avslutt perioden i stedet.");
        if (await db.BodyMembers.AnyAsync(m => m.SubstituteForId == id, ct))
            throw ValidationFailedException.For("id", $"{member.Name} har en stedfortreder og kan ikke slettes. Avslutt perioden i stedet, eller endre stedfortrederen først.");
        db.BodyMembers.Remove(member);
        await db.SaveChangesAsync(ct);
    }

    private const string AttendedAfterMessage = "Medlemmet har registrert oppmøte på møter etter denne datoen. Velg en senere dato.";

    private Task<bool> AttendedAfterAsync(int memberId, DateOnly date, CancellationToken ct) =>
        db.Meetings.AnyAsync(m => m.Date > date && m.Attendance.Any(a => a.MemberId == memberId), ct);

    private async Task<BodyMember> LoadForChangeAsync(int id, CurrentUser? user, CancellationToken ct)
    {
        CouncilAccess.RequireSecretariat(user);
        var member = await db.BodyMembers.SingleOrDefaultAsync(m => m.Id == id, ct) ?? throw new NotFoundException($"Fant ikke medlem {id}.");
        return member;
    }

    private async Task<int> BodyIdAsync(string slug, CancellationToken ct) =>
        await db.Bodies.Where(b => b.Slug == slug).Select(b => (int?)b.Id).SingleOrDefaultAsync(ct)
        ?? throw new NotFoundException($"Fant ikke organet «{(slug.Length > 40 ? slug[..40] + "…" : slug)}».");

    private async Task ApplyAsync(BodyMember member, MemberInput input, CancellationToken ct)
    {
        var v = new Validator();
        v.Name("name", input.Name, "Navn", NameMax);
        v.Name("title", input.Title, "Tittel", 200, required: false);
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
        else if (end is { } e2 && member.Id != 0 && await AttendedAfterAsync(member.Id, e2, ct)) v.Add("termEnd", AttendedAfterMessage);
        v.ThrowIfInvalid();

        member.Name = input.Name!.Trim();
        member.Title = string.IsNullOrWhiteSpace(input.Title) ? null : input.Title.Trim();
        member.OrganizationId = input.OrganizationId!.Value;
        member.Role = role!.Value;
        member.SubstituteForId = role == MemberRole.Substitute ? input.SubstituteForId : null;
        member.TermStart = start!.Value;
        member.TermEnd = end;
    }
}
