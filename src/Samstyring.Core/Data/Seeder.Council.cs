using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Solutions;

namespace Samstyring.Core.Data;

/// <summary>
/// The demo council from seed 001 (council.json): the bodies with their names and mandates (partly invented, so marked
/// demo), the 2021 membership of the board, meetings 4/2021, 5/2021 and 6/2021 with their cases, the related NUIT cases
/// and the yearly cycle. None of it is reference data: production registers its own bodies and members.
/// </summary>
public sealed partial class Seeder
{
    private CouncilSeed? _council;
    private CouncilSeed CouncilData => _council ??= Read<CouncilSeed>("council.json");

    private async Task<Dictionary<string, Body>> SeedDemoBodiesAsync(Dictionary<string, Organization> orgs, Dictionary<string, NationalSolution> solutions, CancellationToken ct)
    {
        var bodies = new Dictionary<string, Body>();
        var order = 0;
        foreach (var b in CouncilData.Bodies)
        {
            var body = new Body
            {
                Slug = b.Slug, Kind = EnumText.Parse<BodyKind>(b.Kind), Description = b.Description ?? "",
                QuorumRule = EnumText.Parse<QuorumRule>(b.Quorum?.Rule ?? "majority"), QuorumCount = b.Quorum?.Count,
                NationalSolution = b.Solution is null ? null : solutions[b.Solution], SortOrder = ++order,
                IsDemo = b.Demo, DemoNote = b.DemoNote,
            };
            body.Names.AddRange(b.Names.Select(n => new BodyName { Name = n.Name, ShortName = n.ShortName, ValidFrom = Date(n.ValidFrom) }));
            body.Mandates.AddRange(b.Mandates.Select(m => new BodyMandate { Text = m.Text, ValidFrom = Date(m.ValidFrom), IsDemo = m.Demo }));
            bodies[b.Slug] = body;
            db.Bodies.Add(body);
        }
        var members = new Dictionary<(string, string), BodyMember>();
        foreach (var m in CouncilData.Members)
        {
            var member = new BodyMember
            {
                Body = bodies[m.Body], Name = m.Name, Title = m.Title,
                Organization = orgs.TryGetValue(m.Organization, out var o) ? o : throw new InvalidDataException($"council.json: ukjent organisasjon {m.Organization}."),
                Role = EnumText.Parse<MemberRole>(m.Role), TermStart = Date(m.TermStart), TermEnd = DateOrNull(m.TermEnd),
                IsDemo = m.Demo, DemoNote = m.DemoNote,
            };
            members[(m.Body, m.Name)] = member;
            db.BodyMembers.Add(member);
        }
        foreach (var m in CouncilData.Members.Where(m => m.SubstituteFor is not null))
            members[(m.Body, m.Name)].SubstituteFor = members[(m.Body, m.SubstituteFor!)];
        await db.SaveChangesAsync(ct);
        return bodies;
    }

