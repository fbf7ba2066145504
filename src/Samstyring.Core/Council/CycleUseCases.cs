using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>A recurring case template of the årshjul: which body, which month, what case.</summary>
public sealed record CycleInput(string? Body, int? Month, string? Title, string? Type, string? Description, string? ProposedDecision);

/// <summary>A column of the årshjul: the body under the name it had at the end of the year shown.</summary>
public sealed record CycleBody(int Id, string Slug, string Name, string? ShortName);

/// <summary>A meeting in the årshjul, with the body's name on the meeting day.</summary>
public sealed record CycleMeeting(int Id, int BodyId, string BodySlug, string BodyName, string Number, DateOnly Date, MeetingKind Kind, MeetingStatus Status);

/// <summary>The årshjul for one year: every body, its recurring case templates per month, and that year's meetings.</summary>
public sealed record CycleYear(int Year, IReadOnlyList<CycleBody> Bodies, IReadOnlyList<CycleItem> Items, IReadOnlyList<CycleMeeting> Meetings)
{
    public IEnumerable<CycleItem> ItemsIn(int bodyId, int month) => Items.Where(i => i.BodyId == bodyId && i.Month == month);
    public IEnumerable<CycleMeeting> MeetingsIn(int bodyId, int month) => Meetings.Where(m => m.BodyId == bodyId && m.Date.Month == month);
}

/// <summary>The planned meeting and the cases made from the body's templates for its month.</summary>
public sealed record CycleMeetingResult(Meeting Meeting, IReadOnlyList<CouncilCase> Cases);

/// <summary>The årshjul (yearly cycle) of recurring cases across bodies, and planning a meeting from it.</summary>
[UseCase]
public sealed class CycleUseCases(SamstyringDb db, MeetingUseCases meetings, CaseUseCases cases)
{
    public const int MinYear = 1990, MaxYear = 2100;
    public const int TextMax = 4000;

    /// <summary>"januar" … "desember".</summary>
    public static string MonthName(int month) => Norwegian.Culture.DateTimeFormat.GetMonthName(month);

    public async Task<CycleYear> GetYearAsync(int year, CancellationToken ct = default)
    {
        if (year is < MinYear or > MaxYear) throw ValidationFailedException.For("year", $"Året må være fra {MinYear} til {MaxYear}.");
        var bodies = await db.Bodies.AsNoTracking().Include(b => b.Names).OrderBy(b => b.SortOrder).ThenBy(b => b.Slug).ToListAsync(ct);
        var yearEnd = new DateOnly(year, 12, 31);
        var columns = bodies.Where(b => b.Names.Count > 0).Select(b =>
        {
            var n = b.NameOn(yearEnd);
            return new CycleBody(b.Id, b.Slug, n.Name, n.ShortName);
        }).ToList();
        var items = await db.CycleItems.AsNoTracking().OrderBy(i => i.Month).ThenBy(i => i.Title).ThenBy(i => i.Id).ToListAsync(ct);
        var byId = bodies.ToDictionary(b => b.Id);
        var rows = await db.Meetings.AsNoTracking().Where(m => m.Year == year && m.Status != MeetingStatus.Cancelled)
            .OrderBy(m => m.Date).ThenBy(m => m.Number).ToListAsync(ct);
        var list = rows.Where(m => byId.ContainsKey(m.BodyId)).Select(m =>
        {
            var body = byId[m.BodyId];
            return new CycleMeeting(m.Id, m.BodyId, body.Slug, body.NameOn(m.Date).Name, m.NumberText, m.Date, m.Kind, m.Status);
        }).ToList();
        return new CycleYear(year, columns, items, list);
    }

    public async Task<CycleItem> GetAsync(int id, CancellationToken ct = default) =>
        await db.CycleItems.AsNoTracking().Include(i => i.Body).SingleOrDefaultAsync(i => i.Id == id, ct)
        ?? throw new NotFoundException($"Fant ikke årshjulpunkt {id}.");

    public async Task<CycleItem> AddAsync(CycleInput input, CurrentUser? user, CancellationToken ct = default)
    {
        CouncilAccess.RequireSecretariat(user);
        var item = new CycleItem { Title = "" };
        await ApplyAsync(item, input, ct);
        db.CycleItems.Add(item);
        await db.SaveChangesAsync(ct);
        return item;
    }

    public async Task<CycleItem> UpdateAsync(int id, CycleInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        var item = await LoadForChangeAsync(id, user, ct);
        db.ExpectVersion(item, expectedVersion);
        await ApplyAsync(item, input, ct);
        await db.SaveChangesAsync(ct);
        return item;
    }

