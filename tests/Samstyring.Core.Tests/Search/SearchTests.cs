using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Data;
using Samstyring.Core.Roadmap;
using Samstyring.Core.Search;

namespace Samstyring.Core.Tests.Search;

/// <summary>
/// Search across everything on the demo data: Norwegian matching (stems and compounds), ranking, filters, the index kept in
/// the transaction of the change, and content nobody outside may see, found by nobody outside (planted words).
/// </summary>
public abstract class SearchTests(TestDatabase db)
{
    private Task<SearchResult> SearchAsync(string q, CurrentUser? user = null, string? type = null, string? body = null, string? from = null,
        string? to = null, int? page = null, int? pageSize = null) =>
        db.SendAsync((SearchQueries s) => s.SearchAsync(new SearchRequest(q, type, body, from, to, page, pageSize), user));

    /// <summary>A word no demo text has, so a test can plant it and look for it.</summary>
    // Ends in «k», which no Norwegian suffix rule removes: a random ending such as «…e» or «…a» is itself a suffix, so
    // «…eene» would not be that word's plural and would rightly not share its stem (that made the tests flaky).
    private static string Marker(string prefix) => prefix + new string(Guid.NewGuid().ToString("N")[..8].Select(c => (char)('a' + c % 26)).ToArray()) + "k";

    private Task<Meeting> HeldMeetingAsync() =>
        db.QueryAsync(x => x.Meetings.AsNoTracking().Include(m => m.Body).OrderBy(m => m.Id).FirstAsync(m => m.Status == MeetingStatus.Held || m.Status == MeetingStatus.MinutesApproved));

    /// <summary>Changes a case and saves it (the index hook runs), then rolls the transaction back.</summary>
    private Task ChangeCaseAndRollBackAsync(int caseId, Action<CouncilCase> change) =>
        db.QueryAsync(async x =>
        {
            await using var tx = await x.BeginWriteTransactionAsync();
            change(await x.Cases.SingleAsync(k => k.Id == caseId));
            await x.SaveChangesAsync();
            await tx.RollbackAsync();
            return 0;
        });

    /// <summary>A case on a public (held) meeting, saved through the context (the index hook runs in every save).</summary>
    private async Task<CouncilCase> AddCaseAsync(string title, string? background = null, bool confidential = false, int? meetingId = null)
    {
        var meeting = meetingId is { } id ? await db.QueryAsync(x => x.Meetings.AsNoTracking().SingleAsync(m => m.Id == id)) : await HeldMeetingAsync();
        return await db.QueryAsync(async x =>
        {
            var number = await x.Cases.Where(c => c.BodyId == meeting.BodyId && c.Year == 2031).Select(c => (int?)c.Number).MaxAsync() ?? 0;
            var c = new CouncilCase
            {
                BodyId = meeting.BodyId, Year = 2031, Number = number + 1, MeetingId = meeting.Id, Title = title, Type = CaseType.Orientering,
                Background = background, Confidential = confidential, LegalBasis = confidential ? "Offl. § 14" : null,
                CreatedAt = x.UtcNow, UpdatedAt = x.UtcNow,
            };
            x.Cases.Add(c);
            await x.SaveChangesAsync();
            return c;
        });
    }

    [Fact]
    public async Task Sakene_finds_sak_and_journal_finds_kjernejournalen()
    {
        if (!db.Available) return;
        var word = Marker("fisk");
        var c = await AddCaseAsync($"Sak om {word}", background: "Kjernejournalen skal deles med kommunene.");

        var byStem = await SearchAsync(word + "ene");
        Assert.Contains(byStem.Items, h => h.Kind == SearchKind.Case && h.Id == c.Id);
        var compound = await SearchAsync("journal " + word);
        var hit = Assert.Single(compound.Items);
        Assert.Equal(c.Id, hit.Id);
        Assert.Contains("<mark>Kjernejournalen</mark>", hit.SnippetHtml);

        // On the demo data: "sakene" finds cases with "sak", "kjernejournalen" the cases about kjernejournal.
        Assert.Contains((await SearchAsync("sakene", db.Office, pageSize: 50)).Items, h => h.Kind == SearchKind.Case);
        var demo = await SearchAsync("journal");
        Assert.True(demo.Counts[SearchKind.Case] > 0);
        Assert.True(demo.Counts[SearchKind.Solution] > 0, "Kjernejournal er en nasjonal løsning.");
    }

