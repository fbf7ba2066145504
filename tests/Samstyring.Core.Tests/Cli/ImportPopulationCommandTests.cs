using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Cli;
using Samstyring.Core.Data;

namespace Samstyring.Core.Tests.Cli;

/// <summary>
/// `samstyring migrate` tops up the reference population of an older database, and `samstyring import population` imports
/// a date's figures, on SQLite and PostgreSQL.
/// </summary>
public abstract class ImportPopulationCommandTests(Provider provider)
{
    private sealed record Run(int ExitCode, string Out, string Error);

    private static async Task<Run> RunAsync(ScratchDatabase scratch, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(output, error, new StringReader(""),
            new Dictionary<string, string?> { ["ConnectionStrings:Samstyring"] = scratch.Options.ConnectionString ?? "" });
        var code = await CliApp.RunAsync([.. args, "--data-dir", scratch.Options.DataDirectory], console);
        return new Run(code, output.ToString(), error.ToString());
    }

    private static async Task<T> QueryAsync<T>(ScratchDatabase scratch, Func<SamstyringDb, Task<T>> query)
    {
        await using var services = scratch.BuildServices();
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SamstyringDb>());
    }

    private static string Csv(ScratchDatabase scratch, string name, string content)
    {
        var path = Path.Combine(scratch.Options.DataDirectory, name);
        File.WriteAllText(path, content, new UTF8Encoding(true));
        return path;
    }

    [Fact]
    public async Task Migrate_tops_up_the_reference_population_and_import_population_saves_a_date_replacing_only_when_asked()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(provider);
        if (scratch is null) return;
        Assert.Equal(0, (await RunAsync(scratch, "seed")).ExitCode);
        await QueryAsync(scratch, db => db.PopulationFigures.ExecuteDeleteAsync());

        var migrate = await RunAsync(scratch, "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.Error);
        Assert.Contains("La inn folketall per 1. januar 2025 for 357 kommuner som manglet det.", migrate.Out);
        Assert.DoesNotContain("La inn folketall", (await RunAsync(scratch, "migrate")).Out);
        Assert.Equal(357, await QueryAsync(scratch, db => db.PopulationFigures.CountAsync()));

        var municipalities = Seeder.ReadMunicipalities().ToList();
        var file = Csv(scratch, "folketall-2026.csv", "kommunenummer;folketall\n" + string.Join("\n", municipalities.Select(m => $"{m.Number};{m.Population + 10}")));
        var run = await RunAsync(scratch, "import", "population", "--on", "2026-01-01", file);
        Assert.True(run.ExitCode == 0, run.Error);
        var total = municipalities.Sum(m => (long)m.Population + 10);
        Assert.Contains($"Registrerte folketall per 1. januar 2026 for 357 kommuner, til sammen {Samstyring.Core.Common.Norwegian.Number(total)} innbyggere.", run.Out);
        var saved = await QueryAsync(scratch, db => db.PopulationFigures.Where(p => p.On == new DateOnly(2026, 1, 1)).ToListAsync());
        Assert.Equal(357, saved.Count);
        Assert.All(saved, p => Assert.Equal("Importert fra folketall-2026.csv", p.Source));
        Assert.True(await QueryAsync(scratch, db => db.AuditLog.AnyAsync(a => a.EntityType == "PopulationFigure" && a.UserName.StartsWith("cli:"))));

        var again = await RunAsync(scratch, "import", "population", "--on", "2026-01-01", file);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("Det finnes allerede folketall per 1. januar 2026 for 357 kommuner.", again.Error);
        Assert.Contains("--replace", again.Error);

        var replaced = await RunAsync(scratch, "import", "population", "--on", "2026-01-01", "--source", "SSB, tabell 07459", "--replace", file);
        Assert.True(replaced.ExitCode == 0, replaced.Error);
        Assert.Contains("(357 erstattet).", replaced.Out);
        Assert.Equal(357, await QueryAsync(scratch, db => db.PopulationFigures.CountAsync(p => p.On == new DateOnly(2026, 1, 1) && p.Source == "SSB, tabell 07459")));

        var bad = await RunAsync(scratch, "import", "population", "--on", "2026-02-01",
            Csv(scratch, "feil.csv", "kommunenummer;folketall\n0301;717 710\n9999;5\n"));
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("Rad 3, kommunenummer: Fant ingen kommune med kommunenummer 9999.", bad.Error);
        Assert.Contains("356 kommuner som fantes per 1. februar 2026, mangler i filen", bad.Error);
        Assert.Equal(0, await QueryAsync(scratch, db => db.PopulationFigures.CountAsync(p => p.On == new DateOnly(2026, 2, 1))));

        Assert.Equal(2, (await RunAsync(scratch, "import", "population", file)).ExitCode);
        Assert.Equal(2, (await RunAsync(scratch, "import", "population", "--on", "2026-01-01", Path.Combine(scratch.Options.DataDirectory, "finnes-ikke.csv"))).ExitCode);
        var future = await RunAsync(scratch, "import", "population", "--on", "2099-01-01", file);
        Assert.Equal(1, future.ExitCode);
        Assert.Contains("fram i tid", future.Error);
    }
}

public sealed class ImportPopulationCommandTestsSqlite() : ImportPopulationCommandTests(Provider.Sqlite);

public sealed class ImportPopulationCommandTestsPostgres() : ImportPopulationCommandTests(Provider.Postgres);
