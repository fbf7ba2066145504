using System.Collections.Concurrent;
using System.Net;

namespace Samstyring.Web.Tests.Portfolio;

/// <summary>
/// The submission history of an initiative (who proposed, endorsed, returned or assessed it, and their comments) is case
/// handling between the owner, KS and the portfolio office: the office, the owner's own organisation and, for a municipal
/// initiative, KS see it; everyone else (anonymous visitors, other owners, council members) sees the initiative's public
/// facts and the state of its submission only.
/// </summary>
public abstract class SubmissionHistoryTests(SamstyringFactory factory) : WebTest(factory)
{
    private static readonly ConcurrentDictionary<SamstyringFactory, Task<Scenario>> Scenarios = new();

    private sealed record Scenario(string Marker, int Municipal, int Regional);

    private Task<Scenario> SetUpAsync() => Scenarios.GetOrAdd(Factory, _ => CreateAsync());

    private async Task<Scenario> CreateAsync()
    {
        var marker = "INNMELDING-" + Guid.NewGuid().ToString("N")[..10];
        // A municipal candidate: KS returns it with a comment, Oslo sends it in again with one.
        var municipal = await ProposeAsync(As.OwnerOslo, UniqueName("Kommunalt kandidattiltak"));
        using (var r = await Client(As.Ks).PostJsonAsync($"/api/v1/initiatives/{municipal}/ks-review", new { endorse = false, comment = $"{marker} KS-kommentar" }))
            await r.AssertStatusAsync(HttpStatusCode.OK);
        var details = await Client(As.OwnerOslo).GetJsonAsync($"/api/v1/initiatives/{municipal}");
        Assert.Equal("returned-by-ks", details.Str("submission"));
        var browser = Factory.BrowserClient();
        browser.DefaultRequestHeaders.Authorization = Client(As.OwnerOslo).DefaultRequestHeaders.Authorization;
        using (var form = await browser.GetAsync($"/tiltak/{municipal}"))
        {
            var html = await form.Content.ReadAsStringAsync();
            using var resubmit = await browser.PostAsync($"/tiltak/{municipal}?handler=resubmit", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["comment"] = $"{marker} eierens kommentar", ["__RequestVerificationToken"] = Forms.AntiforgeryToken(html),
            }));
            Assert.Equal(HttpStatusCode.Redirect, resubmit.StatusCode);
        }

        // A regional candidate the office rejects with a reason.
        var regional = await ProposeAsync(As.OwnerHso, UniqueName("Regionalt kandidattiltak"));
        using (var r = await Client(As.Office).PostJsonAsync($"/api/v1/initiatives/{regional}/inclusion", new { include = false, comment = $"{marker} kontorets begrunnelse" }))
            await r.AssertStatusAsync(HttpStatusCode.OK);
        return new Scenario(marker, municipal, regional);
    }

    public static TheoryData<As, string, bool> Readers() => new()
    {
        { As.Anonymous, "municipal", false }, { As.Member, "municipal", false }, { As.OwnerHso, "municipal", false },
        { As.OwnerOslo, "municipal", true }, { As.Ks, "municipal", true }, { As.Office, "municipal", true },
        { As.Anonymous, "regional", false }, { As.Member, "regional", false }, { As.OwnerOslo, "regional", false }, { As.Ks, "regional", false },
        { As.OwnerHso, "regional", true }, { As.Office, "regional", true },
    };

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task The_submission_history_is_for_the_office_the_owner_and_KS_for_municipal_ones(As user, string which, bool sees)
    {
        if (!Factory.Ready()) return;
        var s = await SetUpAsync();
        var id = which == "municipal" ? s.Municipal : s.Regional;
        var json = await Client(user).GetJsonAsync($"/api/v1/initiatives/{id}");
        var page = WebUtility.HtmlDecode(await Client(user).GetStringAsync($"/tiltak/{id}"));
        // The public facts: name, owner and where the submission stands.
        Assert.False(string.IsNullOrWhiteSpace(json.Str("name")));
        Assert.Contains(json.Str("name"), page);
        Assert.Equal(which == "municipal" ? "proposed" : "rejected", json.Str("submission"));
        if (sees)
        {
            var steps = json["submissionSteps"]!.AsArray();
            Assert.Contains(steps, x => x!["comment"]?.GetValue<string>()?.Contains(s.Marker) == true);
            Assert.Contains(s.Marker, page);
            Assert.Contains("Hva som har skjedd med innmeldingen", page);
        }
        else
        {
            Assert.Null(json["submissionSteps"]);
            Assert.DoesNotContain(s.Marker, json.ToJsonString());
            Assert.DoesNotContain(s.Marker, page);
            // Who handled it (the page header names the reader, so their own name may be there).
            var own = user switch { As.OwnerHso => "Ola Eier", As.OwnerOslo => "Siri Eier", As.Ks => "Kåre Koordinator", _ => null };
            foreach (var name in new[] { "Siri Eier", "Ola Eier", "Kåre Koordinator", "Kari Kontor" }.Where(n => n != own))
            {
                Assert.DoesNotContain(name, page);
                Assert.DoesNotContain(name, json.ToJsonString());
            }
            Assert.Contains("Innmelding", page);
        }
    }

    [Fact]
    public async Task The_marker_is_not_in_the_public_lists_either()
    {
        if (!Factory.Ready()) return;
        var s = await SetUpAsync();
        foreach (var path in new[] { "/", "/api/v1/initiatives?lifecycle=candidate", "/api/v1/portfolio/overview", $"/tiltak/{s.Municipal}", $"/api/v1/initiatives/{s.Regional}" })
        {
            using var response = await Anonymous.GetAsync(path);
            await response.AssertStatusAsync(HttpStatusCode.OK);
            Assert.DoesNotContain(s.Marker, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteSubmissionHistoryTests(SqliteFactory factory) : SubmissionHistoryTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PostgresSubmissionHistoryTests(PostgresFactory factory) : SubmissionHistoryTests(factory);
