using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Data;
using Samstyring.Core.Solutions;

namespace Samstyring.Web.Tests.Solutions;

/// <summary>
/// What the adoption tests need beyond <see cref="WebTest"/>: municipalities that can still move forward (each handed out
/// once per app, so tests do not depend on each other), the stage of one, and a snapshot of what a refused call must not change.
/// </summary>
public abstract class AdoptionWebTest(SamstyringFactory factory) : WebTest(factory)
{
    protected const string Kjernejournal = "kjernejournal";
    /// <summary>Run by Direktoratet for e-helse, not by Norsk Helsenett SF.</summary>
    protected const string Helsedataservice = "helsedataservice";

    protected static string Api(string key) => $"/api/v1/solutions/{key}/adoption";

    protected async Task<T> WithDbAsync<T>(Func<IServiceProvider, Task<T>> query)
    {
        using var scope = Factory.Services.CreateScope();
        return await query(scope.ServiceProvider);
    }

    /// <summary>A municipality (number) not yet in use of the solution that no other test of this app has taken, and its stage today.</summary>
    protected async Task<(string Number, string Name, AdoptionStage Stage)> FreshMunicipalityAsync(string key)
    {
        var stages = await WithDbAsync(s => s.GetRequiredService<SolutionQueries>().AdoptionOnAsync(key));
        foreach (var m in stages.Where(m => m.Stage < AdoptionStage.InUse).OrderBy(m => m.MunicipalityNumber))
            if (Factory.Ids.TryAdd($"adoption:{key}:{m.MunicipalityNumber}", 0)) return (m.MunicipalityNumber!, m.Name, m.Stage);
        throw new Xunit.Sdk.XunitException($"no municipality left to move forward in {key}");
    }

    protected Task<AdoptionStage> StageAsync(string key, string number) =>
        WithDbAsync(async s => (await s.GetRequiredService<SolutionQueries>().AdoptionOnAsync(key)).Single(m => m.MunicipalityNumber == number).Stage);

    protected Task<int> CountChangesAsync() => WithDbAsync(s => s.GetRequiredService<SamstyringDb>().AdoptionChanges.CountAsync());

    /// <summary>Adoption rows and audit entries: a refused or invalid call leaves both as they were.</summary>
    protected Task<string> SnapshotAsync() => WithDbAsync(async s =>
    {
        var db = s.GetRequiredService<SamstyringDb>();
        return $"{await db.AdoptionChanges.CountAsync()} {await db.AuditLog.CountAsync()}";
    });

    protected static string Code(AdoptionStage stage) => Samstyring.Core.Common.EnumText.Code(stage);

    protected static MultipartFormDataContent CsvForm(string csv, string fileName = "liste.csv")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        return form;
    }

    /// <summary>
    /// A browser signed in as <paramref name="user"/> with HTTP Basic and its own cookie jar (for the antiforgery cookie),
    /// redirects not followed, as RoadmapWebTest.OfficeBrowser.
    /// </summary>
    protected HttpClient Browser(As user)
    {
        var browser = Factory.BrowserClient();
        browser.DefaultRequestHeaders.Authorization = Client(user).DefaultRequestHeaders.Authorization;
        return browser;
    }

    protected static async Task<string> TokenAsync(HttpClient browser, string page)
    {
        using var get = await browser.GetAsync(page);
        await get.AssertStatusAsync(HttpStatusCode.OK, $"GET {page}");
        return Forms.AntiforgeryToken(await get.Content.ReadAsStringAsync());
    }
}