    [Fact]
    public async Task Every_word_must_match_and_a_title_hit_ranks_first()
    {
        if (!db.Available) return;
        var a = Marker("alfa");
        var b = Marker("beta");
        var inBody = await AddCaseAsync("Uten ordet i tittelen", background: $"Her står {a} og {b} i teksten.");
        var inTitle = await AddCaseAsync($"Om {a} og {b}", background: "Annen tekst.");
        var onlyA = await AddCaseAsync($"Bare {a}");

        var both = await SearchAsync($"{a} {b}");
        Assert.Equal([inTitle.Id, inBody.Id], both.Items.Select(h => h.Id));
        Assert.Equal(2, both.Total);
        var one = await SearchAsync(a);
        Assert.Equal(3, one.Total);
        // Both with the word in the title come before the one with it only in the text.
        Assert.Equal(inBody.Id, one.Items[^1].Id);
        Assert.Contains(onlyA.Id, one.Items.Take(2).Select(h => h.Id));
    }

    [Fact]
    public async Task Filters_by_type_body_and_date_and_pages()
    {
        if (!db.Available) return;
        var word = Marker("gamma");
        var meeting = await HeldMeetingAsync();
        for (var i = 0; i < 3; i++) await AddCaseAsync($"{word} nummer {i}");
        await db.QueryAsync(async x =>
        {
            var init = await x.Initiatives.OrderBy(i => i.Id).FirstAsync();
            init.Description += $" {word}";
            return await x.SaveChangesAsync();
        });

        var all = await SearchAsync(word);
        Assert.Equal(4, all.Total);
        Assert.Equal(3, all.Counts[SearchKind.Case]);
        Assert.Equal(1, all.Counts[SearchKind.Initiative]);

        var cases = await SearchAsync(word, type: "case");
        Assert.Equal(3, cases.Total);
        Assert.Equal(1, cases.Counts[SearchKind.Initiative]); // the counts per type leave the type filter out
        Assert.All(cases.Items, h => Assert.Equal(meeting.Body.Slug, h.BodySlug));

        Assert.Equal(3, (await SearchAsync(word, body: meeting.Body.Slug)).Total);
        var d = meeting.Date.ToString("yyyy-MM-dd");
        Assert.Equal(3, (await SearchAsync(word, type: "case", from: d, to: d)).Total);
        Assert.Equal(0, (await SearchAsync(word, type: "case", from: meeting.Date.AddDays(1).ToString("yyyy-MM-dd"))).Total);

        var page2 = await SearchAsync(word, page: 2, pageSize: 3);
        Assert.Single(page2.Items);
        Assert.Equal(2, page2.Pages);
    }

    [Fact]
    public async Task A_new_day_or_access_rule_moves_the_hit_and_it_is_found_once()
    {
        if (!db.Available) return;
        var word = Marker("flytt");
        var c = await AddCaseAsync($"Sak om {word}", confidential: true);
        Assert.Equal(0, (await SearchAsync(word)).Total);
        Assert.Equal(1, (await SearchAsync(word, db.Office)).Total);

        await db.QueryAsync(async x =>
        {
            var row = await x.Cases.SingleAsync(k => k.Id == c.Id);
            row.Confidential = false;
            row.LegalBasis = null;
            return await x.SaveChangesAsync();
        });
        Assert.Equal(c.Id, Assert.Single((await SearchAsync(word)).Items).Id);

        // To a meeting on another day: found by the new day only.
        var old = await db.QueryAsync(x => x.Meetings.AsNoTracking().SingleAsync(m => m.Id == c.MeetingId));
        var other = await db.QueryAsync(x => x.Meetings.AsNoTracking()
            .Where(m => m.BodyId == old.BodyId && m.Date != old.Date && (m.Status == MeetingStatus.Held || m.Status == MeetingStatus.MinutesApproved))
            .OrderBy(m => m.Id).FirstAsync());
        await db.QueryAsync(async x =>
        {
            (await x.Cases.SingleAsync(k => k.Id == c.Id)).MeetingId = other.Id;
            return await x.SaveChangesAsync();
        });
        var day = other.Date.ToString("yyyy-MM-dd");
        var oldDay = old.Date.ToString("yyyy-MM-dd");
        Assert.Equal(c.Id, Assert.Single((await SearchAsync(word, from: day, to: day)).Items).Id);
        Assert.Equal(0, (await SearchAsync(word, from: oldDay, to: oldDay)).Total);
        Assert.Equal(1, (await SearchAsync(word, db.Office)).Total);

        // A hit without a day (a national solution) is not «up to» or «from» a day.
        Assert.True((await SearchAsync("kjernejournal")).Counts[SearchKind.Solution] > 0);
        Assert.Equal(0, (await SearchAsync("kjernejournal", to: "2100-01-01")).Counts[SearchKind.Solution]);
        Assert.Equal(0, (await SearchAsync("kjernejournal", from: "2000-01-01")).Counts[SearchKind.Solution]);
    }

