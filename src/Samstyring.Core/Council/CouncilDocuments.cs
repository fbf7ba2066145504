using System.Globalization;
using System.Text.RegularExpressions;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Documents;

namespace Samstyring.Core.Council;

/// <summary>A generated council document and the name it is saved under, without extension ("innkalling-nasjonalt-e-helserad-6-2021").</summary>
public sealed record CouncilDocument(FlowDocument Document, string FileName);

/// <summary>The board package (styrepakke): notice, every case paper and the attachment list as one PDF.</summary>
public sealed record CouncilPackage(byte[] Pdf, string FileName, int Parts);

/// <summary>
/// The council's documents, laid out like the secretariat's originals: the notice (innkalling), the case paper
/// (saksfremlegg), the minutes (referat) and the board package. Everything is read through <see cref="CouncilQueries"/>
/// with the reader's identity, so a reader who may not see confidential content gets the same redaction here as on
/// the pages: a confidential case is only its number and "Unntatt offentlighet (legal basis)".
/// </summary>
[UseCase]
public sealed partial class CouncilDocuments(CouncilQueries queries)
{
    private const string Issuer = "Direktoratet for e-helse";

    /// <summary>The notice with agenda and proposed decisions. Outsiders get it once the notice is sent; the secretariat and members see drafts.</summary>
    public async Task<CouncilDocument> NoticeAsync(int meetingId, CurrentUser? user, CancellationToken ct = default)
    {
        var v = await queries.GetMeetingAsync(meetingId, user, ct);
        if (!v.AgendaPublished)
            throw new NotFoundException($"Innkallingen til møte {v.Meeting.Number} i {v.Meeting.BodyName} er ikke sendt ennå.");
        return new CouncilDocument(Notice(v), FileName("innkalling", v.Meeting));
    }

    public async Task<CouncilDocument> CasePaperAsync(int caseId, CurrentUser? user, CancellationToken ct = default)
    {
        var c = await queries.GetCaseAsync(caseId, user, ct);
        return new CouncilDocument(CasePaper(c), $"saksfremlegg-{c.BodySlug}-{c.Number.Replace('/', '-')}");
    }

    /// <summary>
    /// The minutes exist once the meeting is held. Asked for earlier, the answer is "not found" with the reason,
    /// the same as for any document that does not exist yet.
    /// </summary>
    public async Task<CouncilDocument> MinutesAsync(int meetingId, CurrentUser? user, CancellationToken ct = default)
    {
        var v = await queries.GetMeetingAsync(meetingId, user, ct);
        if (v.Meeting.Status is not (MeetingStatus.Held or MeetingStatus.MinutesApproved))
            throw new NotFoundException(v.Meeting.Status == MeetingStatus.Cancelled
                ? $"Møte {v.Meeting.Number} i {v.Meeting.BodyName} er avlyst og har ikke referat."
                : $"Referatet fra møte {v.Meeting.Number} i {v.Meeting.BodyName} finnes ikke ennå: møtet er ikke avholdt.");
        return new CouncilDocument(Minutes(v), FileName("referat", v.Meeting));
    }

    public async Task<CouncilPackage> PackageAsync(int meetingId, CurrentUser? user, CancellationToken ct = default)
    {
        var v = await queries.GetMeetingAsync(meetingId, user, ct);
        if (!v.AgendaPublished)
            throw new NotFoundException($"Innkallingen til møte {v.Meeting.Number} i {v.Meeting.BodyName} er ikke sendt ennå.");
        var parts = PackageParts(v);
        return new CouncilPackage(FlowDocument.CombinedPdf(parts, $"Saksdokumenter – {MeetingTitle(v.Meeting)}"),
            FileName("saksdokumenter", v.Meeting), parts.Count);
    }

