using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Council;
using Samstyring.Core.Data;
using Samstyring.Core.EInnsyn;
using Samstyring.Core.Notifications;
using Samstyring.Web.Tests.Council;

namespace Samstyring.Web.Tests.EInnsyn;

/// <summary>
/// Publication to eInnsyn against a local stand-in that checks every request against eInnsyn's OpenAPI document: records
/// are queued with the events that make them public, delivered once through busy answers, lost answers and two senders
/// at once, a refusal is shown to the office with its reason, exempt content reaches only the fields eInnsyn keeps from
/// the public, and without configuration nothing is sent while the queue can be downloaded.
/// </summary>
public abstract class EInnsynTests(SamstyringFactory factory) : CouncilWebTest(factory)
{
    private static readonly SiteAddress Site = SiteAddress.From("https://samstyring.test");

    private static EInnsynOptions Enabled(EInnsynStandIn standIn) => new()
    {
        BaseUrl = standIn.BaseUrl, ApiKey = EInnsynStandIn.ApiKey, Arkivdel = EInnsynStandIn.Arkivdel, MaxAttempts = 5, TimeoutSeconds = 20,
    };

    /// <summary>One round of a sender of its own (scope, database context and connection), as another node would run it.</summary>
    private async Task<EInnsynRound> SendAsync(EInnsynOptions options)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        using var http = new EInnsynHttp(options);
        return await new SendEInnsyn(scope.ServiceProvider.GetRequiredService<SamstyringDb>(), options, http, Site).HandleAsync();
    }

    /// <summary>
    /// Sends only these meetings' records: the app is shared with other test classes, whose queued records are moved out of
    /// the way (to 2100) so that they neither reach the stand-in nor use up its scripted answers.
    /// </summary>
    private Task OnlyAsync(params int[] meetings) => WithDbAsync(db => db.EInnsynOutbox
        .Where(m => m.Status == EInnsynStatus.Pending && !meetings.Contains(m.MeetingId))
        .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc))));

    /// <summary>Makes these meetings' waiting records due now, as if the backoff had passed.</summary>
    private Task DueAsync(params int[] meetings) => WithDbAsync(db => db.EInnsynOutbox
        .Where(m => m.Status == EInnsynStatus.Pending && meetings.Contains(m.MeetingId))
        .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1))));

    private Task<List<EInnsynMessage>> RecordsAsync(int meeting) =>
        WithDbAsync(db => db.EInnsynOutbox.AsNoTracking().Where(m => m.MeetingId == meeting).OrderBy(m => m.Id).ToListAsync());

    private async Task<(string Slug, int Meeting, JsonNode Case)> NoticedAsync(string prefix, string title = "Felles språk for journaldata")
    {
        var slug = await CreateBodyAsync($"{prefix}-{Guid.NewGuid().ToString("N")[..6]}", quorumRule: "none");
        var meeting = (await PlanMeetingAsync(slug, "2031-02-13")).Int("id");
        var c = await AddCaseAsync(meeting, title, "Rådet slutter seg til forslaget.");
        await NoticeAsync(meeting);
        return (slug, meeting, c);
    }

    private async Task NoticeAsync(int meeting)
    {
        using var notice = await Office.PostJsonAsync($"/api/v1/meetings/{meeting}/notice", new { version = await MeetingVersionAsync(meeting) });
        await notice.AssertStatusAsync(HttpStatusCode.OK, "send the notice");
    }

    private async Task DecideAsync(int caseId, string decision)
    {
        using var response = await Office.PostJsonAsync($"/api/v1/cases/{caseId}/decision", new { decision, version = await CaseVersionAsync(caseId) });
        await response.AssertStatusAsync(HttpStatusCode.OK, "record the decision");
    }

    [Fact]
    public async Task A_notice_and_a_decision_are_published_exactly_once_through_a_503_and_a_lost_answer()
    {
        if (!Factory.Ready()) return;
        var (_, meeting, c) = await NoticedAsync("einnsyn-retry");
        var queued = (await Office.GetJsonAsync("/api/v1/einnsyn/outbox?status=pending"))["records"]!.AsArray()
            .Single(r => r.Str("kind") == "meeting" && r.Str("title").StartsWith("Møte 1/2031 i Testorgan einnsyn-retry", StringComparison.Ordinal))!;
        Assert.False((await Office.GetJsonAsync("/api/v1/einnsyn/outbox"))["enabled"]!.GetValue<bool>());

        await using var standIn = await EInnsynStandIn.StartAsync();
        var options = Enabled(standIn);
        await OnlyAsync(meeting);
        standIn.Busy("/moetemappe");
        Assert.Equal(new EInnsynRound(0, 1, 0, 0), await SendAsync(options));
        var waiting = (await RecordsAsync(meeting)).Single();
        Assert.True(waiting.HttpStatus == 503, waiting.LastError);
        Assert.Equal((EInnsynStatus.Pending, 503, 1), (waiting.Status, waiting.HttpStatus, waiting.Attempts));
        Assert.Contains("503", waiting.LastError);
        Assert.Equal(new EInnsynRound(0, 0, 0, 0), await SendAsync(options)); // not due yet: the backoff holds it
        await DueAsync(meeting);
        Assert.Equal(new EInnsynRound(1, 0, 0, 0), await SendAsync(options));

        var created = Assert.Single(standIn.Stored);
        Assert.Equal($"/arkivdel/{EInnsynStandIn.Arkivdel}/moetemappe", created.Path);
        Assert.Equal($"samstyring:meeting:{meeting}", created.Body.Str("externalId"));
        var sent = (await RecordsAsync(meeting)).Single();
        Assert.Equal((EInnsynStatus.Sent, created.Id, 201), (sent.Status, sent.EInnsynId, sent.HttpStatus));
        var row = (await Office.GetJsonAsync("/api/v1/einnsyn/outbox?status=sent"))["records"]!.AsArray().Single(r => r.Int("id") == queued.Int("id"))!;
        Assert.Equal((created.Id, 2), (row.Str("einnsynId"), row.Int("attempts")));
        Assert.Contains(created.Id, await PageAsync(Office, "/kontor/einnsyn?status=sent"));

        // The decision: its answer is lost after eInnsyn stored it. The next try asks by externalId and does not create it again.
        await DecideAsync(c.Int("id"), "Rådet slutter seg til forslaget.");
        standIn.LoseAnswer("/vedtak");
        Assert.Equal(new EInnsynRound(0, 1, 0, 0), await SendAsync(options));
        await DueAsync(meeting);
        Assert.Equal(new EInnsynRound(1, 0, 0, 0), await SendAsync(options));
        var vedtak = Assert.Single(standIn.Stored, s => s.Template == "/moetesak/{id}/vedtak");
        Assert.Contains("GET /vedtak 200", standIn.Calls);
        var decision = (await RecordsAsync(meeting)).Single(m => m.Kind == EInnsynRecords.DecisionKind);
        Assert.Equal((EInnsynStatus.Sent, vedtak.Id), (decision.Status, decision.EInnsynId));
        Assert.Equal("Rådet slutter seg til forslaget.", vedtak.Body["vedtakstekst"].Str("tekstInnhold"));

        // Recording the same words again queues nothing; a correction is a PATCH of the case, once.
        await DecideAsync(c.Int("id"), "Rådet slutter seg til forslaget.");
        Assert.Equal(2, (await RecordsAsync(meeting)).Count);
        await DecideAsync(c.Int("id"), "Rådet slutter seg til forslaget, med endringene i møtet.");
        Assert.Equal(new EInnsynRound(1, 0, 0, 0), await SendAsync(options));
        var patch = Assert.Single(standIn.Stored, s => s.Method == "PATCH");
        Assert.Equal("/moetesak/{id}", patch.Template);
        Assert.Empty(standIn.Invalid);

        // A published record is not sent twice, not even by hand.
        using var again = await Office.SendJsonAsync(HttpMethod.Post, $"/api/v1/einnsyn/outbox/{sent.Id}/resend", null, $"\"{sent.Version}\"");
        Assert.Contains("ikke to ganger", await again.AssertValidationProblemAsync("status"));
    }

    [Fact]
    public async Task Approved_minutes_are_queued_with_the_approval_and_published_once_as_the_referat_of_their_meeting()
    {
        if (!Factory.Ready()) return;
        var (slug, meeting, _) = await NoticedAsync("einnsyn-referat");
        using (var held = await Office.PostJsonAsync($"/api/v1/meetings/{meeting}/held", new { version = await MeetingVersionAsync(meeting) }))
            await held.AssertStatusAsync(HttpStatusCode.OK, "mark the meeting held");
        // Approved minutes close the meeting, so every case in it (the standing notice approval too) is decided first.
        foreach (var open in (await Office.GetJsonAsync($"/api/v1/meetings/{meeting}"))["cases"]!.AsArray().Where(x => x!["decision"] is null).ToList())
            await DecideAsync(open.Int("id"), open.Str("proposedDecision"));
        var next = (await PlanMeetingAsync(slug, "2031-04-10")).Int("id");
        var approval = await WithDbAsync(db => db.Meetings.Where(m => m.Id == meeting).Select(m => m.MinutesApprovalCaseId).SingleAsync());
        Assert.NotNull(approval);
        await AddCaseAsync(next, "Orientering om status");
        await NoticeAsync(next);
        Assert.DoesNotContain(await RecordsAsync(meeting), m => m.Kind == EInnsynRecords.MinutesKind);

        await DecideAsync(approval.Value, "Referatet godkjennes.");
        var queued = Assert.Single(await RecordsAsync(meeting), m => m.Kind == EInnsynRecords.MinutesKind);
        Assert.Equal((EInnsynStatus.Pending, "POST", $"samstyring:meeting:{meeting}:minutes"), (queued.Status, queued.Method, queued.ExternalId));
        Assert.Equal("minutes-approved", (await Office.GetJsonAsync($"/api/v1/meetings/{meeting}")).Str("status"));

        // One round: the meeting first, then its decisions and the minutes hung on the meeting eInnsyn just created.
        await using var standIn = await EInnsynStandIn.StartAsync();
        var options = Enabled(standIn);
        await OnlyAsync(meeting);
        await DueAsync(meeting);
        var records = await RecordsAsync(meeting);
        Assert.Equal(new EInnsynRound(records.Count, 0, 0, 0), await SendAsync(options));
        Assert.Empty(standIn.Invalid.Select(i => $"{i.Path}: {string.Join("; ", i.Errors)}"));
        var folder = Assert.Single(standIn.Stored, s => s.Template == "/arkivdel/{id}/moetemappe");
        var referat = Assert.Single(standIn.Stored, s => s.Template == "/moetemappe/{id}/moetedokument");
        Assert.True(standIn.Stored.IndexOf(folder) < standIn.Stored.IndexOf(referat), "the meeting goes before its minutes");
        Assert.Equal(("POST", $"/moetemappe/{folder.Id}/moetedokument"), (referat.Method, referat.Path));
        Assert.Equal("referat", referat.Body.Str("moetedokumenttype"));
        var file = referat.Body["dokumentbeskrivelse"]![0]!["dokumentobjekt"]![0].Str("referanseDokumentfil");
        Assert.EndsWith($"/api/v1/meetings/{meeting}/minutes.pdf", file, StringComparison.Ordinal);
        var sent = Assert.Single(await RecordsAsync(meeting), m => m.Kind == EInnsynRecords.MinutesKind);
        Assert.Equal((EInnsynStatus.Sent, referat.Id, 1), (sent.Status, sent.EInnsynId, sent.Attempts));

        // Once: another round sends nothing more.
        var count = standIn.Stored.Count;
        Assert.Equal(new EInnsynRound(0, 0, 0, 0), await SendAsync(options));
        Assert.Equal(count, standIn.Stored.Count);
    }

    [Fact]
    public async Task A_record_eInnsyn_refuses_is_shown_to_the_office_with_the_reason_and_can_be_sent_again()
    {
        if (!Factory.Ready()) return;
        var (_, meeting, _) = await NoticedAsync("einnsyn-avvist");
        await using var standIn = await EInnsynStandIn.StartAsync();
        standIn.Refuse($"samstyring:meeting:{meeting}", "Utvalget er ikke registrert for denne virksomheten");
        await OnlyAsync(meeting);
        Assert.Equal(new EInnsynRound(0, 0, 1, 0), await SendAsync(Enabled(standIn)));

        var failed = (await Office.GetJsonAsync("/api/v1/einnsyn/outbox?status=failed"))["records"]!.AsArray()
            .Single(r => r.Str("title").Contains("einnsyn-avvist", StringComparison.Ordinal))!;
        Assert.Equal(400, failed.Int("httpStatus"));
        Assert.Contains("Utvalget er ikke registrert for denne virksomheten", failed.Str("lastError"));
        Assert.Equal(1, failed.Int("attempts")); // refused: not tried again by itself
        var page = await PageAsync(Office, "/kontor/einnsyn?status=failed");
        Assert.Contains("Utvalget er ikke registrert for denne virksomheten", page);
        Assert.Contains("Send på nytt", page);

        var id = failed.Int("id");
        using (var missing = await Office.PostJsonAsync($"/api/v1/einnsyn/outbox/{id}/resend", null))
            await missing.AssertVersionRequiredAsync();
        using (var stale = await Office.SendJsonAsync(HttpMethod.Post, $"/api/v1/einnsyn/outbox/{id}/resend", null, "\"99\""))
            await stale.AssertStatusAsync(HttpStatusCode.PreconditionFailed);
        using (var unknown = await Office.SendJsonAsync(HttpMethod.Post, "/api/v1/einnsyn/outbox/99999999/resend", null, "\"1\""))
            await unknown.AssertStatusAsync(HttpStatusCode.NotFound);
        // The page's form with a stale version gets the conflict message, and nothing changes.
        var (browser, token) = await SignedInBrowserAsync(As.Office);
        using (browser)
        {
            var conflict = await PostFormAsync(browser, "/kontor/einnsyn?handler=Resend", new()
            {
                ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["version"] = "99", ["__RequestVerificationToken"] = token,
            });
            Assert.Contains("Noen andre har lagret endringer i mellomtiden", conflict);
        }
        Assert.Equal(EInnsynStatus.Failed, (await RecordsAsync(meeting)).Single().Status);

        using (var resent = await Office.SendJsonAsync(HttpMethod.Post, $"/api/v1/einnsyn/outbox/{id}/resend", null, $"\"{failed.Int("version")}\""))
            await resent.AssertStatusAsync(HttpStatusCode.NoContent);
        await using var mended = await EInnsynStandIn.StartAsync();
        Assert.Equal(new EInnsynRound(1, 0, 0, 0), await SendAsync(Enabled(mended)));
        var record = (await RecordsAsync(meeting)).Single();
        Assert.Equal((EInnsynStatus.Sent, "kontor", (string?)null), (record.Status, record.ResentBy, record.LastError));
        Assert.Single(mended.Stored);
    }

    [Fact]
    public async Task Two_senders_at_once_deliver_each_record_once()
    {
        if (!Factory.Ready()) return;
        var slug = await CreateBodyAsync($"einnsyn-to-{Guid.NewGuid().ToString("N")[..6]}", quorumRule: "none");
        var meetings = new List<int>();
        foreach (var date in new[] { "2031-03-06", "2031-04-10", "2031-05-08", "2031-06-12" })
        {
            var m = (await PlanMeetingAsync(slug, date)).Int("id");
            await AddCaseAsync(m, $"Sak {date}");
            await NoticeAsync(m);
            meetings.Add(m);
        }
        await using var standIn = await EInnsynStandIn.StartAsync();
        var options = Enabled(standIn);
        await OnlyAsync([.. meetings]);
        var rounds = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SendAsync(options))));
        Assert.Equal(4, rounds.Sum(r => r.Sent));
        Assert.Equal(4, standIn.Stored.Count);
        Assert.Equal(4, standIn.Stored.Select(s => s.Body.Str("externalId")).Distinct().Count());
        Assert.All(await WithDbAsync(db => db.EInnsynOutbox.AsNoTracking().Where(m => meetings.Contains(m.MeetingId)).ToListAsync()),
            m => Assert.Equal((EInnsynStatus.Sent, 1), (m.Status, m.Attempts)));
        // The later meetings refer to the earlier ones published before them; the first has nothing before it.
        var first = standIn.Stored.Single(s => s.Body.Str("externalId") == $"samstyring:meeting:{meetings[0]}");
        Assert.Null(first.Body["referanseForrigeMoete"]);
    }

    [Fact]
    public async Task Exempt_content_reaches_only_the_sensitive_fields_and_no_exempt_document_has_a_file()
    {
        if (!Factory.Ready()) return;
        var marker = "Hemmeligord" + Guid.NewGuid().ToString("N")[..8];
        var slug = await CreateBodyAsync($"einnsyn-unntatt-{Guid.NewGuid().ToString("N")[..6]}", quorumRule: "none");
        var meeting = (await PlanMeetingAsync(slug, "2031-09-04")).Int("id");
        var secret = CaseBody($"Anskaffelse {marker}", $"Rådet velger leverandør {marker}.", "drofting");
        secret["purpose"] = $"Formål {marker}";
        secret["background"] = $"Bakgrunn {marker}";
        secret["confidential"] = true;
        secret["legalBasis"] = "Offl. § 23 første ledd";
        int confidential, open;
        using (var added = await Office.PostJsonAsync($"/api/v1/meetings/{meeting}/cases", secret))
        {
            await added.AssertStatusAsync(HttpStatusCode.Created);
            confidential = (await added.ReadJsonAsync()).Int("id");
        }
        open = (await AddCaseAsync(meeting, "Åpen sak med vedlegg", "Rådet tar saken til orientering.")).Int("id");
        // Two attachments with files: one exempt by itself (its title holds the marker), one public.
        await WithDbAsync(async db =>
        {
            db.Attachments.Add(new Attachment { CaseId = open, Label = "1", Title = $"Tilbud fra {marker}", FileName = "tilbud.pdf", ContentType = "application/pdf",
                SizeBytes = 10, StoragePath = "x/tilbud.pdf", Sha256 = new string('a', 64), Confidential = true, LegalBasis = "Offl. § 14", UploadedAt = DateTime.UtcNow });
            db.Attachments.Add(new Attachment { CaseId = open, Label = "2", Title = "Offentlig notat", FileName = "notat.pdf", ContentType = "application/pdf",
                SizeBytes = 10, StoragePath = "x/notat.pdf", Sha256 = new string('b', 64), UploadedAt = DateTime.UtcNow });
            db.Attachments.Add(new Attachment { CaseId = confidential, Label = "1", Title = $"Vedlegg om {marker}", FileName = "v.pdf", ContentType = "application/pdf",
                SizeBytes = 10, StoragePath = "x/v.pdf", Sha256 = new string('c', 64), UploadedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        await NoticeAsync(meeting);
        await DecideAsync(confidential, $"Rådet velger {marker}.");
        await DecideAsync(open, "Rådet tar saken til orientering.");
        Assert.DoesNotContain(await RecordsAsync(meeting), m => m.CaseId == confidential);

        await using var standIn = await EInnsynStandIn.StartAsync();
        await OnlyAsync(meeting);
        Assert.Equal(new EInnsynRound(2, 0, 0, 0), await SendAsync(Enabled(standIn)));
        Assert.Empty(standIn.Invalid);

        var found = new List<string>();
        foreach (var s in standIn.Stored) Walk(s.Body, "$", (path, name, text) => { if (text.Contains(marker, StringComparison.Ordinal)) found.Add($"{path} ({name})"); });
        Assert.NotEmpty(found);
        Assert.All(found, f => Assert.True(f.EndsWith("(offentligTittelSensitiv)", StringComparison.Ordinal) || f.EndsWith("(tittelSensitiv)", StringComparison.Ordinal), f));
        // The title of the exempt case, its case paper, its attachment and the exempt attachment of the open case.
        Assert.Equal(4, found.Count);

        var cases = standIn.Stored.Single(s => s.Template == "/arkivdel/{id}/moetemappe").Body["moetesak"]!.AsArray();
        var exempt = cases.Single(c => c.Str("externalId") == $"samstyring:case:{confidential}")!;
        Assert.Equal("Unntatt offentlighet (Offl. § 23 første ledd)", exempt.Str("offentligTittel"));
        Assert.Equal(("annet", "Drøfting"), (exempt.Str("moetesakstype"), exempt.Str("legacyMoetesakstype")));
        Assert.Null(exempt["innstilling"]);
        Assert.Null(exempt["beskrivelse"]);
        Assert.Null(exempt["vedtak"]);
        var documents = cases.SelectMany(c => c!["dokumentbeskrivelse"]!.AsArray()).ToList();
        Assert.All(documents.Where(d => d.Str("tittel").Contains("unntatt offentlighet", StringComparison.OrdinalIgnoreCase)),
            d => Assert.Null(d!["dokumentobjekt"]));
        Assert.Equal(3, documents.Count(d => d.Str("tittel").Contains("unntatt offentlighet", StringComparison.OrdinalIgnoreCase)));
        var exemptAttachment = documents.Single(d => d.Str("tittelSensitiv") == $"Vedlegg 1: Tilbud fra {marker}")!;
        Assert.Equal("Vedlegg 1: unntatt offentlighet (Offl. § 14)", exemptAttachment.Str("tittel"));
        var publicAttachment = documents.Single(d => d.Str("tittel") == "Vedlegg 2: Offentlig notat")!;
        var file = publicAttachment["dokumentobjekt"]![0]!;
        Assert.StartsWith("https://samstyring.test/api/v1/attachments/", file.Str("referanseDokumentfil"));
        Assert.Equal((new string('b', 64), "SHA-256"), (file.Str("sjekksum"), file.Str("sjekksumAlgoritme")));
        // Only the open case's decision went out.
        var vedtak = Assert.Single(standIn.Stored, s => s.Template == "/moetesak/{id}/vedtak");
        Assert.Equal("Rådet tar saken til orientering.", vedtak.Body["vedtakstekst"].Str("tekstInnhold"));
    }

    [Fact]
    public async Task Without_configuration_nothing_is_sent_and_the_download_holds_the_queue()
    {
        if (!Factory.Ready()) return;
        var (_, meeting, c) = await NoticedAsync("einnsyn-av");
        await using var standIn = await EInnsynStandIn.StartAsync();
        Assert.Equal(new EInnsynRound(0, 0, 0, 0), await SendAsync(new EInnsynOptions { BaseUrl = standIn.BaseUrl, Arkivdel = EInnsynStandIn.Arkivdel }));
        Assert.Equal(new EInnsynRound(0, 0, 0, 0), await SendAsync(new EInnsynOptions()));
        Assert.Empty(standIn.Calls);
        Assert.Equal(EInnsynStatus.Pending, (await RecordsAsync(meeting)).Single().Status);

        using var download = await Office.GetAsync("/api/v1/einnsyn/outbox.json");
        await download.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("application/json", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("einnsyn-ko.json", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);
        var queue = JsonNode.Parse(await download.Content.ReadAsStringAsync())!;
        Assert.False(queue["enabled"]!.GetValue<bool>());
        var record = queue["records"]!.AsArray().Single(r => r.Str("externalId") == $"samstyring:meeting:{meeting}")!;
        Assert.Equal(("meeting", "pending", "POST", "/arkivdel/{arkivdel}/moetemappe"), (record.Str("kind"), record.Str("status"), record.Str("method"), record.Str("path")));
        var body = record["body"]!;
        Assert.Contains(body["moetesak"]!.AsArray(), m => m.Str("externalId") == $"samstyring:case:{c.Int("id")}");
        // Paths until sent: the sender gives them the public address.
        Assert.StartsWith("/api/v1/meetings/", body["moetedokument"]![0]!["dokumentbeskrivelse"]![0]!["dokumentobjekt"]![0].Str("referanseDokumentfil"));
        Assert.Contains("eInnsyn er ikke satt opp", await PageAsync(Office, "/kontor/einnsyn"));

        foreach (var user in new[] { As.Anonymous, As.Member, As.OwnerHso })
        {
            using var refused = await Client(user).GetAsync("/api/v1/einnsyn/outbox.json");
            await refused.AssertStatusAsync(user == As.Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden);
        }
        using (var bad = await Office.GetAsync("/api/v1/einnsyn/outbox.json?status=lest"))
            await bad.AssertValidationProblemAsync("status");
        using (var badPage = await Office.GetAsync("/api/v1/einnsyn/outbox?page=0"))
            await badPage.AssertValidationProblemAsync("page");
    }

    [Fact]
    public async Task The_demo_meetings_4_5_and_6_of_2021_give_valid_records_once()
    {
        if (!Factory.Ready()) return;
        var demo = await WithDbAsync(db => db.Meetings.AsNoTracking().Where(m => m.Body.Slug == Board && m.Year == 2021 && m.Number >= 4 && m.Number <= 6)
            .OrderBy(m => m.Number).Select(m => new { m.Id, m.Date, m.Status }).ToListAsync());
        Assert.Equal(3, demo.Count);
        var from = demo.Min(m => m.Date).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var to = demo.Max(m => m.Date).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using (var bad = await Office.PostJsonAsync("/api/v1/einnsyn/outbox", new { body = "finnes-ikke", from, to }))
            Assert.Contains("Fant ikke organet", await bad.AssertValidationProblemAsync("body"));
        using (var badDate = await Office.PostJsonAsync("/api/v1/einnsyn/outbox", new { body = Board, from = "2021-13-01", to }))
            await badDate.AssertValidationProblemAsync("from");
        using (var empty = await Office.PostJsonAsync("/api/v1/einnsyn/outbox", new { }))
            await empty.AssertValidationProblemAsync("to");
        // Hostile input: a Norwegian 400 each time, never a 500, and nothing queued.
        var before = await WithDbAsync(db => db.EInnsynOutbox.CountAsync());
        foreach (var (hostile, field) in new[] { ("x\u0000y", "body"), ("\"><script>alert(1)</script>", "body"), (new string('a', 1_000_000), "body") })
            using (var refused = await Office.PostJsonAsync("/api/v1/einnsyn/outbox", new { body = hostile, from, to }))
                await refused.AssertValidationProblemAsync(field);
        using (var february = await Office.PostJsonAsync("/api/v1/einnsyn/outbox", new { body = Board, from = "2021-02-30", to }))
            await february.AssertValidationProblemAsync("from");
        Assert.Equal(before, await WithDbAsync(db => db.EInnsynOutbox.CountAsync()));
        using (var backwards = await Office.PostJsonAsync("/api/v1/einnsyn/outbox", new { body = Board, from = to, to = from }))
            await backwards.AssertValidationProblemAsync("to");

        JsonNode first;
        using (var queued = await Office.PostJsonAsync("/api/v1/einnsyn/outbox", new { body = Board, from, to }))
        {
            await queued.AssertStatusAsync(HttpStatusCode.OK);
            first = await queued.ReadJsonAsync();
        }
        Assert.Equal(3, first.Int("meetings"));
        var ids = demo.Select(m => m.Id).ToArray();
        var records = await WithDbAsync(db => db.EInnsynOutbox.AsNoTracking().Where(m => ids.Contains(m.MeetingId)).ToListAsync());
        Assert.Equal(first.Int("queued") + first.Int("alreadyQueued"), records.Count);
        Assert.Equal(3, records.Count(r => r.Kind == EInnsynRecords.MeetingKind));
        Assert.Contains(records, r => r.Kind == EInnsynRecords.DecisionKind);
        // Idempotent: a second time adds nothing.
        using (var again = await Office.PostJsonAsync("/api/v1/einnsyn/outbox", new { body = Board, from, to }))
        {
            var second = await again.ReadJsonAsync();
            Assert.Equal((0, records.Count), (second.Int("queued"), second.Int("alreadyQueued")));
        }

        await using var standIn = await EInnsynStandIn.StartAsync();
        await OnlyAsync(ids);
        var round = await SendAsync(Enabled(standIn));
        Assert.Empty(standIn.Invalid.Select(i => $"{i.Path}: {string.Join("; ", i.Errors)}"));
        Assert.Equal(new EInnsynRound(records.Count, 0, 0, 0), round);
        var meetings = standIn.Stored.Where(s => s.Template == "/arkivdel/{id}/moetemappe").ToList();
        Assert.Equal(["4/2021", "5/2021", "6/2021"], meetings.Select(m => m.Body.Str("moetenummer")).Order());
        // The exempt attachment 6A of case 39/21 is listed with its legal basis, without its file.
        var documents = meetings.SelectMany(m => m.Body["moetesak"]!.AsArray()).SelectMany(c => c!["dokumentbeskrivelse"]!.AsArray()).ToList();
        var exempt = documents.Single(d => d.Str("tittel").StartsWith("Vedlegg 6A", StringComparison.Ordinal))!;
        Assert.Equal("Vedlegg 6A: unntatt offentlighet (Offl. § 14)", exempt.Str("tittel"));
        Assert.Null(exempt["dokumentobjekt"]);
        Assert.Contains(meetings.SelectMany(m => m.Body["moetesak"]!.AsArray()), c => c.Str("moetesakstype") == "godkjenning");
        // Meetings published after their predecessor refer to it.
        Assert.Contains(meetings, m => m.Body["referanseForrigeMoete"] is not null);
    }

    private static void Walk(JsonNode? node, string path, Action<string, string, string> visit, string name = "")
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o) Walk(child, $"{path}.{key}", visit, key);
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) Walk(a[i], $"{path}[{i}]", visit, name);
                break;
            case JsonValue v when v.TryGetValue<string>(out var text):
                visit(path, name, text);
                break;
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class EInnsynSqliteTests(SqliteFactory factory) : EInnsynTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class EInnsynPostgresTests(PostgresFactory factory) : EInnsynTests(factory);

/// <summary>The stand-in's validator refuses what eInnsyn would, so the stand-in tests cannot pass by accepting everything.</summary>
public sealed class OpenApiRequestValidatorTests
{
    private static readonly OpenApiRequestValidator Validator = OpenApiRequestValidator.EInnsyn;
    private const string Path = "/arkivdel/arkd_1/moetemappe";

    private static JsonObject Meeting() => new()
    {
        ["externalId"] = "samstyring:meeting:1", ["offentligTittel"] = "Møte 6/2021", ["offentligTittelSensitiv"] = "Møte 6/2021",
        ["moetenummer"] = "6/2021", ["utvalg"] = "Nasjonalt e-helsestyre", ["moetedato"] = "2021-12-09T09:00:00Z",
        ["moetesak"] = new JsonArray(new JsonObject
        {
            ["offentligTittel"] = "Sak", ["offentligTittelSensitiv"] = "Sak", ["moetesakstype"] = "orientering", ["moetesaksaar"] = 2021,
            ["innstilling"] = new JsonObject { ["tekstInnhold"] = "Tas til orientering.", ["tekstFormat"] = "text/plain" },
            ["dokumentbeskrivelse"] = new JsonArray(new JsonObject
            {
                ["tittel"] = "Saksfremlegg", ["tittelSensitiv"] = "Saksfremlegg", ["dokumentnummer"] = 1, ["tilknyttetRegistreringSom"] = "hoveddokument",
                ["dokumentobjekt"] = new JsonArray(new JsonObject { ["referanseDokumentfil"] = "https://samstyring.test/api/v1/cases/1/paper.pdf" }),
            }),
        }),
    };

    [Fact]
    public void A_valid_meeting_passes()
    {
        var errors = Validator.Validate("POST", Path, Meeting());
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void It_refuses_a_bad_enum_a_missing_required_field_an_unknown_field_a_read_only_field_and_bad_formats()
    {
        void Refused(Action<JsonObject> spoil, string expected)
        {
            var body = Meeting();
            spoil(body);
            var errors = Validator.Validate("POST", Path, body);
            Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
        }
        JsonObject Case(JsonObject b) => b["moetesak"]![0]!.AsObject();
        Refused(b => Case(b)["moetesakstype"] = "drofting", "er ikke en av");
        Refused(b => b.Remove("moetenummer"), "«moetenummer» mangler");
        Refused(b => Case(b).Remove("offentligTittelSensitiv"), "«offentligTittelSensitiv» mangler");
        Refused(b => Case(b)["innstilling"]!.AsObject().Remove("tekstFormat"), "passer ikke anyOf");
        Refused(b => b["moetenummerr"] = "6/2021", "ukjent felt «moetenummerr»");
        Refused(b => b["id"] = "mm_1", "skrivebeskyttet");
        Refused(b => b["moetedato"] = "9. desember 2021", "er ikke date-time");
        Refused(b => Case(b)["moetesaksaar"] = 1500, "under 1700");
        Refused(b => Case(b)["moetesaksaar"] = "2021", "skal være integer");
        Refused(b => Case(b)["dokumentbeskrivelse"]![0]!["dokumentobjekt"]![0]!["referanseDokumentfil"] = "/api/v1/cases/1/paper.pdf", "er ikke uri");
        Refused(b => b["slug"] = "Møte 6", "passer ikke");
        Assert.Contains(Validator.Validate("POST", "/finnes/ikke", Meeting()), e => e.Contains("ingen slik sti", StringComparison.Ordinal));
    }

    [Fact]
    public void A_first_decision_and_a_correction_have_their_own_shapes()
    {
        var vedtak = new JsonObject
        {
            ["externalId"] = "samstyring:case:1:vedtak", ["dato"] = "2021-12-09",
            ["vedtakstekst"] = new JsonObject { ["tekstInnhold"] = "Vedtatt.", ["tekstFormat"] = "text/plain" },
        };
        Assert.Empty(Validator.Validate("POST", "/moetesak/ms_1/vedtak", vedtak));
        Assert.Empty(Validator.Validate("PATCH", "/moetesak/ms_1", new JsonObject { ["vedtak"] = new JsonObject { ["dato"] = "2021-12-09" } }));
        vedtak.Remove("dato");
        Assert.Contains(Validator.Validate("POST", "/moetesak/ms_1/vedtak", vedtak), e => e.Contains("«dato» mangler", StringComparison.Ordinal));
    }
}