    [Fact]
    public async Task The_newest_hits_are_ranked_and_older_ones_follow_newest_first_each_on_one_page()
    {
        if (!db.Available) return;
        var word = Marker("mange");
        var meeting = await HeldMeetingAsync();
        var count = SearchQueries.RankedHits + 25;
        // All on one meeting (one day), so newer means a higher id. The oldest and the second newest have the word in the title.
        var ids = await db.QueryAsync(async x =>
        {
            var number = await x.Cases.Where(c => c.BodyId == meeting.BodyId && c.Year == 2032).Select(c => (int?)c.Number).MaxAsync() ?? 0;
            var cases = Enumerable.Range(1, count).Select(i => new CouncilCase
            {
                BodyId = meeting.BodyId, Year = 2032, Number = number + i, MeetingId = meeting.Id, Type = CaseType.Orientering,
                Title = i == 1 || i == count - 1 ? $"Om {word}" : $"Sak nummer {i}", Background = $"Teksten nevner {word}.",
                CreatedAt = x.UtcNow, UpdatedAt = x.UtcNow,
            }).ToList();
            x.Cases.AddRange(cases);
            await x.SaveChangesAsync();
            return cases.Select(c => c.Id).ToList();
        });

        // Pages of 30: page 17 holds the last ranked hits and the first older ones.
        var seen = new List<int>();
        for (var page = 1; page <= 18; page++)
        {
            var result = await SearchAsync(word, page: page, pageSize: 30);
            Assert.Equal(count, result.Total);
            seen.AddRange(result.Items.Select(h => h.Id));
        }
        Assert.Equal(ids.Order(), seen.Order());
        // The second newest ranks first, above the newest (the word in its title); the oldest does too, but is not among
        // the newest, so it comes last.
        Assert.Equal(ids[^2], seen[0]);
        Assert.Equal(ids[0], seen[^1]);
        Assert.Equal(ids.Take(count - SearchQueries.RankedHits).Reverse(), seen.Skip(SearchQueries.RankedHits));
    }

    [Fact]
    public async Task A_new_word_is_found_by_its_part_from_the_save_that_adds_it_and_not_after_a_rollback()
    {
        if (!db.Available) return;
        // A compound no document had: the save adds it to the index's words, so its part finds it at once.
        var part = Marker("ledd");
        var c = await AddCaseAsync("Ny sak", background: $"Om pasient{part}ene og mer.");
        Assert.Equal(c.Id, Assert.Single((await SearchAsync(part)).Items).Id);
        Assert.Equal(c.Id, Assert.Single((await SearchAsync("pasient" + part)).Items).Id);

        // Rolled back: neither the case nor its words are kept.
        var other = Marker("rull");
        await ChangeCaseAndRollBackAsync(c.Id, row => row.Background = $"Om super{other}ene.");
        Assert.Equal(0, (await SearchAsync(other)).Total);
        Assert.Equal(0, await db.QueryAsync(x => x.SearchTerms.CountAsync(t => t.Term.Contains(other))));
        Assert.Equal(1, await db.QueryAsync(x => x.SearchTerms.CountAsync(t => t.Term == $"pasient{part}ene")));
    }

