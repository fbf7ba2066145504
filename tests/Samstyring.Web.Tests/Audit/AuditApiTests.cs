using System.Net;
using System.Text.Json.Nodes;

namespace Samstyring.Web.Tests.Audit;

/// <summary>A change over the API leaves an audit entry the office can read and export.</summary>
public abstract class AuditApiTests(SamstyringFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task Owner_update_is_in_the_audit_log_with_before_and_after()
    {
        if (!Factory.Ready()) return;
        var id = await InitiativeIdAsync("Kjernejournal dokumentdeling");
        var details = await InitiativeAsync(id);
        var oldName = details.Str("name");
        var newName = oldName + " (revidert)";
        using (var put = await Client(As.OwnerHso).PutJsonAsync($"/api/v1/initiatives/{id}", UpdateBody(details, newName), ifMatch: $"\"{details.Int("version")}\""))
            await put.AssertStatusAsync(HttpStatusCode.OK);
        Factory.Ids.TryRemove("initiative:" + oldName, out _);

        var entries = await Client(As.Office).GetArrayAsync($"/api/v1/audit?entityType=Initiative&entityId={id}");
        var entry = entries.FirstOrDefault(e => e.Str("userName") == "eier-hso" && e.Str("action") == "Modified")
                    ?? throw new Xunit.Sdk.XunitException($"no audit entry by eier-hso: {entries.ToJsonString()}");
        Assert.Equal("Initiative", entry.Str("entityType"));
        Assert.Equal(id.ToString(), entry.Str("entityId"));
        // Timestamps are UTC with the zone marked, on SQLite as on PostgreSQL.
        Assert.EndsWith("Z", entry.Str("at"));
        var before = JsonNode.Parse(entry.Str("before"))!;
        var after = JsonNode.Parse(entry.Str("after"))!;
        Assert.Equal(oldName, before.Str("Name"));
        Assert.Equal(newName, after.Str("Name"));
        Assert.Equal(before.Int("Version") + 1, after.Int("Version"));

        // Filter by user finds it as well; newest first.
        var byUser = await Client(As.Office).GetArrayAsync("/api/v1/audit?userName=eier-hso&take=50");
        Assert.Contains(byUser, e => e.Int("id") == entry.Int("id"));
        var ids = byUser.Select(e => e.Int("id")).ToList();
        Assert.Equal(ids.OrderDescending(), ids);
    }

    [Fact]
    public async Task Audit_export_is_csv_with_a_header()
    {
        if (!Factory.Ready()) return;
        // Make sure there is at least one entry.
        var id = await ProposeAsync(As.OwnerOslo, UniqueName("Revisjonsspor, med \"komma\""));

        using var response = await Client(As.Office).GetAsync("/api/v1/audit/export.csv");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("revisjonslogg.csv", response.Content.Headers.ContentDisposition?.ToString());
        var text = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,at,user,action,entityType,entityId,before,after", lines[0]);
        Assert.Contains(lines.Skip(1), l => l.Contains(",\"eier-oslo\",Added,Initiative,\"" + id + "\","));
        // Quotes inside a field are doubled (RFC 4180); the JSON snapshot escapes them as \" first.
        Assert.Contains("med \\\"\"komma\\\"\"", text);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuditApiSqliteTests(SqliteFactory factory) : AuditApiTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class AuditApiPostgresTests(PostgresFactory factory) : AuditApiTests(factory);