    /// <summary>The meeting "6/2021" of a body, for the command line.</summary>
    public async Task<int> FindMeetingAsync(string? bodySlug, string? number, CancellationToken ct = default)
    {
        var m = MeetingNumber().Match(number?.Trim() ?? "");
        if (string.IsNullOrWhiteSpace(bodySlug)) throw ValidationFailedException.For("body", "Oppgi organet, f.eks. nasjonalt-e-helserad.");
        if (!m.Success) throw ValidationFailedException.For("meeting", $"Møtenummeret må skrives som 6/2021, ikke «{Short(number)}».");
        var n = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var year = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        if (year < 100) year += 2000;
        var meetings = await queries.ListMeetingsAsync(bodySlug, year, ct);
        var text = Meeting.FormatNumber(n, year);
        return meetings.FirstOrDefault(x => x.Number == text)?.Id
               ?? throw new NotFoundException($"Fant ikke møte {text} i organet «{Short(bodySlug)}».");
    }

    /// <summary>The case "37/21" of a body, for the command line. Redacted lists still carry the case, so outsiders find it too.</summary>
    public async Task<int> FindCaseAsync(string? bodySlug, string? number, CurrentUser? user, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(bodySlug)) throw ValidationFailedException.For("body", "Oppgi organet, f.eks. nasjonalt-e-helserad.");
        if (!CouncilCase.TryParseNumber(number, out var n, out var year))
            throw ValidationFailedException.For("case", $"Saksnummeret må skrives som 37/21, ikke «{Short(number)}».");
        await queries.GetBodySummaryAsync(bodySlug.Trim(), ct);
        var cases = await queries.ListCasesAsync(bodySlug.Trim(), year, user, ct);
        var text = CouncilCase.FormatNumber(n, year);
        return cases.FirstOrDefault(c => c.Number == text)?.Id
               ?? throw new NotFoundException($"Fant ikke sak {text} i organet «{Short(bodySlug)}».");
    }

    // ------------------------------------------------------------------ notice (innkalling)

    public static FlowDocument Notice(MeetingView v)
    {
        var m = v.Meeting;
        var d = new FlowDocument($"Innkalling – {MeetingTitle(m)}", RunningHeader(m), $"Innkalling – {Issuer}")
            .Title($"{(m.Kind == MeetingKind.Extra ? "Ekstramøte" : "Møte")} i {m.BodyName}");
        if (m.Status == MeetingStatus.Planned) d.Notice("Utkast: innkallingen er ikke sendt.");
        if (m.Status == MeetingStatus.Cancelled) d.Notice("Møtet er avlyst.");
        d.KeyValueBlock(MeetingHeader(v, withMembers: true));

        d.Table(["Sak", $"Agenda {m.BodyName}", "Tidspunkt", "Sakstype"], AgendaRows(v), [2.0, 10.0, 2.3, 2.7]);

        d.Heading("Sakene");
        foreach (var c in CasesInAgendaOrder(v))
        {
            d.Heading($"{c.Number} {c.Title}", 2);
            if (c.Redacted)
            {
                d.Paragraph(RedactedText(c.LegalBasis), italic: true);
                continue;
            }
            if (c.Confidential) d.Notice(ConfidentialNotice(c.LegalBasis));
            var facts = new List<string> { $"Sakstype: {c.Type.Label()}" };
            if (!string.IsNullOrWhiteSpace(c.Presenter)) facts.Add($"Innleder: {c.Presenter}");
            if (c.StartsAt is { } t) facts.Add($"Tidspunkt: {t:HH\\:mm}");
            d.Paragraph(string.Join("   ·   ", facts), italic: true);
            if (!string.IsNullOrWhiteSpace(c.Purpose)) RichText(d, c.Purpose);
            if (!string.IsNullOrWhiteSpace(c.ProposedDecision))
            {
                d.Paragraph("Forslag til vedtak:", bold: true);
                RichText(d, Fill(c.ProposedDecision));
            }
            if (c.Attachments.Count > 0) d.Paragraph(string.Join("\n", c.Attachments.Select(AttachmentLine)));
            if (c.CommentDeadline is { } deadline)
                d.Paragraph($"Frist for innspill: {Norwegian.Date(deadline)}" + (string.IsNullOrWhiteSpace(c.CommentDeadlineNote) ? "" : $" – {c.CommentDeadlineNote}"));
        }
        return d;
    }

    // ------------------------------------------------------------------ case paper (saksfremlegg)

    public static FlowDocument CasePaper(CaseView c)
    {
        var header = c.MeetingNumber is null ? c.BodyName : $"{c.BodyName} – Møte {c.MeetingNumber}";
        var d = new FlowDocument($"Sak {c.Number} {c.Title}", header, $"Saksfremlegg sak {c.Number} – {Issuer}");
        if (c.Redacted)
        {
            // All an outsider may know: that the case exists, its number and why it is exempt.
            return d.Title($"Sak {c.Number}")
                .KeyValueBlock(("Til", c.BodyName), ("Dato", Norwegian.Date(c.MeetingDate)), ("Saksnummer", c.Number))
                .Notice(RedactedText(c.LegalBasis))
                .Paragraph("Saksfremlegget er unntatt offentlighet og kan ikke vises.");
        }
        if (c.Confidential) d.Notice(ConfidentialNotice(c.LegalBasis));
        d.Title(c.Title)
            .KeyValueBlock(
                ("Til", c.MeetingNumber is null ? c.BodyName : $"{c.BodyName}, møte {c.MeetingNumber}"),
                ("Dato", Norwegian.Date(c.MeetingDate)),
                ("Saksnummer", c.Number),
                ("Type", c.Type.Label()),
                ("Fra", c.From ?? ""),
                ("Saksbehandler", c.Officers ?? ""));

        if (!string.IsNullOrWhiteSpace(c.ProposedDecision))
        {
            d.Heading("Forslag til vedtak");
            RichText(d, Fill(c.ProposedDecision));
        }
        if (!string.IsNullOrWhiteSpace(c.Purpose))
        {
            d.Heading("Hensikt med saken");
            RichText(d, c.Purpose);
        }
        if (!string.IsNullOrWhiteSpace(c.Background))
        {
            d.Heading("Bakgrunn");
            RichText(d, c.Background);
        }
        if (c.Related.Count > 0)
        {
            d.Heading("Vedtak på tilsluttende saker");
            d.Table(["Sak", "Tema", "Vedtaksformulering"], c.Related.Select(r => (IReadOnlyList<DocxCell>)
                [
                    $"{r.BodyName} {r.Number}" + (r.When is { } when ? $"\n({when})" : ""),
                    r.Redacted ? CaseView.RedactedTitle : r.Title ?? "",
                    r.Redacted ? "Unntatt offentlighet" : r.Decision ?? "Ikke behandlet ennå",
                ]), [4.5, 5.0, 7.5]);
        }
        if (c.CommentDeadline is { } deadline)
        {
            d.Heading("Frist for innspill");
            d.Paragraph(Norwegian.Date(deadline) + (string.IsNullOrWhiteSpace(c.CommentDeadlineNote) ? "" : $": {c.CommentDeadlineNote}"));
        }
        if (c.Attachments.Count > 0)
        {
            d.Heading("Vedlegg");
            d.Bullets(c.Attachments.Select(AttachmentLine));
        }
        if (c.Decision is not null)
        {
            d.Heading("Vedtak");
            if (c.DecidedOn is { } on) d.Paragraph($"Vedtatt i møte {c.MeetingNumber} {Norwegian.Date(on)}:", italic: true);
            RichText(d, c.Decision);
        }
        return d;
    }

    // ------------------------------------------------------------------ minutes (referat)

    public static FlowDocument Minutes(MeetingView v)
    {
        var m = v.Meeting;
        var d = new FlowDocument($"Referat – {MeetingTitle(m)}", RunningHeader(m), $"Referat – {Issuer}")
            .Title($"Referat fra {(m.Kind == MeetingKind.Extra ? "ekstramøte" : "møte")} i {m.BodyName}");
        d.KeyValueBlock(MeetingHeader(v, withMembers: false));

        d.Heading("Oppmøte");
        var voting = v.Attendance.Where(a => a.Role is MemberRole.Member or MemberRole.Substitute).ToList();
        string Person(AttendanceLine a) => $"{a.Name} ({a.Organization})";
        var present = voting.Where(a => a.Status == AttendanceStatus.Present).Select(a => Person(a) + Partial(a)).ToList();
        var absent = voting.Where(a => a.Status == AttendanceStatus.Absent).Select(Person).ToList();
        var substitutes = voting.Where(a => a.Status == AttendanceStatus.Substitute)
            .Select(a => $"{a.SubstituteName} for {a.Name} ({a.Organization})" + Partial(a)).ToList();
        var unrecorded = voting.Where(a => a.Status is null).Select(Person).ToList();
        var observers = v.Attendance.Where(a => a.Role == MemberRole.Observer && a.Status is not AttendanceStatus.Absent)
            .Select(a => Person(a) + Partial(a)).ToList();
        var rows = new List<IReadOnlyList<DocxCell>>
        {
            new DocxCell[] { new("Til stede", Bold: true), Lines(present) },
            new DocxCell[] { new("Ikke til stede", Bold: true), Lines(absent) },
            new DocxCell[] { new("Stedfortredere", Bold: true), Lines(substitutes) },
        };
        if (unrecorded.Count > 0) rows.Add(new DocxCell[] { new("Ikke registrert", Bold: true), Lines(unrecorded) });
        rows.Add(new DocxCell[] { new("Observatører", Bold: true), Lines(observers) });
        d.Table(["", "Medlemmer"], rows, [3.5, 13.5]);
        if (!string.IsNullOrWhiteSpace(v.OtherAttendees)) d.LabelledParagraph("Andre til stede:", v.OtherAttendees);
        d.Paragraph(v.Quorum.Text, italic: true);

        d.Table(["Sak", $"Agenda {m.BodyName}", "Sakstype"],
            CasesInAgendaOrder(v).Select(c => (IReadOnlyList<DocxCell>)[c.Number, c.Title, c.Redacted || c.Type == CaseType.Eventuelt ? "" : c.Type.Label()]),
            [2.0, 12.0, 3.0]);

        d.Heading("Sakene");
        foreach (var c in CasesInAgendaOrder(v))
        {
            d.Heading($"{c.Number} {c.Title}", 2);
            if (c.Redacted)
            {
                d.Paragraph(RedactedText(c.LegalBasis), italic: true);
                continue;
            }
            if (c.Confidential) d.Notice(ConfidentialNotice(c.LegalBasis));
            // A case recorded from the minutes (no case paper, so no purpose) keeps the meeting's account in its background.
            if (string.IsNullOrWhiteSpace(c.Purpose) && !string.IsNullOrWhiteSpace(c.Background)) RichText(d, c.Background);
            if (c.Decision is not null)
            {
                d.Paragraph("Vedtak:", bold: true);
                RichText(d, c.Decision);
            }
            else if (c.Type != CaseType.Eventuelt || string.IsNullOrWhiteSpace(c.Background))
                d.Paragraph("Ikke behandlet.", italic: true);
        }
        if (!string.IsNullOrWhiteSpace(v.MinutesNote))
        {
            d.Heading("Merknader");
            RichText(d, v.MinutesNote);
        }

        d.Heading("Godkjenning av referatet");
        d.Paragraph(MinutesApprovalText(v));
        return d;
    }

    // ------------------------------------------------------------------ board package (styrepakke)

    /// <summary>Notice, every case paper in agenda order, and the attachment list: the parts of the package PDF.</summary>
    public static IReadOnlyList<FlowDocument> PackageParts(MeetingView v)
    {
        var parts = new List<FlowDocument> { Notice(v) };
        parts.AddRange(CasesInAgendaOrder(v).Select(CasePaper));
        parts.Add(AttachmentList(v));
        return parts;
    }

    public static byte[] PackagePdf(MeetingView v) => FlowDocument.CombinedPdf(PackageParts(v), $"Saksdokumenter – {MeetingTitle(v.Meeting)}");

    public static FlowDocument AttachmentList(MeetingView v)
    {
        var m = v.Meeting;
        var d = new FlowDocument($"Vedleggsliste – {MeetingTitle(m)}", RunningHeader(m), $"Vedleggsliste – {Issuer}")
            .Title("Vedleggsliste")
            .Subtitle($"{MeetingTitle(m)}, {Norwegian.Date(m.Date)}");
        var rows = CasesInAgendaOrder(v).SelectMany(c => c.Attachments.Select(a => (IReadOnlyList<DocxCell>)
        [
            a.Label,
            a.Redacted ? $"Unntatt offentlighet ({a.LegalBasis})"
                : a.Confidential ? $"{a.Title} (unntatt offentlighet, jf. {a.LegalBasis})" : a.Title ?? "",
            c.Number,
            a.Redacted ? "" : a.HasFile && a.SizeBytes is { } size ? AttachmentAccess.Size(size) : "ikke lastet opp",
        ])).ToList();
        if (rows.Count == 0) return d.Paragraph("Møtet har ingen vedlegg.");
        d.Table(["Vedlegg", "Tittel", "Sak", "Størrelse"], rows, [2.2, 10.3, 2.2, 2.3]);
        d.Paragraph("Vedleggene lastes ned fra møtesiden. Vedlegg unntatt offentlighet vises bare med nummer og hjemmel.", italic: true);
        return d;
    }

    // ------------------------------------------------------------------ shared pieces

    public static string FileName(string kind, MeetingSummary m) => $"{kind}-{m.BodySlug}-{m.Number.Replace('/', '-')}";

    private static string MeetingTitle(MeetingSummary m) => $"{m.BodyName} {(m.Kind == MeetingKind.Extra ? "ekstramøte" : "møte")} {m.Number}";

    private static string RunningHeader(MeetingSummary m) => $"{m.BodyName} – Møte {m.Number}";

    private static IEnumerable<KeyValuePair<string, string>> MeetingHeader(MeetingView v, bool withMembers)
    {
        var m = v.Meeting;
        yield return KeyValuePair.Create("Møte", m.Number + (m.Kind == MeetingKind.Extra ? " (ekstramøte)" : ""));
        yield return KeyValuePair.Create("Dato", Norwegian.Date(m.Date));
        yield return KeyValuePair.Create("Tid", $"Kl. {m.StartTime:HH\\.mm} – {m.EndTime:HH\\.mm}");
        yield return KeyValuePair.Create("Sted", m.Place);
        if (!withMembers) yield break;
        yield return KeyValuePair.Create("Medlemmer", Lines(v.Members.Where(x => x.Role == MemberRole.Member).Select(x => $"{x.Name} ({x.Organization})")));
        var observers = v.Members.Where(x => x.Role == MemberRole.Observer).Select(x => $"{x.Name} ({x.Organization})").ToList();
        if (observers.Count > 0) yield return KeyValuePair.Create("Observatører", Lines(observers));
    }

    private static IEnumerable<IReadOnlyList<DocxCell>> AgendaRows(MeetingView v)
    {
        foreach (var a in v.Agenda)
        {
            var time = a.StartsAt is { } t ? t.ToString("HH\\:mm", CultureInfo.InvariantCulture) : "";
            if (a.Kind == AgendaItemKind.Break)
                yield return [new DocxCell("", "F2F2F2"), new DocxCell(a.Title ?? "Pause", "F2F2F2"), new DocxCell(time, "F2F2F2"), new DocxCell("", "F2F2F2")];
            else if (a.Case is { } c)
                yield return [c.Number, c.Title, time, c.Redacted || c.Type == CaseType.Eventuelt ? "" : c.Type.Label()];
        }
        // Cases not on the agenda (not yet placed) still belong to the meeting.
        foreach (var c in v.Cases.Where(c => v.Agenda.All(a => a.Case?.Id != c.Id)))
            yield return [c.Number, c.Title, "", c.Redacted ? "" : c.Type.Label()];
    }

    private static List<CaseView> CasesInAgendaOrder(MeetingView v)
    {
        var ordered = v.Agenda.Where(a => a.Case is not null).Select(a => a.Case!).ToList();
        ordered.AddRange(v.Cases.Where(c => ordered.All(o => o.Id != c.Id)));
        return ordered;
    }


    private static string Partial(AttendanceLine a)
    {
        var parts = new List<string>();
        if (a.ByVideo) parts.Add("video");
        if (a.FromTime is { } f) parts.Add($"fra kl. {f:HH\\.mm}");
        var upTo = a.Description.Split(", ").FirstOrDefault(p => p.StartsWith("deltok t.o.m.", StringComparison.Ordinal));
        if (upTo is not null) parts.Add(upTo);
        if (!string.IsNullOrWhiteSpace(a.Note)) parts.Add(a.Note!);
        return parts.Count == 0 ? "" : " – " + string.Join(", ", parts);
    }

    private static string MinutesApprovalText(MeetingView v)
    {
        if (v.MinutesApprovedIn is { } meeting)
        {
            var where = $"møte {meeting.Number} ({Norwegian.Date(meeting.Date)})" + (v.MinutesApprovalCase is { } c ? $", sak {c.Number}" : "");
            return v.Meeting.Status == MeetingStatus.MinutesApproved
                ? $"Referatet er godkjent i {where}."
                : $"Referatet legges fram til godkjenning i {where}.";
        }
        return v.Meeting.Status == MeetingStatus.MinutesApproved ? "Referatet er godkjent." : "Referatet er ikke godkjent ennå.";
    }

    private static string AttachmentLine(AttachmentView a)
    {
        if (a.Redacted) return $"Vedlegg {a.Label}: Unntatt offentlighet ({a.LegalBasis})";
        var line = $"Vedlegg {a.Label}: {a.Title}";
        if (a.Confidential) line += $" (unntatt offentlighet, jf. {a.LegalBasis})";
        return line;
    }

    private static string RedactedText(string? legalBasis) =>
        string.IsNullOrWhiteSpace(legalBasis) ? "Unntatt offentlighet" : $"Unntatt offentlighet ({legalBasis})";

    private static string ConfidentialNotice(string? legalBasis) =>
        string.IsNullOrWhiteSpace(legalBasis) ? "Unntatt offentlighet" : $"Unntatt offentlighet, jf. {legalBasis}";

    private static string Lines(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? "–" : string.Join("\n", list);
    }

    /// <summary>"{{Anbefalingen formuleres i møtet}}" reads "(Anbefalingen formuleres i møtet)", as in the originals.</summary>
    internal static string Fill(string text) => Placeholder().Replace(text, m => $"({m.Groups[1].Value.Trim()})");

    /// <summary>
    /// Case text as typed by the secretariat: blank lines separate paragraphs, lines starting "• " (or "- ") are bullets,
    /// other single line breaks stay line breaks (numbered points), and a short line on its own without closing
    /// punctuation is a subheading, as in the originals ("Avhengigheter").
    /// </summary>
    private static void RichText(FlowDocument d, string text)
    {
        foreach (var block in text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var lines = block.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
            var pending = new List<string>();
            var bullets = new List<string>();
            void FlushText()
            {
                if (pending.Count == 0) return;
                var p = string.Join("\n", pending);
                if (pending.Count == 1 && IsSubheading(p)) d.Paragraph(p, bold: true);
                else d.Paragraph(p);
                pending.Clear();
            }
            void FlushBullets()
            {
                if (bullets.Count == 0) return;
                d.Bullets(bullets.ToList());
                bullets.Clear();
            }
            foreach (var line in lines)
            {
                var t = line.TrimStart();
                if (t.StartsWith("• ", StringComparison.Ordinal) || t.StartsWith("- ", StringComparison.Ordinal))
                {
                    FlushText();
                    bullets.Add(t[2..].Trim());
                }
                else
                {
                    FlushBullets();
                    pending.Add(line);
                }
            }
            FlushText();
            FlushBullets();
        }
    }

    private static bool IsSubheading(string line) =>
        line.Length <= 80 && !".:;,!?)".Contains(line[^1]) && !char.IsDigit(line[0]) && !line.Contains(". ", StringComparison.Ordinal);

    private static string Short(string? s) => s is null ? "" : s.Length > 40 ? s[..40] + "…" : s;

    [GeneratedRegex(@"\{\{(.*?)\}\}", RegexOptions.Singleline)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^(\d{1,3})/(\d{2}|\d{4})$")]
    private static partial Regex MeetingNumber();
}