    [Fact]
    public async Task Saves_at_the_same_time_adding_the_same_new_words_all_succeed()
    {
        if (!db.Available) return;
        // On PostgreSQL two transactions inserting the same new word meet on its unique index: the second must wait and
        // skip it, not fail the user's save.
        var word = Marker("samtidig");
        var meeting = await HeldMeetingAsync();
        var year = 2100 + Random.Shared.Next(0, 800);
        var saves = Enumerable.Range(0, 12).Select(i => db.QueryAsync(async x =>
        {
            x.Cases.Add(new CouncilCase
            {
                BodyId = meeting.BodyId, Year = year + i, Number = 1, MeetingId = meeting.Id, Title = $"Samtidig sak {i}",
                Type = CaseType.Orientering, Background = $"Om super{word}ene, {word}listen og {word}.", CreatedAt = x.UtcNow, UpdatedAt = x.UtcNow,
            });
            return await x.SaveChangesAsync();
        }));
        await Task.WhenAll(saves);

        Assert.Equal(12, (await SearchAsync(word)).Total);
        Assert.Equal(12, (await SearchAsync($"{word}lister")).Total);
        Assert.Equal(1, await db.QueryAsync(x => x.SearchTerms.CountAsync(t => t.Term == $"super{word}ene")));
    }

    [Fact]
    public async Task The_index_changes_in_the_transaction_of_the_change()
    {
        if (!db.Available) return;
        var old = Marker("gammel");
        var fresh = Marker("ny");
        var c = await AddCaseAsync($"Tittel med {old}");
        Assert.Equal(1, (await SearchAsync(old)).Total);

        // Rolled back: the index is as before.
        await ChangeCaseAndRollBackAsync(c.Id, row => row.Title = $"Tittel med {fresh}");
        Assert.Equal(1, (await SearchAsync(old)).Total);
        Assert.Equal(0, (await SearchAsync(fresh)).Total);

        await db.QueryAsync(async x =>
        {
            var row = await x.Cases.SingleAsync(k => k.Id == c.Id);
            row.Title = $"Tittel med {fresh}";
            return await x.SaveChangesAsync();
        });
        Assert.Equal(0, (await SearchAsync(old)).Total);
        Assert.Equal(c.Id, Assert.Single((await SearchAsync(fresh)).Items).Id);

        await db.QueryAsync(async x =>
        {
            x.Cases.Remove(await x.Cases.SingleAsync(k => k.Id == c.Id));
            return await x.SaveChangesAsync();
        });
        Assert.Equal(0, (await SearchAsync(fresh)).Total);
    }

