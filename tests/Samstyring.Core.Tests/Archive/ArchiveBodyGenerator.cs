using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Council;
using Samstyring.Core.Data;

namespace Samstyring.Core.Tests.Archive;

/// <summary>
/// A generated body for the archive extract at scale (also compiled into bench/Samstyring.Bench): weekly meetings from
/// January 2015, each held with attendance, cases with short texts and a decision, every fifth case exempt, and small
/// attachment files on disk (stored as uploads are: path, size and SHA-256). Written without audit, in batches.
/// </summary>
public static class ArchiveBodyGenerator
{
    public sealed record Generated(string Slug, int Meetings, int Cases, int Attachments, string From, string To);

    public static async Task<Generated> CreateAsync(SamstyringDb db, SamstyringOptions options, int meetings, int casesPerMeeting, int attachmentsPerCase,
        CancellationToken ct = default)
    {
        var slug = "arkivtest-" + Guid.NewGuid().ToString("N")[..8];
        var org = await db.Organizations.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync(ct);
        var now = DateTime.UtcNow;
        var audit = db.AuditEnabled;
        db.AuditEnabled = false;
        try
        {
            var body = new Body
            {
                Slug = slug, Kind = BodyKind.Board, QuorumRule = QuorumRule.Majority, Description = "Generert organ for arkivuttrekk.",
                Names = [new BodyName { Name = "Arkivrådet " + slug[^8..], ValidFrom = new DateOnly(2014, 1, 1) }],
            };
            db.Bodies.Add(body);
            var members = Enumerable.Range(1, 5).Select(i => new BodyMember
            {
                Body = body, Name = $"Medlem Nummer{i}", OrganizationId = org, Role = MemberRole.Member, TermStart = new DateOnly(2014, 1, 1),
            }).ToList();
            db.BodyMembers.AddRange(members);
            await db.SaveChangesAsync(ct);
            var bodyId = body.Id;
            var memberIds = members.Select(m => m.Id).ToList();
            db.ChangeTracker.Clear();

            var root = new AttachmentStore(options).Root;
            var caseNumbers = new Dictionary<int, int>();
            var meetingNumbers = new Dictionary<int, int>();
            var first = new DateOnly(2015, 1, 7);
            var cases = 0;
            var attachments = 0;
            for (var i = 0; i < meetings; i++)
            {
                var date = first.AddDays(7 * i);
                var year = date.Year;
                var number = meetingNumbers[year] = meetingNumbers.GetValueOrDefault(year) + 1;
                var last = i == meetings - 1;
                var meeting = new Meeting
                {
                    BodyId = bodyId, Year = year, Number = number, Date = date, StartTime = new TimeOnly(10, 0), EndTime = new TimeOnly(14, 0),
                    Location = i % 3 == 0 ? "Videomøte" : "Oslo", IsVideo = i % 3 == 0, Kind = MeetingKind.Ordinary,
                    Status = last ? MeetingStatus.NoticeSent : MeetingStatus.MinutesApproved,
                    NoticeSentAt = date.AddDays(-7).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc), CreatedAt = now, UpdatedAt = now,
                    OtherAttendees = i % 2 == 0 ? "Direktoratet for e-helse: Kari Nordmann, Ola Nordmann" : null,
                };
                if (!last)
                    meeting.Attendance.AddRange(memberIds.Select((id, k) => new Attendance
                    {
                        MemberId = id, Status = k == 4 ? AttendanceStatus.Substitute : AttendanceStatus.Present,
                        SubstituteName = k == 4 ? "Vara Varasen" : null,
                    }));
                for (var c = 0; c < casesPerMeeting; c++)
                {
                    var n = caseNumbers[year] = caseNumbers.GetValueOrDefault(year) + 1;
                    var exempt = (cases + c) % 5 == 4;
                    var @case = new CouncilCase
                    {
                        BodyId = bodyId, Year = year, Number = n, Title = $"Sak {n} om felles e-helsetjenester {i + 1}.{c + 1}",
                        Type = (CaseType)(c % 4), From = "Direktoratet for e-helse", Officers = "Saksbehandler Hansen",
                        Purpose = "Drøfte videre arbeid.", ProposedDecision = "Rådet tar saken til orientering.",
                        Decision = last ? null : $"Vedtak i sak {n}/{year % 100:00}: rådet tar saken til orientering.",
                        DecidedOn = last ? null : date, Confidential = exempt, LegalBasis = exempt ? "Offl. § 14" : null,
                        CreatedAt = now, UpdatedAt = now,
                    };
                    for (var a = 0; a < attachmentsPerCase; a++)
                    {
                        var content = Encoding.UTF8.GetBytes($"Vedlegg {a + 1} til sak {n}/{year}, møte {number}/{year}.\n{new string('x', 64)}\n");
                        var path = $"{year:0000}/{Guid.NewGuid():N}.txt";
                        var full = Path.Combine(root, path);
                        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                        await File.WriteAllBytesAsync(full, content, ct);
                        var confidential = a == 1 && c % 2 == 0;
                        @case.Attachments.Add(new Attachment
                        {
                            Label = (a + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Title = $"Notat {a + 1} til sak {n}",
                            FileName = $"notat-{a + 1}.txt", ContentType = "text/plain", SizeBytes = content.Length, StoragePath = path,
                            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)), Confidential = confidential,
                            LegalBasis = confidential ? "Offl. § 13" : null, UploadedAt = now, UploadedBy = "generator",
                        });
                        attachments++;
                    }
                    meeting.Cases.Add(@case);
                    @case.BodyId = bodyId;
                }
                cases += casesPerMeeting;
                db.Meetings.Add(meeting);
                if (i % 50 == 49 || last)
                {
                    await db.SaveChangesAsync(ct);
                    db.ChangeTracker.Clear();
                }
            }
            return new Generated(slug, meetings, cases, attachments, "2015-01-01", first.AddDays(7 * (meetings - 1)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            db.AuditEnabled = audit;
        }
    }
}
