using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Cli;
using Samstyring.Core.Data;
using Samstyring.Core.Search;

namespace Samstyring.Core.Tests.Cli;

/// <summary>`samstyring search reindex` builds the index again from the data and says how many documents it holds.</summary>
public abstract class SearchCommandTests(Provider provider)
{
    private static async Task<(int Code, string Out, string Error)> RunAsync(ScratchDatabase scratch, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(output, error, new StringReader(""), new Dictionary<string, string?>
        {
            ["ConnectionStrings:Samstyring"] = scratch.Options.ConnectionString ?? "",
        });
        var code = await CliApp.RunAsync([.. args, "--data-dir", scratch.Options.DataDirectory], console);
        return (code, output.ToString(), error.ToString());
    }

    private static async Task<T> QueryAsync<T>(ScratchDatabase scratch, Func<SamstyringDb, Task<T>> query)
    {
        await using var services = scratch.BuildServices();
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SamstyringDb>());
    }

    [Fact]
    public async Task Search_reindex_rebuilds_the_index_the_seed_built()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(provider);
        if (scratch is null) return;
        Assert.Equal(0, (await RunAsync(scratch, "seed", "--demo")).Code);
        var seeded = await QueryAsync(scratch, db => db.SearchDocuments.CountAsync());
        Assert.True(seeded > 50, $"the seed built {seeded} index rows");
        await QueryAsync(scratch, db => db.SearchDocuments.ExecuteDeleteAsync());

        var run = await RunAsync(scratch, "search", "reindex");
        Assert.True(run.Code == CliApp.Ok, run.Error);
        Assert.Equal($"Søkeindeksen er bygd på nytt: {Samstyring.Core.Common.Norwegian.Number(seeded)} dokumenter.", run.Out.Trim());
        Assert.Equal(seeded, await QueryAsync(scratch, db => db.SearchDocuments.CountAsync()));
        var hits = await QueryAsync(scratch, db => new SearchQueries(db).SearchAsync(new SearchRequest("kjernejournalen"), null));
        Assert.True(hits.Total > 0);
    }
}

public sealed class SearchCommandTestsSqlite() : SearchCommandTests(Provider.Sqlite);

public sealed class SearchCommandTestsPostgres() : SearchCommandTests(Provider.Postgres);