    [Fact]
    public async Task Attachment_text_is_found_once_extracted_and_the_rebuild_gives_the_same_index()
    {
        if (!db.Available) return;
        var word = Marker("vedlegg");
        var c = await AddCaseAsync("Sak med vedlegg");
        var attachment = await db.QueryAsync(async x =>
        {
            var a = new Attachment { CaseId = c.Id, Label = "1", Title = "Rapport", UploadedAt = x.UtcNow };
            x.Attachments.Add(a);
            await x.SaveChangesAsync();
            return a;
        });
        Assert.Equal(0, (await SearchAsync(word)).Total);
        await db.QueryAsync(x =>
        {
            x.AttachmentTexts.Add(new AttachmentText { AttachmentId = attachment.Id, Text = $"Side 1. Om {word}en.", Status = AttachmentTextStatus.Ok, ExtractedAt = x.UtcNow });
            return x.SaveChangesAsync();
        });
        var hit = Assert.Single((await SearchAsync(word)).Items);
        Assert.Equal((SearchKind.Attachment, attachment.Id, c.Id), (hit.Kind, hit.Id, hit.ParentId));
        Assert.Contains($"<mark>{word}en</mark>", hit.SnippetHtml);

        var before = await db.QueryAsync(x => x.SearchDocuments.AsNoTracking().OrderBy(d => d.Kind).ThenBy(d => d.SourceId)
            .Select(d => new { d.Kind, d.SourceId, d.Title, d.Body, d.Restricted, d.TitleStems }).ToListAsync());
        var journal = await SearchAsync("journal");
        Task<List<string>> Triggers() => db.QueryAsync(x => x.Database
            .SqlQueryRaw<string>("SELECT \"name\" || ': ' || \"sql\" AS \"Value\" FROM sqlite_master WHERE \"type\" = 'trigger' ORDER BY \"name\"").ToListAsync());
        var triggers = db.Provider == Provider.Sqlite ? await Triggers() : [];
        // Written past the index, as a restore does: only the rebuild brings the new title into the index.
        var renamed = Marker("omdøpt");
        await db.QueryAsync(x => x.Cases.Where(k => k.Id == c.Id).ExecuteUpdateAsync(u => u.SetProperty(k => k.Title, $"Sak med {renamed}")));
        Assert.Equal(0, (await SearchAsync(renamed)).Total);
        Assert.Equal(before.Count, await db.SendAsync((ReindexSearch r) => r.HandleAsync(db.Office)));
        var after = await db.QueryAsync(x => x.SearchDocuments.AsNoTracking().OrderBy(d => d.Kind).ThenBy(d => d.SourceId)
            .Select(d => new { d.Kind, d.SourceId, d.Title, d.Body, d.Restricted, d.TitleStems }).ToListAsync());
        bool Renamed(SearchKind kind, int id) => kind == SearchKind.Case && id == c.Id;
        Assert.Equal(before.Where(d => !Renamed(d.Kind, d.SourceId)), after.Where(d => !Renamed(d.Kind, d.SourceId)));
        Assert.Equal(c.Id, Assert.Single((await SearchAsync(renamed)).Items).Id);
        Assert.Single((await SearchAsync(word)).Items);
        var again = await SearchAsync("journal");
        Assert.True(journal.Total > 0);
        Assert.Equal(journal.Total, again.Total);
        Assert.Equal(journal.Counts, again.Counts);

        // On SQLite the rebuild builds the full-text indexes from their tables at the end, without the triggers: the indexes
        // agree with their tables, and the triggers are back, so a case added afterwards is found, by a part of a word too.
        if (db.Provider == Provider.Sqlite)
        {
            Assert.Equal(5, triggers.Count(t => t.StartsWith("search_", StringComparison.Ordinal)));
            Assert.Equal(triggers, await Triggers());
            await db.QueryAsync(async x =>
            {
                await x.Database.ExecuteSqlRawAsync("INSERT INTO \"search_fts\"(\"search_fts\", rank) VALUES ('integrity-check', 1)");
                await x.Database.ExecuteSqlRawAsync("INSERT INTO \"search_terms_trigram\"(\"search_terms_trigram\", rank) VALUES ('integrity-check', 1)");
                return 0;
            });
        }
        var later = Marker("etterpå");
        var added = await AddCaseAsync($"Sak om kjerne{later}en");
        Assert.Equal(added.Id, Assert.Single((await SearchAsync(later)).Items).Id);
        await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((ReindexSearch r) => r.HandleAsync(db.Member)));
    }

    [Fact]
    public async Task What_outsiders_may_not_see_they_cannot_find_counts_and_snippets_included()
    {
        if (!db.Available) return;
        var planted = Marker("hemmelig");

        // 1. The background of a confidential case.
        await AddCaseAsync("Fortrolig sak", background: $"Bakgrunn: {planted}.", confidential: true);
        // 2. The text of an exempt attachment on a public case.
        var open = await AddCaseAsync("Åpen sak");
        await db.QueryAsync(async x =>
        {
            var a = new Attachment { CaseId = open.Id, Label = "2", Title = "Unntatt vedlegg", Confidential = true, LegalBasis = "Offl. § 13", UploadedAt = x.UtcNow };
            x.Attachments.Add(a);
            await x.SaveChangesAsync();
            x.AttachmentTexts.Add(new AttachmentText { AttachmentId = a.Id, Text = $"Innhold {planted}", Status = AttachmentTextStatus.Ok, ExtractedAt = x.UtcNow });
            return await x.SaveChangesAsync();
        });
        // 3. A service in a draft roadmap.
        await db.QueryAsync(async x =>
        {
            var version = new RoadmapVersion { Number = "99." + Guid.NewGuid().ToString("N")[..4], Status = RoadmapStatus.Draft };
            version.Services.Add(new RoadmapService { Key = "utkast", Area = "Utkast", Goal = $"Mål med {planted}" });
            x.RoadmapVersions.Add(version);
            return await x.SaveChangesAsync();
        });
        // 4. A case of a planned meeting whose notice is not sent.
        var held = await HeldMeetingAsync();
        var planned = await db.QueryAsync(async x =>
        {
            var m = new Meeting { BodyId = held.BodyId, Year = 2031, Number = 90 + Random.Shared.Next(9), Date = new DateOnly(2031, 3, 3),
                StartTime = new TimeOnly(10, 0), EndTime = new TimeOnly(12, 0), Status = MeetingStatus.Planned, CreatedAt = x.UtcNow, UpdatedAt = x.UtcNow };
            x.Meetings.Add(m);
            await x.SaveChangesAsync();
            return m;
        });
        await AddCaseAsync($"Planlagt {planted}", meetingId: planned.Id);

        foreach (var outsider in new[] { null, db.OwnerHelseSorOst })
        {
            foreach (var q in new[] { planted, planted[..^2], planted + "ene" })
            {
                var r = await SearchAsync(q, outsider);
                Assert.Equal(0, r.Total);
                Assert.All(r.Counts.Values, n => Assert.Equal(0, n));
                Assert.Empty(r.Items);
            }
            // A broader search still shows nothing planted, in a title or a snippet.
            var broad = await SearchAsync("sak", outsider, pageSize: 50);
            Assert.DoesNotContain(broad.Items, h => h.Title.Contains(planted, StringComparison.Ordinal) || h.SnippetHtml.Contains(planted, StringComparison.Ordinal));
        }
        foreach (var insider in new[] { db.Member, db.Office })
        {
            var r = await SearchAsync(planted, insider);
            Assert.Equal(4, r.Total);
            Assert.Equal(2, r.Counts[SearchKind.Case]);
            Assert.Equal(1, r.Counts[SearchKind.Attachment]);
            Assert.Equal(1, r.Counts[SearchKind.RoadmapService]);
        }

        // Sending the notice makes the planned meeting's case public, in the same save.
        await db.QueryAsync(async x =>
        {
            var m = await x.Meetings.SingleAsync(k => k.Id == planned.Id);
            m.Status = MeetingStatus.NoticeSent;
            return await x.SaveChangesAsync();
        });
        Assert.Equal(1, (await SearchAsync(planted)).Total);
    }

    [Theory]
    [InlineData("", "q")]
    [InlineData("   ", "q")]
    [InlineData("\"*", "q")]
    [InlineData("og i på", "q")]
    [InlineData("a b c d e f g h i j k l", "q")]
    [InlineData("evil\u202Etext", "q")]
    [InlineData("nul\0byte", "q")]
    public async Task Bad_searches_get_Norwegian_field_errors(string q, string field)
    {
        if (!db.Available) return;
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => SearchAsync(q));
        Assert.Contains(field, e.Errors.Keys);
    }

    [Fact]
    public async Task Bad_filters_get_Norwegian_field_errors_and_query_syntax_is_just_text()
    {
        if (!db.Available) return;
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            SearchAsync("sak", type: "hemmelig", body: "finnes-ikke", from: "2021-02-30", to: "i går", page: 0, pageSize: 1000));
        Assert.Equal(["body", "from", "page", "pageSize", "to", "type"], e.Errors.Keys.Order(StringComparer.Ordinal));
        var reversed = await Assert.ThrowsAsync<ValidationFailedException>(() => SearchAsync("sak", from: "2022-01-01", to: "2021-01-01"));
        Assert.Contains("to", reversed.Errors.Keys);
        Assert.Single((await Assert.ThrowsAsync<ValidationFailedException>(() => SearchAsync(new string('x', 201)))).Errors);

        // FTS and LIKE syntax is only separators between words; none of it reaches the query as syntax.
        foreach (var q in new[] { "\"sak", "sak*", "NEAR(sak journal)", "sak AND journal", "sak OR", "100%", "a_b sak", "sak\\", "sak 🙂", "ﺳﻼﻡ sak", "sak:journal", "-sak", "^sak" })
        {
            var r = await SearchAsync(q);
            Assert.True(r.Total >= 0);
        }
        Assert.Equal((await SearchAsync("sak journal")).Total, (await SearchAsync("\"sak\" (journal*)")).Total);
    }
}

public sealed class SearchTestsSqlite(SqliteDatabase db) : SearchTests(db), IClassFixture<SqliteDatabase>;

public sealed class SearchTestsPostgres(PostgresDatabase db) : SearchTests(db), IClassFixture<PostgresDatabase>;