    private async Task SeedDemoCouncilAsync(Dictionary<string, Body> bodies, CancellationToken ct)
    {
        var data = CouncilData;
        var now = db.UtcNow;
        var meetings = new Dictionary<(string, string), Meeting>();
        foreach (var m in data.Meetings)
        {
            var (number, year) = ParseMeetingNumber(m.Number);
            var meeting = new Meeting
            {
                Body = bodies[m.Body], Year = year, Number = number, Date = Date(m.Date), StartTime = Time(m.Start), EndTime = Time(m.End),
                Location = m.Location ?? "", IsVideo = m.Video, Kind = EnumText.Parse<MeetingKind>(m.Kind ?? "ordinary"),
                Status = EnumText.Parse<MeetingStatus>(m.Status), OtherAttendees = m.OtherAttendees, IsDemo = m.Demo, DemoNote = m.DemoNote,
                CreatedAt = now, UpdatedAt = now,
            };
            // When the notices were sent is not in the sources; NoticeSentAt stays empty.
            meetings[(m.Body, m.Number)] = meeting;
            db.Meetings.Add(meeting);
        }

        var cases = new Dictionary<(string, string), CouncilCase>();
        foreach (var c in data.Cases)
        {
            if (!CouncilCase.TryParseNumber(c.Number, out var number, out var year))
                throw new InvalidDataException($"council.json: ugyldig saksnummer {c.Number}.");
            var meeting = c.Meeting is null ? null : meetings[(c.Body, c.Meeting)];
            var standing = c.Title.StartsWith("Godkjenning av innkalling", StringComparison.OrdinalIgnoreCase) ? StandingCase.NoticeApproval
                : c.Title.StartsWith("Godkjenning av referat", StringComparison.OrdinalIgnoreCase) ? StandingCase.MinutesApproval
                : StandingCase.None;
            var entity = new CouncilCase
            {
                Body = bodies[c.Body], Year = year, Number = number, Meeting = meeting, Title = c.Title, Type = EnumText.Parse<CaseType>(c.Type),
                Standing = standing, From = c.From, Officers = c.Officers, Purpose = c.Purpose, Background = c.Background,
                ProposedDecision = c.ProposedDecision, Decision = c.Decision,
                DecidedOn = c.Decision is null ? null : DateOrNull(c.DecidedOn) ?? meeting?.Date,
                Confidential = c.Confidential, LegalBasis = c.LegalBasis, CommentDeadline = DateOrNull(c.CommentDeadline),
                CommentDeadlineNote = c.CommentDeadlineNote, IsDemo = c.Demo, DemoNote = c.DemoNote, CreatedAt = now, UpdatedAt = now,
            };
            foreach (var a in c.Attachments ?? [])
                entity.Attachments.Add(new Attachment { Label = a.Label, Title = a.Title, Confidential = a.Confidential, LegalBasis = a.LegalBasis, UploadedAt = now, IsDemo = c.Demo });
            cases[(c.Body, c.Number)] = entity;
            db.Cases.Add(entity);
        }
        foreach (var c in data.Cases)
        {
            var entity = cases[(c.Body, c.Number)];
            foreach (var r in c.Related ?? [])
            {
                var parts = r.Split(':', 2);
                entity.Links.Add(new CaseLink { RelatedCase = cases[(parts[0], parts[1])] });
            }
            foreach (var r in c.References ?? [])
            {
                switch (r.Kind)
                {
                    case "criteria-set":
                        var set = await db.CriteriaSets.SingleAsync(s => s.Version == r.Key, ct);
                        entity.References.Add(new CaseReference { Kind = CaseReferenceKind.CriteriaSet, CriteriaSet = set });
                        set.AdoptedInCase = entity; // historically adopted in this case (9 December 2021)
                        break;
                    case "portfolio-period":
                        var period = await db.ReportingPeriods.SingleAsync(p => p.Code == r.Key, ct);
                        entity.References.Add(new CaseReference { Kind = CaseReferenceKind.PortfolioPeriod, ReportingPeriod = period });
                        break;
                    case "initiative":
                        var initiative = await db.Initiatives.FirstAsync(i => i.Name == r.Key, ct);
                        entity.References.Add(new CaseReference { Kind = CaseReferenceKind.Initiative, Initiative = initiative });
                        break;
                    default:
                        throw new InvalidDataException($"council.json: ukjent referansetype {r.Kind}.");
                }
            }
        }

        var members = await db.BodyMembers.ToListAsync(ct);
        foreach (var m in data.Meetings)
        {
            var meeting = meetings[(m.Body, m.Number)];
            var position = 0;
            foreach (var a in m.Agenda ?? [])
            {
                meeting.Agenda.Add(new AgendaItem
                {
                    Position = ++position, StartsAt = a.Time is null ? null : Time(a.Time), Kind = EnumText.Parse<AgendaItemKind>(a.Kind),
                    Case = a.Case is null ? null : cases[(m.Body, a.Case)], Title = a.Title, Presenter = a.Presenter,
                });
            }
            foreach (var a in m.Attendance ?? [])
            {
                var member = members.SingleOrDefault(x => x.Body == bodies[m.Body] && x.Name == a.Member)
                             ?? throw new InvalidDataException($"council.json: {a.Member} er ikke medlem av {m.Body}.");
                meeting.Attendance.Add(new Attendance
                {
                    Member = member, Status = EnumText.Parse<AttendanceStatus>(a.Status), ByVideo = a.ByVideo, SubstituteName = a.Substitute,
                    FromTime = a.FromTime is null ? null : Time(a.FromTime), UpToCase = a.UpToCase is null ? null : cases[(m.Body, a.UpToCase)],
                    Note = a.Note,
                });
            }
            if (m.MinutesApprovedBy is not null) meeting.MinutesApprovalCase = cases[(m.Body, m.MinutesApprovedBy)];
        }

        foreach (var c in data.Cycle)
        {
            db.CycleItems.Add(new CycleItem
            {
                Body = bodies[c.Body], Month = c.Month, Title = c.Title, Type = EnumText.Parse<CaseType>(c.Type), Description = c.Description, IsDemo = c.Demo,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    private static (int Number, int Year) ParseMeetingNumber(string s)
    {
        var parts = s.Split('/');
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private static DateOnly Date(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static DateOnly? DateOrNull(string? s) => string.IsNullOrWhiteSpace(s) ? null : Date(s);
    private static TimeOnly Time(string s) => TimeOnly.ParseExact(s, "HH:mm", CultureInfo.InvariantCulture);

    private sealed record CouncilSeed(List<BodySeed> Bodies, List<MemberSeed> Members, List<MeetingSeed> Meetings, List<CaseSeed> Cases, List<CycleSeed> Cycle);
    private sealed record NameSeed(string Name, string? ShortName, string ValidFrom);
    private sealed record QuorumSeed(string Rule, int? Count);
    private sealed record MandateSeed(string ValidFrom, string Text, bool Demo);
    private sealed record BodySeed(string Slug, string Kind, List<NameSeed> Names, string? Solution, string? Description, QuorumSeed? Quorum,
        List<MandateSeed> Mandates, bool Demo, string? DemoNote);
    private sealed record MemberSeed(string Body, string Name, string Organization, string Role, string? SubstituteFor, string? Title,
        string TermStart, string? TermEnd, bool Demo, string? DemoNote);
    private sealed record AgendaSeed(string? Time, string Kind, string? Case, string? Title, string? Presenter);
    private sealed record AttendanceSeed(string Member, string Status, bool ByVideo, string? Substitute, string? FromTime, string? UpToCase, string? Note);
    private sealed record MeetingSeed(string Body, string Number, string Date, string Start, string End, string? Location, bool Video, string? Kind,
        string Status, string? OtherAttendees, string? MinutesApprovedBy, List<AgendaSeed>? Agenda, List<AttendanceSeed>? Attendance, bool Demo, string? DemoNote);
    private sealed record AttachmentSeed(string Label, string Title, bool Confidential, string? LegalBasis);
    private sealed record ReferenceSeed(string Kind, string Key);
    private sealed record CaseSeed(string Body, string Number, string? Meeting, string Title, string Type, string? From, string? Officers,
        string? Purpose, string? Background, string? ProposedDecision, string? Decision, string? DecidedOn, bool Confidential, string? LegalBasis,
        string? CommentDeadline, string? CommentDeadlineNote, List<string>? Related, List<ReferenceSeed>? References, List<AttachmentSeed>? Attachments,
        bool Demo, string? DemoNote);
    private sealed record CycleSeed(string Body, int Month, string Title, string Type, string? Description, bool Demo);
}
