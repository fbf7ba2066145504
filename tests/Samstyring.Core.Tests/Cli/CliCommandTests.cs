using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Cli;
using Samstyring.Core.Accounts;
using Samstyring.Core.Data;

namespace Samstyring.Core.Tests.Cli;

/// <summary>The samstyring command run in-process against SQLite data directories in a temp folder.</summary>
public sealed class CliCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "samstyring-cli-tests", Guid.NewGuid().ToString("N"));

    public CliCommandTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { /* a stray handle; the OS cleans temp */ }
    }

    private sealed record Run(int ExitCode, string Out, string Error);

    /// <summary>Runs the command with SQLite forced, whatever ConnectionStrings__Samstyring the machine has.</summary>
    private static async Task<Run> RunWithInputAsync(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(output, error, new StringReader(stdin),
            new Dictionary<string, string?> { ["ConnectionStrings:Samstyring"] = "" });
        var code = await CliApp.RunAsync(args, console);
        return new Run(code, output.ToString(), error.ToString());
    }

    private static Task<Run> RunAsync(params string[] args) => RunWithInputAsync("", args);

    private static async Task<string> StampAsync(string data, string userName)
    {
        await using var services = Services(data);
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SamstyringDb>().Users.Where(u => u.UserName == userName).Select(u => u.SecurityStamp).SingleAsync();
    }

    private string Dir(string name) => Path.Combine(_root, name);

    [Fact]
    public async Task Migrate_Seed_UserCreate_Import_Export_Backup_Restore()
    {
        var data = Dir("a");
        var migrate = await RunAsync("migrate", "--data-dir", data);
        Assert.True(migrate.ExitCode == 0, migrate.Error);
        Assert.Contains(typeof(Samstyring.Core.Data.SamstyringDb).Assembly.GetTypes()
            .Select(t => t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false).OfType<Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute>().SingleOrDefault()?.Id)
            .OfType<string>().Max()!, migrate.Out); // the latest migration
        Assert.True(File.Exists(Path.Combine(data, "samstyring.db")));

        var seed = await RunAsync("seed", "--demo", "--data-dir", data);
        Assert.True(seed.ExitCode == 0, seed.Error);
        Assert.Contains("demodata", seed.Out);
        Assert.Contains("allerede", (await RunAsync("seed", "--data-dir", data)).Out);

        var user = await RunWithInputAsync("et-langt-passord\n", "user", "create", "--username", "admin", "--name", "Ada Admin",
            "--role", "portfolio-office", "--password-stdin", "--data-dir", data);
        Assert.True(user.ExitCode == 0, user.Error);
        Assert.Contains("admin", user.Out);
        var owner = await RunWithInputAsync("et-langt-passord\n", "user", "create", "--username", "eier2", "--name", "Eva Eier",
            "--role", "initiative-owner", "--org", "helse-vest", "--password-stdin", "--data-dir", data);
        Assert.True(owner.ExitCode == 0, owner.Error);
        await using (var services = Services(data))
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SamstyringDb>();
            var admin = await db.Users.SingleAsync(u => u.UserName == "admin");
            Assert.True(PasswordHasher.Verify("et-langt-passord", admin.PasswordHash));
            Assert.Equal(Core.Common.Role.PortfolioOffice, admin.Role);
            var audit = await db.AuditLog.Where(a => a.EntityType == "User").ToListAsync();
            Assert.All(audit, a => Assert.Equal("cli:" + Environment.UserName, a.UserName));
        }

        // A new password and a new role from the command line end the user's sessions.
        var stamp = await StampAsync(data, "eier2");
        var reset = await RunWithInputAsync("helt-nytt-passord\n", "user", "set-password", "--username", "eier2", "--password-stdin", "--data-dir", data);
        Assert.True(reset.ExitCode == 0, reset.Error);
        Assert.Contains("innlogginger er avsluttet", reset.Out);
        var afterReset = await StampAsync(data, "eier2");
        Assert.NotEqual(stamp, afterReset);
        var role = await RunAsync("user", "set-role", "--username", "eier2", "--role", "member", "--data-dir", data);
        Assert.True(role.ExitCode == 0, role.Error);
        Assert.NotEqual(afterReset, await StampAsync(data, "eier2"));
        var noOrg = await RunAsync("user", "set-role", "--username", "eier2", "--role", "ks-coordinator", "--data-dir", data);
        Assert.NotEqual(0, noOrg.ExitCode);
        Assert.Contains("krever en organisasjon", noOrg.Error);
        await using (var services = Services(data))
        {
            await using var scope = services.CreateAsyncScope();
            var eier2 = await scope.ServiceProvider.GetRequiredService<SamstyringDb>().Users.SingleAsync(u => u.UserName == "eier2");
            Assert.True(PasswordHasher.Verify("helt-nytt-passord", eier2.PasswordHash));
            Assert.Equal((Core.Common.Role.Member, (int?)null), (eier2.Role, eier2.OrganizationId));
        }

        var csv = Path.Combine(_root, "tiltak.csv");
        await File.WriteAllTextAsync(csv, "navn;eier;type;livslop;segment\nFra kommandolinjen;kommune:0301;Prosjekt;aktiv;observasjon\n", new UTF8Encoding(true));
        var import = await RunAsync("import", csv, "--data-dir", data);
        Assert.True(import.ExitCode == 0, import.Error);
        Assert.Contains("Importerte 1 tiltak", import.Out);

        var json = Path.Combine(_root, "eksport.json");
        var export = await RunAsync("export", "--out", json, "--data-dir", data);
        Assert.True(export.ExitCode == 0, export.Error);
        using (var doc = JsonDocument.Parse(await File.ReadAllBytesAsync(json)))
        {
            Assert.True(doc.RootElement.GetProperty("organizations").GetArrayLength() > 357);
            Assert.Contains(doc.RootElement.GetProperty("initiatives").EnumerateArray(), i => i.GetProperty("name").GetString() == "Fra kommandolinjen");
            Assert.Equal("active", doc.RootElement.GetProperty("initiatives").EnumerateArray()
                .First(i => i.GetProperty("name").GetString() == "Fra kommandolinjen").GetProperty("lifecycle").GetString());
            Assert.True(doc.RootElement.GetProperty("reports").GetArrayLength() > 0);
            Assert.True(doc.RootElement.GetProperty("dependencies").GetArrayLength() > 0);
        }

        var zip = Path.Combine(_root, "kopi.zip");
        var backup = await RunAsync("backup", "--out", zip, "--data-dir", data);
        Assert.True(backup.ExitCode == 0, backup.Error);
        Assert.Contains("Sikkerhetskopi skrevet", backup.Out);

        var copy = Dir("b");
        var restore = await RunAsync("restore", zip, "--data-dir", copy);
        Assert.True(restore.ExitCode == 0, restore.Error);
        Assert.Contains("Gjenopprettet", restore.Out);
        await using (var services = Services(copy))
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SamstyringDb>();
            Assert.True(await db.Initiatives.AnyAsync(i => i.Name == "Fra kommandolinjen"));
            Assert.True(await db.Users.AnyAsync(u => u.UserName == "admin"));
        }

        // A second restore into the now non-empty database is refused, --force replaces.
        var again = await RunAsync("restore", zip, "--data-dir", copy);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("--force", again.Error);
        Assert.Equal(0, (await RunAsync("restore", zip, "--force", "--data-dir", copy)).ExitCode);
    }

    [Fact]
    public async Task Import_WithBadRows_PrintsEveryRow_AndExits1()
    {
        var data = Dir("c");
        Assert.Equal(0, (await RunAsync("seed", "--data-dir", data)).ExitCode);
        var csv = Path.Combine(_root, "feil.csv");
        await File.WriteAllTextAsync(csv, "navn;eier;type\nA;finnes-ikke;project\n;ks;project\nC;ks;ukjent\n");
        var run = await RunAsync("import", csv, "--data-dir", data);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ingenting er lagret", run.Error);
        Assert.Contains("Rad 2, eier:", run.Error);
        Assert.Contains("Rad 3, navn:", run.Error);
        Assert.Contains("Rad 4, type:", run.Error);

        var junk = Path.Combine(_root, "junk.xlsx");
        await File.WriteAllBytesAsync(junk, [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 0, 0, 0]);
        var broken = await RunAsync("import", junk, "--data-dir", data);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("skadet", broken.Error);
    }

    [Fact]
    public async Task UsageErrors_Exit2()
    {
        var data = Dir("d");
        Assert.Equal(2, (await RunAsync("finnes-ikke")).ExitCode);
        Assert.Equal(2, (await RunAsync("backup", "--data-dir", data)).ExitCode); // --out missing
        Assert.Equal(2, (await RunAsync("report", "portfolio", "--format", "pdf", "--out", "x", "--data-dir", data)).ExitCode);
        Assert.Equal(2, (await RunAsync("user", "create", "--username", "x", "--name", "X", "--role", "konge", "--password-stdin")).ExitCode);
        var noStdin = await RunAsync("user", "create", "--username", "x", "--name", "X", "--role", "member", "--data-dir", data);
        Assert.Equal(2, noStdin.ExitCode);
        Assert.Contains("--password-stdin", noStdin.Error);
        var missing = await RunAsync("import", Path.Combine(_root, "finnes-ikke.csv"), "--data-dir", data);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("Fant ikke filen", missing.Error);
    }

    [Fact]
    public async Task UserCreate_ValidationErrors_Exit1()
    {
        var data = Dir("e");
        Assert.Equal(0, (await RunAsync("seed", "--data-dir", data)).ExitCode);
        var shortPassword = await RunWithInputAsync("kort\n", "user", "create", "--username", "ola", "--name", "Ola", "--role", "member", "--password-stdin", "--data-dir", data);
        Assert.Equal(1, shortPassword.ExitCode);
        Assert.Contains("minst", shortPassword.Error);
        var noOrg = await RunWithInputAsync("et-langt-passord\n", "user", "create", "--username", "ola", "--name", "Ola", "--role", "initiative-owner", "--password-stdin", "--data-dir", data);
        Assert.Equal(1, noOrg.ExitCode);
        Assert.Contains("organisasjon", noOrg.Error);
        Assert.Equal(0, (await RunWithInputAsync("et-langt-passord\n", "user", "create", "--username", "ola", "--name", "Ola", "--role", "member", "--password-stdin", "--data-dir", data)).ExitCode);
        var duplicate = await RunWithInputAsync("et-langt-passord\n", "user", "create", "--username", "OLA", "--name", "Ola", "--role", "member", "--password-stdin", "--data-dir", data);
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("allerede i bruk", duplicate.Error);
    }

    [Fact]
    public async Task ReportPortfolio_WritesEachFormat()
    {
        var data = Dir("f");
        Assert.Equal(0, (await RunAsync("seed", "--demo", "--data-dir", data)).ExitCode);
        foreach (var format in new[] { "docx", "xlsx", "json", "csv" })
        {
            var file = Path.Combine(_root, "rapport." + format);
            var run = await RunAsync("report", "portfolio", "--period", "2021-T3", "--format", format, "--out", file, "--data-dir", data);
            Assert.True(run.ExitCode == 0, run.Error);
            Assert.True(new FileInfo(file).Length > 0);
            // The JSON carries the section on strategic achievement and socio-economic return; the CSV stays one row per initiative.
            if (format == "json") Assert.Contains("\"strategicAchievement\"", await File.ReadAllTextAsync(file));
            if (format == "csv") Assert.DoesNotContain("strategicAchievement", await File.ReadAllTextAsync(file));
        }
    }

    private static ServiceProvider Services(string dataDir) =>
        new ServiceCollection().AddSamstyringCore(new SamstyringOptions { DataDirectory = dataDir }).BuildServiceProvider();
}
