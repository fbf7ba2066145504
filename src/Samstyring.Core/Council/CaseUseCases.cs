using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

public sealed record CaseInput(string? Title, string? Type, string? From, string? Officers, string? Purpose, string? Background,
    string? ProposedDecision, bool Confidential, string? LegalBasis, string? CommentDeadline, string? CommentDeadlineNote,
    string? Presenter = null, string? StartsAt = null);

public sealed record CommentInput(string? Author, int? OrganizationId, string? ReceivedOn, string? Text);

/// <summary>Cases: numbering, content, routing links, portfolio references, comments and the decision as adopted.</summary>
[UseCase]
public sealed class CaseUseCases(SamstyringDb db)
{
    /// <summary>
    /// Adds a case to a meeting, numbered next in the body's year, placed on the agenda before "Eventuelt". Adding a case
    /// changes the meeting (its agenda), so two cases added at once never renumber the agenda over each other: the one
    /// that saves second reads the meeting again and takes the next number.
    /// </summary>
    public async Task<CouncilCase> CreateAsync(int meetingId, CaseInput input, CurrentUser? user, CancellationToken ct = default)
    {
        CouncilAccess.RequireSecretariat(user);
        // The write transaction starts before the reads. On SQLite it holds the write turn from the first read, so nobody
        // takes the number in between and the attempt never has to be repeated; on PostgreSQL two saves can still meet at
        // the unique index, and the one that loses reads again (its save rolled back to EF's savepoint, the transaction lives on).
        await using var tx = db.Database.CurrentTransaction is null ? await db.BeginWriteTransactionAsync(ct) : null;
        for (var attempt = 1; ; attempt++)
        {
            var c = await BuildCaseAsync(meetingId, input, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                if (tx is not null) await tx.CommitAsync(ct);
                return c;
            }
            catch (ConcurrencyConflictException) when (attempt < Numbering.Attempts)
            {
                db.ChangeTracker.Clear();
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), ct);
            }
        }
    }

    private async Task<CouncilCase> BuildCaseAsync(int meetingId, CaseInput input, CancellationToken ct)
    {
        var meeting = await db.Meetings.Include(m => m.Agenda).Include(m => m.Body).ThenInclude(b => b.Names)
                          .SingleOrDefaultAsync(m => m.Id == meetingId, ct)
                      ?? throw new NotFoundException($"Fant ikke møte {meetingId}.");
        MeetingUseCases.RequireOpen(meeting);
        var v = new Validator();
        var now = db.UtcNow;
        var c = new CouncilCase { Title = "", Body = meeting.Body, BodyId = meeting.BodyId, Meeting = meeting, Year = meeting.Year, CreatedAt = now, UpdatedAt = now };
        Apply(v, c, input);
        v.Time("startsAt", input.StartsAt, "Tidspunkt på dagsordenen", false, out var time);
        v.MaxLength("presenter", input.Presenter, "Innleder", 200);
        v.ThrowIfInvalid();
        db.Cases.Add(c);

        // Before "Eventuelt", which by custom closes the agenda.
        var eventueltIds = await db.Cases.Where(x => x.MeetingId == meetingId && x.Type == CaseType.Eventuelt).Select(x => x.Id).ToListAsync(ct);
        var ordered = meeting.Agenda.OrderBy(a => a.Position).ToList();
        var at = c.Type == CaseType.Eventuelt ? ordered.Count : ordered.FindIndex(a => a.CaseId is { } id && eventueltIds.Contains(id));
        if (at < 0) at = ordered.Count;
        ordered.Insert(at, new AgendaItem { MeetingId = meetingId, Kind = AgendaItemKind.Case, Case = c, StartsAt = time,
            Presenter = string.IsNullOrWhiteSpace(input.Presenter) ? null : input.Presenter.Trim() });
        for (var i = 0; i < ordered.Count; i++) ordered[i].Position = i + 1;
        meeting.Agenda.Add(ordered[at]);
        meeting.UpdatedAt = now; // a new version of the meeting: its agenda changed
        c.Number = await Numbering.NextCaseNumberAsync(db, c.BodyId, c.Year, ct);
        return c;
    }

    public async Task<CouncilCase> UpdateAsync(int id, CaseInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        var c = await LoadForChangeAsync(id, user, ct);
        db.ExpectVersion(c, expectedVersion);
        var published = (c.Title, c.Type, c.Confidential);
        var v = new Validator();
        Apply(v, c, input);
        v.ThrowIfInvalid();
        c.UpdatedAt = db.UtcNow;
        // A decided case is in the decision feed: a new title or type there is a change its subscribers should see.
        if (c.IsDecided && published != (c.Title, c.Type, c.Confidential)) c.DecisionChangedAt = db.UtcNow;
        await db.SaveChangesAsync(ct);
        return c;
    }

    /// <summary>
    /// Records the decision as adopted in the meeting. Needs a quorate meeting and no placeholder left. Adopting the
    /// approval of minutes marks those meetings' minutes approved; adopting a case about a criteria set makes that set current.
    /// </summary>
    public async Task<CouncilCase> RecordDecisionAsync(int id, string? decision, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        var c = await LoadForChangeAsync(id, user, ct);
        db.ExpectVersion(c, expectedVersion);
        var meeting = c.Meeting ?? throw ValidationFailedException.For("decision", "Saken er ikke satt opp i et møte.");
        var v = new Validator();
        v.Required("decision", decision, "Vedtak", CouncilCase.TextMax);
        if (CouncilCase.HasPlaceholder(decision))
            v.Add("decision", $"Vedtaket har tekst som skal fylles ut i møtet: «{CouncilCase.Placeholders(decision).First()}». Erstatt {{{{…}}}} med det som ble vedtatt.");
        if (meeting.Status is MeetingStatus.Planned)
            v.Add("decision", "Vedtak kan registreres når innkallingen er sendt.");
        if (meeting.Status is MeetingStatus.Cancelled)
            v.Add("decision", "Møtet er avlyst.");
        if (v.IsValid)
        {
            var members = await db.BodyMembers.Where(m => m.BodyId == meeting.BodyId).ToListAsync(ct);
            var attendance = await db.Attendance.Where(a => a.MeetingId == meeting.Id).ToListAsync(ct);
            var quorum = QuorumResult.For(c.Body, members, attendance, meeting.Date);
            if (!quorum.Met)
                v.Add("decision",
                    quorum.Voting == 0 ? QuorumResult.NoMembers
                    : quorum.Recorded ? $"Møtet er ikke vedtaksført: {quorum.Present} av {quorum.Voting} medlemmer er til stede, og kravet er minst {quorum.Required}."
                    : "Registrer oppmøtet før vedtak føres, så vedtaksførheten kan kontrolleres.");
        }
        List<Meeting> approved = [];
        if (v.IsValid && c.Standing == StandingCase.MinutesApproval)
        {
            approved = await db.Meetings.Where(m => m.MinutesApprovalCaseId == c.Id).ToListAsync(ct);
            foreach (var m in approved.Where(m => m.Status is not (MeetingStatus.Held or MeetingStatus.MinutesApproved)))
                v.Add("decision", $"Møte {m.NumberText} er ikke registrert som avholdt, så referatet kan ikke godkjennes ennå.");
            // Approved minutes close a meeting for good, so every case in it must have its decision first
            // (otherwise, for instance, the minutes that meeting was to approve would be left with nobody to approve them).
            var ids = approved.Select(m => m.Id).ToList();
            var open = await db.Cases.Where(x => x.MeetingId != null && ids.Contains(x.MeetingId.Value) && x.Decision == null && x.Type != CaseType.Eventuelt)
                .OrderBy(x => x.Number).ToListAsync(ct);
            foreach (var g in open.GroupBy(x => x.MeetingId))
                v.Add("decision", $"Møte {approved.Single(m => m.Id == g.Key).NumberText} har saker uten vedtak ({string.Join(", ", g.Select(x => x.NumberText))}). Før vedtakene der før referatet godkjennes.");
        }
        v.ThrowIfInvalid();

        // Recording the decision again with other words corrects it: a change after the decision, not a new one.
        var adopted = decision!.Trim();
        if (c.Decision is { } earlier && earlier != adopted) c.DecisionChangedAt = db.UtcNow;
        c.Decision = adopted;
        c.DecidedOn = meeting.Date;
        c.UpdatedAt = db.UtcNow;
        // A decision means the meeting took place.
        if (meeting.Status == MeetingStatus.NoticeSent)
        {
            meeting.Status = MeetingStatus.Held;
            meeting.UpdatedAt = db.UtcNow;
        }
        foreach (var m in approved)
        {
            m.Status = MeetingStatus.MinutesApproved;
            m.UpdatedAt = db.UtcNow;
        }
        var sets = await db.CaseReferences.Where(r => r.CaseId == c.Id && r.Kind == CaseReferenceKind.CriteriaSet && r.CriteriaSetId != null)
            .Select(r => r.CriteriaSetId!.Value).ToListAsync(ct);
        if (sets.Count > 0)
        {
            var name = c.Body.NameOn(meeting.Date).Name;
            foreach (var set in await db.CriteriaSets.ToListAsync(ct))
            {
                if (sets.Contains(set.Id))
                {
                    set.AdoptedInCaseId = c.Id;
                    set.AdoptedByCase = $"{name} {c.NumberText}";
                    set.AdoptedOn = meeting.Date;
                    set.IsCurrent = set.Id == sets.Max();
                }
                else if (set.IsCurrent) set.IsCurrent = false;
            }
        }
        await db.SaveChangesAsync(ct);
        return c;
    }

    /// <summary>Withdraws a case not yet decided. Only the last case in the body's year can go, so the numbering keeps no gaps.</summary>
    public async Task WithdrawAsync(int id, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        var c = await LoadForChangeAsync(id, user, ct);
        db.ExpectVersion(c, expectedVersion);
        var last = await db.Cases.Where(x => x.BodyId == c.BodyId && x.Year == c.Year).MaxAsync(x => x.Number, ct);
        var v = new Validator();
        if (c.IsDecided) v.Add("case", "Saken er vedtatt og kan ikke trekkes.");
        if (c.Standing != StandingCase.None) v.Add("case", "De faste sakene i møtet kan ikke trekkes.");
        if (c.Number != last) v.Add("case", $"Bare den siste saken i året ({CouncilCase.FormatNumber(last, c.Year)}) kan trekkes, så saksnumrene ikke får hull. Flytt heller saken til et senere møte.");
        if (await db.Attachments.AnyAsync(a => a.CaseId == id, ct)) v.Add("case", "Saken har vedlegg. Slett vedleggene før saken trekkes.");
        if (await db.Attendance.AnyAsync(a => a.UpToCaseId == id, ct) || await db.CaseLinks.AnyAsync(l => l.RelatedCaseId == id, ct))
            v.Add("case", "Andre registreringer viser til saken.");
        if (await db.RoadmapVersions.AnyAsync(r => r.RecommendedCaseId == id || r.EndorsedCaseId == id, ct))
            v.Add("case", "En veikartversjon er registrert behandlet i saken, så den kan ikke trekkes.");
        v.ThrowIfInvalid();
        db.Cases.Remove(c);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Links a case to an earlier case in another body ("Vedtak på tilsluttende saker").</summary>
    public async Task<CaseLink> LinkAsync(int id, string? related, CurrentUser? user, CancellationToken ct = default)
    {
        var c = await LoadForChangeAsync(id, user, ct);
        var target = await FindByReferenceAsync(related, ct);
        var v = new Validator();
        if (target is null) v.Add("related", $"Fant ingen sak «{related}». Skriv organ og saksnummer, for eksempel «nuit 38/21».");
        else if (target.Id == c.Id) v.Add("related", "En sak kan ikke vise til seg selv.");
        else if (c.Links.Any(l => l.RelatedCaseId == target.Id)) v.Add("related", $"Saken viser allerede til {target.NumberText}.");
        v.ThrowIfInvalid();
        var link = new CaseLink { CaseId = c.Id, RelatedCaseId = target!.Id };
        db.CaseLinks.Add(link);
        await db.SaveChangesAsync(ct);
        return link;
    }

    public async Task UnlinkAsync(int id, int linkId, CurrentUser? user, CancellationToken ct = default)
    {
        var c = await LoadForChangeAsync(id, user, ct);
        var link = c.Links.SingleOrDefault(l => l.Id == linkId) ?? throw new NotFoundException($"Fant ikke koblingen {linkId}.");
        db.CaseLinks.Remove(link);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Points the case at a portfolio item: an initiative, a reporting period's portfolio report, or a criteria set.</summary>
    public async Task<CaseReference> AddReferenceAsync(int id, string? kind, int? targetId, CurrentUser? user, CancellationToken ct = default)
    {
        var c = await LoadForChangeAsync(id, user, ct);
        var v = new Validator();
        v.Enum<CaseReferenceKind>("kind", kind, "Hva saken gjelder", true, out var k);
        if (targetId is null) v.Add("targetId", "Velg hva saken gjelder.");
        else if (k is { } kk)
        {
            var exists = kk switch
            {
                CaseReferenceKind.Initiative => await db.Initiatives.AnyAsync(x => x.Id == targetId, ct),
                CaseReferenceKind.PortfolioPeriod => await db.ReportingPeriods.AnyAsync(x => x.Id == targetId, ct),
                _ => await db.CriteriaSets.AnyAsync(x => x.Id == targetId, ct),
            };
            if (!exists) v.Add("targetId", $"Fant ikke {kk.Label().ToLowerInvariant()} {targetId}.");
            else if (c.References.Any(r => r.Kind == kk && (r.InitiativeId ?? r.ReportingPeriodId ?? r.CriteriaSetId) == targetId))
                v.Add("targetId", "Saken viser allerede til dette.");
        }
        v.ThrowIfInvalid();
        var reference = new CaseReference
        {
            CaseId = c.Id, Kind = k!.Value,
            InitiativeId = k == CaseReferenceKind.Initiative ? targetId : null,
            ReportingPeriodId = k == CaseReferenceKind.PortfolioPeriod ? targetId : null,
            CriteriaSetId = k == CaseReferenceKind.CriteriaSet ? targetId : null,
        };
        db.CaseReferences.Add(reference);
        await db.SaveChangesAsync(ct);
        return reference;
    }

    public async Task RemoveReferenceAsync(int id, int referenceId, CurrentUser? user, CancellationToken ct = default)
    {
        var c = await LoadForChangeAsync(id, user, ct);
        var r = c.References.SingleOrDefault(x => x.Id == referenceId) ?? throw new NotFoundException($"Fant ikke referansen {referenceId}.");
        db.CaseReferences.Remove(r);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Input on a case. A member sends it in their own name before the deadline; the secretariat records input received
    /// by other means, with who sent it and when.
    /// </summary>
    public async Task<CaseComment> AddCommentAsync(int id, CommentInput input, CurrentUser? user, CancellationToken ct = default)
    {
        if (!CouncilAccess.CanComment(user)) throw new ForbiddenException(user is null ? "Du må logge inn." : "Bare medlemmer og sekretariatet kan gi innspill på saker.");
        var c = await db.Cases.Include(x => x.Meeting).SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException($"Fant ikke sak {id}.");
        var v = new Validator();
        v.Required("text", input.Text, "Innspill", CouncilCase.TextMax);
        string author;
        int? org;
        DateOnly received;
        if (CouncilAccess.IsSecretariat(user))
        {
            v.Required("author", input.Author, "Avsender", 200);
            v.Date("receivedOn", input.ReceivedOn, "Mottatt dato", true, out var r);
            if (input.OrganizationId is { } o && !await db.Organizations.AnyAsync(x => x.Id == o, ct))
                v.Add("organizationId", "Fant ikke organisasjonen.");
            author = input.Author?.Trim() ?? "";
            org = input.OrganizationId;
            received = r ?? db.Today;
        }
        else
        {
            author = user!.DisplayName;
            org = user.OrganizationId;
            received = db.Today;
            if (c.CommentDeadline is null) v.Add("text", "Saken er ikke sendt på innspill.");
            else if (received > c.CommentDeadline) v.Add("text", $"Fristen for innspill var {Norwegian.Date(c.CommentDeadline.Value)}.");
        }
        v.ThrowIfInvalid();
        var comment = new CaseComment { CaseId = id, Author = author, OrganizationId = org, ReceivedOn = received, Text = input.Text!.Trim(), CreatedAt = db.UtcNow };
        db.CaseComments.Add(comment);
        await db.SaveChangesAsync(ct);
        return comment;
    }

    /// <summary>Finds a case from "nuit 38/21", "nuit:38/21" or "38/21" (the latter in any body when unique).</summary>
    public async Task<CouncilCase?> FindByReferenceAsync(string? text, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        var split = t.LastIndexOfAny([' ', ':']);
        var slug = split > 0 ? t[..split].Trim().ToLowerInvariant() : null;
        if (!CouncilCase.TryParseNumber(split > 0 ? t[(split + 1)..] : t, out var number, out var year)) return null;
        var q = db.Cases.Include(x => x.Body).Where(x => x.Number == number && x.Year == year);
        if (slug is not null) q = q.Where(x => x.Body.Slug == slug);
        var found = await q.Take(2).ToListAsync(ct);
        return found.Count == 1 ? found[0] : null;
    }

    private async Task<CouncilCase> LoadForChangeAsync(int id, CurrentUser? user, CancellationToken ct)
    {
        CouncilAccess.RequireSecretariat(user);
        var c = await db.Cases.Include(x => x.Meeting).Include(x => x.Links).Include(x => x.References)
                    .Include(x => x.Body).ThenInclude(b => b.Names)
                    .SingleOrDefaultAsync(x => x.Id == id, ct)
                ?? throw new NotFoundException($"Fant ikke sak {id}.");
        if (c.Meeting is { } m) MeetingUseCases.RequireOpen(m);
        return c;
    }

    private static void Apply(Validator v, CouncilCase c, CaseInput input)
    {
        v.Name("title", input.Title, "Tittel", CouncilCase.TitleMax);
        v.Enum<CaseType>("type", input.Type, "Sakstype", true, out var type);
        v.MaxLength("from", input.From, "Fra", 200);
        v.MaxLength("officers", input.Officers, "Saksbehandler", 400);
        v.MaxLength("purpose", input.Purpose, "Hensikt", CouncilCase.TextMax);
        v.MaxLength("background", input.Background, "Bakgrunn", CouncilCase.TextMax);
        v.MaxLength("proposedDecision", input.ProposedDecision, "Forslag til vedtak", CouncilCase.TextMax);
        if (input.Confidential)
        {
            v.Required("legalBasis", input.LegalBasis, "Hjemmel for unntak fra offentlighet", 200);
            if (!string.IsNullOrWhiteSpace(input.LegalBasis) && !input.LegalBasis.Contains('§'))
                v.Add("legalBasis", "Hjemmelen må vise til en paragraf, for eksempel «Offl. § 14».");
        }
        else v.MaxLength("legalBasis", input.LegalBasis, "Hjemmel", 200);
        v.Date("commentDeadline", input.CommentDeadline, "Frist for innspill", false, out var deadline);
        v.MaxLength("commentDeadlineNote", input.CommentDeadlineNote, "Hva det bes om innspill på", 1000);
        if (c.Standing != StandingCase.None && type is { } t && t != c.Type)
            v.Add("type", "Sakstypen til de faste sakene kan ikke endres.");
        if (!v.IsValid) return;
        c.Title = input.Title!.Trim();
        c.Type = type!.Value;
        c.From = Clean(input.From);
        c.Officers = Clean(input.Officers);
        c.Purpose = Clean(input.Purpose);
        c.Background = Clean(input.Background);
        c.ProposedDecision = Clean(input.ProposedDecision);
        c.Confidential = input.Confidential;
        c.LegalBasis = input.Confidential ? input.LegalBasis!.Trim() : null;
        c.CommentDeadline = deadline;
        c.CommentDeadlineNote = Clean(input.CommentDeadlineNote);
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Replace("\r\n", "\n").Trim();
}
