using System.Net;
using System.Net.Http.Headers;

namespace Samstyring.Web.Tests.Shared;

/// <summary>A browser asking for something that is not there gets the Norwegian page with status 404 in place; API clients get problem details.</summary>
[Collection(SqliteCollection.Name)]
public sealed class ErrorPageTests(SqliteFactory factory) : WebTest(factory)
{
    [Theory]
    [InlineData("/rad")]
    [InlineData("/tiltak/999999")]
    [InlineData("/moter/999999")]
    [InlineData("/veikart/99.9")]
    public async Task A_browser_gets_the_not_found_page_with_404_and_no_redirect(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        using var response = await Anonymous.SendAsync(request);
        await response.AssertStatusAsync(HttpStatusCode.NotFound, path);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"nb\"", html);
        Assert.Contains("<title>Siden finnes ikke", html);
        Assert.Contains("Siden finnes ikke</h1>", html);
    }

    [Theory]
    [InlineData("/rad")]
    [InlineData("/api/v1/finnes-ikke")]
    [InlineData("/api/v1/initiatives/999999")]
    public async Task An_API_client_gets_problem_details(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await Anonymous.SendAsync(request);
        await response.AssertStatusAsync(HttpStatusCode.NotFound, path);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Finnes ikke", (await response.ReadJsonAsync()).Str("title"));
    }

    [Fact]
    public async Task A_browser_asking_for_an_API_path_still_gets_problem_details()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/initiatives/999999");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await Anonymous.SendAsync(request);
        await response.AssertStatusAsync(HttpStatusCode.NotFound);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_signed_in_user_without_the_role_gets_403_in_place()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/kontor");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await Client(As.Member).SendAsync(request);
        await response.AssertStatusAsync(HttpStatusCode.Forbidden);
        Assert.Contains("Ingen tilgang</h1>", await response.Content.ReadAsStringAsync());
    }
}
