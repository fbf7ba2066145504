using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Portfolio;

namespace Samstyring.Web.Tests.Shared;

/// <summary>
/// Bodies over the server's limits, through the real server (Kestrel): TestServer has no body limit, so the other web
/// tests cannot see what Kestrel does. The answer is a 413 with a Norwegian problem, never a 500, and nothing is saved.
/// </summary>
public abstract class RequestLimitsTests(KestrelApp app) : WebTest(app.Factory)
{
    [Fact]
    public async Task A_json_body_over_the_server_limit_is_a_413_in_Norwegian()
    {
        if (!Factory.Ready()) return;
        var before = await CountInitiativesAsync();
        var body = new StringBuilder("{\"name\":\"");
        body.Append('a', 31 * 1000 * 1000); // Kestrel's default limit is 30 000 000 bytes
        body.Append("\"}");

        // Asking first (Expect: 100-continue, as curl does for large bodies), the client reads the refusal instead of
        // having the connection closed under the rest of its body.
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/initiatives") { Content = new StringContent(body.ToString(), Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        using var response = await Client(As.Office).SendAsync(request);

        await response.AssertStatusAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("For stor forespørsel", problem.Str("title"));
        Assert.StartsWith("Forespørselen er større enn serveren tar imot.", problem.Str("detail"));
        Assert.Equal(before, await CountInitiativesAsync());
    }

    [Fact]
    public async Task An_import_sent_without_a_length_is_cut_off_at_its_limit_with_a_413()
    {
        if (!Factory.Ready()) return;
        var before = await CountInitiativesAsync();
        var file = new byte[ImportLimits.MaxBytes + 512 * 1024];
        Array.Fill(file, (byte)'a');
        var form = new MultipartFormDataContent();
        // A stream of unknown length: sent chunked, so the server cannot refuse it by its Content-Length.
        var part = new StreamContent(new UnknownLengthStream(file));
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(part, "file", "stor.csv");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/initiatives/import") { Content = form };

        using var response = await Client(As.Office).SendAsync(request);

        Assert.Null(request.Content.Headers.ContentLength);
        await response.AssertStatusAsync(HttpStatusCode.RequestEntityTooLarge);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("For stor fil", problem.Str("title"));
        Assert.StartsWith($"Filen er for stor. Største tillatte størrelse er {ImportLimits.MaxBytes / 1024 / 1024} MB.", problem.Str("detail"));
        Assert.Equal(before, await CountInitiativesAsync());
    }

    /// <summary>A readable stream that does not tell its length.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

/// <summary>A demo app of its own, served by Kestrel on a free loopback port.</summary>
public abstract class KestrelApp : IAsyncLifetime
{
    public abstract SamstyringFactory Factory { get; }

    public Task InitializeAsync()
    {
        if (!Factory.IsConfigured) return Task.CompletedTask;
        Factory.UseKestrel(0);
        Factory.StartServer();
        // Clients go to the port Kestrel was given.
        var address = Factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Factory.ClientOptions.BaseAddress = new Uri(address);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

public sealed class KestrelSqliteApp : KestrelApp
{
    public override SamstyringFactory Factory { get; } = new SqliteFactory();
}

public sealed class KestrelPostgresApp : KestrelApp
{
    public override SamstyringFactory Factory { get; } = new PostgresFactory();
}

public sealed class RequestLimitsSqliteTests(KestrelSqliteApp app) : RequestLimitsTests(app), IClassFixture<KestrelSqliteApp>;

public sealed class RequestLimitsPostgresTests(KestrelPostgresApp app) : RequestLimitsTests(app), IClassFixture<KestrelPostgresApp>;
