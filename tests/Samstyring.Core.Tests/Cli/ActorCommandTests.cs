using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Cli;
using Samstyring.Core.Actors;
using Samstyring.Core.Data;

namespace Samstyring.Core.Tests.Cli;

/// <summary>`samstyring actor create` registers an actor as the page does, on SQLite and PostgreSQL, and answers mistakes in Norwegian.</summary>
public abstract class ActorCommandTests(Provider provider)
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

    [Fact]
    public async Task Actor_create_registers_an_actor_with_owners_and_refuses_mistakes_in_Norwegian()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(provider);
        if (scratch is null) return;
        Assert.Equal(0, (await RunAsync(scratch, "seed")).ExitCode);
        var count = await QueryAsync(scratch, db => db.Organizations.CountAsync());

        var run = await RunAsync(scratch, "actor", "create", "--name", "Helse Nordvest IKT HF", "--short-name", "Nordvest IKT", "--org-number", "983 544 622",
            "--type", "hf", "--actor-group", "spesialisthelsetjenesten", "--region", "helse-vest", "--owner", "helse-vest=60", "--owner", "helse-nord=40");

        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        Assert.Matches(@"^Aktøren «Helse Nordvest IKT HF» er registrert med nøkkelen «nordvest-ikt» \(id \d+\)\.", run.Out);
        var o = await QueryAsync(scratch, db => db.Organizations.Include(x => x.Owners).ThenInclude(x => x.Owner).SingleAsync(x => x.Key == "nordvest-ikt"));
        Assert.Equal(("983544622", OrganizationType.Hf, HealthRegion.HelseVest, 1), (o.OrgNumber, o.Type, o.Region, o.Version));
        Assert.Equal([("helse-nord", 40m), ("helse-vest", (decimal?)60m)], o.Owners.OrderBy(x => x.Owner!.Key).Select(x => (x.Owner!.Key, x.Share)));

        // The use case's errors, all at once; exit code 1 and nothing saved.
        var refused = await RunAsync(scratch, "actor", "create", "--name", "Kopi", "--org-number", "983544622", "--type", "planet", "--actor-group", "annet");
        Assert.Equal(CliApp.Refused, refused.ExitCode);
        Assert.Contains("Organisasjonsnummeret 983544622 er allerede registrert på Helse Nordvest IKT HF.", refused.Error);
        Assert.Contains("«planet» er ikke en gyldig verdi for type. Gyldige verdier:", refused.Error);

        var unknownOwner = await RunAsync(scratch, "actor", "create", "--name", "Eid av ingen", "--type", "annet", "--actor-group", "annet", "--owner", "finnes-ikke");
        Assert.Equal(CliApp.Refused, unknownOwner.ExitCode);
        Assert.Contains("Fant ingen aktør med nøkkelen «finnes-ikke».", unknownOwner.Error);

        var badShare = await RunAsync(scratch, "actor", "create", "--name", "Rar andel", "--type", "annet", "--actor-group", "annet", "--owner", "hod=mye");
        Assert.Equal(CliApp.Usage, badShare.ExitCode);
        Assert.Contains("Eierandelen i «--owner hod=mye» må være et tall i prosent", badShare.Error);

        Assert.Equal(count + 1, await QueryAsync(scratch, db => db.Organizations.CountAsync()));
    }
}

public sealed class ActorCommandSqliteTests() : ActorCommandTests(Provider.Sqlite);

public sealed class ActorCommandPostgresTests() : ActorCommandTests(Provider.Postgres);
