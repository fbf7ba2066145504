using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Cli;
using Samstyring.Core.Accounts;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Tests.Cli;

/// <summary>
/// `samstyring token create|revoke` on SQLite and PostgreSQL: the token alone on standard out, once; the use case's checks
/// and Norwegian errors; a revoked token no longer lets anyone in.
/// </summary>
public abstract class TokenCommandTests(Provider provider)
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

    private static async Task<T> InScopeAsync<T>(ScratchDatabase scratch, Func<IServiceProvider, Task<T>> action)
    {
        await using var services = scratch.BuildServices();
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    [Fact]
    public async Task Token_create_prints_the_token_once_and_token_revoke_stops_it()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(provider);
        if (scratch is null) return;
        Assert.Equal(0, (await RunAsync(scratch, "seed", "--demo")).ExitCode);

        var run = await RunAsync(scratch, "token", "create", "--user", "eier-hso", "--name", "Rapportering", "--expires",
            DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd"));
        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        var token = run.Out.Trim();
        Assert.Matches("^sst_[A-Za-z0-9_-]{43}$", token);
        Assert.Contains("API-tokenet «Rapportering»", run.Error);
        Assert.Contains("«eier-hso» med rollen tiltakseier i Helse Sør-Øst RHF", run.Error);
        var user = await InScopeAsync(scratch, s => s.GetRequiredService<AuthenticateApiToken>().HandleAsync(token));
        Assert.Equal(("eier-hso", Role.InitiativeOwner), (user.User?.UserName, user.User?.Role));
        Assert.Equal(0, await InScopeAsync(scratch, s => s.GetRequiredService<SamstyringDb>().ApiTokens.CountAsync(t => t.SecretHash == token)));

        // An integration token, made by someone in the office.
        var integration = await RunAsync(scratch, "token", "create", "--user", "kontor", "--name", "Oslo", "--role", "initiative-owner", "--org", "kommune:0301");
        Assert.True(integration.ExitCode == CliApp.Ok, integration.Error);
        Assert.Contains("«kontor» med rollen tiltakseier i Oslo kommune", integration.Error);

        // The use case's checks, in Norwegian, exit code 1 and nothing made.
        var count = await InScopeAsync(scratch, s => s.GetRequiredService<SamstyringDb>().ApiTokens.CountAsync());
        var refused = await RunAsync(scratch, "token", "create", "--user", "finnes-ikke", "--name", "", "--expires", "2001-01-01");
        Assert.Equal(CliApp.Refused, refused.ExitCode);
        Assert.Contains("Fant ikke brukeren «finnes-ikke».", refused.Error);
        Assert.Contains("Navn må fylles ut.", refused.Error);
        Assert.Contains("Utløpsdatoen kan ikke være tilbake i tid.", refused.Error);
        Assert.Equal("", refused.Out);
        var notOffice = await RunAsync(scratch, "token", "create", "--user", "medlem", "--name", "Integrasjon", "--role", "member");
        Assert.Equal(CliApp.Refused, notOffice.ExitCode);
        Assert.Contains("Integrasjonstokener lages av en bruker i porteføljekontoret; «medlem» er utvalgsmedlem.", notOffice.Error);
        Assert.Equal(count, await InScopeAsync(scratch, s => s.GetRequiredService<SamstyringDb>().ApiTokens.CountAsync()));

        var id = await InScopeAsync(scratch, s => s.GetRequiredService<SamstyringDb>().ApiTokens.Where(t => t.Name == "Rapportering").Select(t => t.Id).SingleAsync());
        var revoke = await RunAsync(scratch, "token", "revoke", "--id", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(revoke.ExitCode == CliApp.Ok, revoke.Error);
        Assert.Contains("API-tokenet «Rapportering»", revoke.Out);
        Assert.Null((await InScopeAsync(scratch, s => s.GetRequiredService<AuthenticateApiToken>().HandleAsync(token))).User);
        Assert.Equal(CliApp.Refused, (await RunAsync(scratch, "token", "revoke", "--id", "999999")).ExitCode);
    }
}

public sealed class TokenCommandSqliteTests() : TokenCommandTests(Provider.Sqlite);

public sealed class TokenCommandPostgresTests() : TokenCommandTests(Provider.Postgres);