    /// <summary>Removes a template. Cases already made from it stay: they belong to their meetings.</summary>
    public async Task DeleteAsync(int id, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        var item = await LoadForChangeAsync(id, user, ct);
        // Removal may skip the version (the record is gone either way), but a given one must still match.
        if (expectedVersion is not null) db.ExpectVersion(item, expectedVersion);
        db.CycleItems.Remove(item);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Plans a meeting of the body in the given month (through <see cref="MeetingUseCases.PlanAsync"/>, so it gets its
    /// number and standing cases) and adds one case per template of that body and month. All or nothing.
    /// </summary>
    public async Task<CycleMeetingResult> CreateMeetingFromCycleAsync(string bodySlug, int month, MeetingInput input, CurrentUser? user, CancellationToken ct = default)
    {
        CouncilAccess.RequireSecretariat(user);
        var v = new Validator();
        if (month is < 1 or > 12) v.Add("month", "Måned må være et tall fra 1 til 12.");
        var bodyId = await db.Bodies.Where(b => b.Slug == bodySlug).Select(b => (int?)b.Id).SingleOrDefaultAsync(ct);
        if (bodyId is null) v.Add("body", $"Fant ikke organet «{Validator.Truncate(bodySlug)}».");
        v.Date("date", input.Date, "Dato", true, out var date);
        if (date is { } d && month is >= 1 and <= 12 && d.Month != month)
            v.Add("date", $"Møtet lages fra årshjulet for {MonthName(month)}, så datoen må være i {MonthName(month)}.");
        v.ThrowIfInvalid();

        var templates = await db.CycleItems.AsNoTracking().Where(i => i.BodyId == bodyId && i.Month == month)
            .OrderBy(i => i.Title).ThenBy(i => i.Id).ToListAsync(ct);
        // One transaction: the meeting and its cases are planned together or not at all. The use cases save inside it
        // (EF sets a savepoint per save, so the numbering's retry on a taken number still works).
        await using var tx = db.Database.CurrentTransaction is null ? await db.BeginWriteTransactionAsync(ct) : null;
        var meeting = await meetings.PlanAsync(input with { Body = bodySlug }, user, ct);
        var made = new List<CouncilCase>();
        foreach (var t in templates)
            made.Add(await cases.CreateAsync(meeting.Id, new CaseInput(t.Title, t.Type.Code(), null, null, t.Description, null,
                t.ProposedDecision, false, null, null, null), user, ct));
        if (tx is not null) await tx.CommitAsync(ct);
        return new CycleMeetingResult(meeting, made);
    }

    private async Task<CycleItem> LoadForChangeAsync(int id, CurrentUser? user, CancellationToken ct)
    {
        CouncilAccess.RequireSecretariat(user);
        var item = await db.CycleItems.SingleOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException($"Fant ikke årshjulpunkt {id}.");
        return item;
    }

    private async Task ApplyAsync(CycleItem item, CycleInput input, CancellationToken ct)
    {
        var v = new Validator();
        int? bodyId = null;
        if (string.IsNullOrWhiteSpace(input.Body)) v.Add("body", "Velg hvilket organ saken går til.");
        else
        {
            bodyId = await db.Bodies.Where(b => b.Slug == input.Body.Trim()).Select(b => (int?)b.Id).SingleOrDefaultAsync(ct);
            if (bodyId is null) v.Add("body", $"Fant ikke organet «{Validator.Truncate(input.Body)}».");
        }
        if (input.Month is null) v.Add("month", "Måned må velges.");
        else if (input.Month is < 1 or > 12) v.Add("month", "Måned må være et tall fra 1 til 12.");
        v.Name("title", input.Title, "Tittel", CouncilCase.TitleMax);
        v.Enum<CaseType>("type", input.Type, "Sakstype", true, out var type);
        v.MaxLength("description", input.Description, "Beskrivelse", TextMax);
        v.MaxLength("proposedDecision", input.ProposedDecision, "Forslag til vedtak", TextMax);
        v.ThrowIfInvalid();
        item.BodyId = bodyId!.Value;
        item.Month = input.Month!.Value;
        item.Title = input.Title!.Trim();
        item.Type = type!.Value;
        item.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        item.ProposedDecision = string.IsNullOrWhiteSpace(input.ProposedDecision) ? null : input.ProposedDecision.Trim();
    }

}
