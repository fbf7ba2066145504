using System.Text;

namespace Samstyring.Core.Tests.Cli;

/// <summary>`samstyring import adoption` on the demo data in a temp SQLite data directory; `samstyring import FILE` still imports initiatives.</summary>
public sealed class ImportAdoptionCommandTests : CliReportTest
{
    private string Csv(string name, string content)
    {
        var path = PathOf(name);
        File.WriteAllText(path, content, new UTF8Encoding(true));
        return path;
    }

    [Fact]
    public async Task Import_adoption_saves_the_list_reports_bad_rows_and_asks_before_going_back()
    {
        Assert.Equal(0, (await RunAsync("seed", "--demo")).ExitCode);

        var list = Csv("e-resept.csv", "kommunenummer;kommunenavn;status;dato\n0301;Oslo;Tatt i bruk;2024-03-01\n4601;Bergen;adopting;\n5001;Trondheim;interest;\n");
        var run = await RunAsync("import", "adoption", "--solution", "e-resept", "--date", "2024-05-01", list);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Registrerte 3 endringer, 0 uendret.", run.Out);
        var again = await RunAsync("import", "adoption", "--solution", "e-resept", "--date", "2024-05-01", list);
        Assert.Contains("Registrerte 0 endringer, 3 uendret.", again.Out);

        var bad = await RunAsync("import", "adoption", "--solution", "e-resept", Csv("feil.csv", "kommunenummer;status\n0301;in-use\n9999;in-use\n1103;ferdig\n"));
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("ingenting er lagret (2 feil)", bad.Error);
        Assert.Contains("Rad 3, kommunenummer: Fant ingen kommune med kommunenummer 9999.", bad.Error);
        Assert.Contains("Rad 4, status:", bad.Error);

        var back = Csv("tilbake.csv", "kommunenummer;status;dato\n0301;interest;2024-06-01\n");
        var asked = await RunAsync("import", "adoption", "--solution", "e-resept", back);
        Assert.Equal(1, asked.ExitCode);
        Assert.True(asked.Error.Contains("Rad 2: Oslo kommune (0301) fra «Tatt i bruk» til «Meldt inn ønske»"), asked.Error);
        Assert.Contains("--confirm-backwards", asked.Error);
        var confirmed = await RunAsync("import", "adoption", "--solution", "e-resept", "--confirm-backwards", back);
        Assert.True(confirmed.ExitCode == 0, confirmed.Error);
        Assert.Contains("Registrerte 1 endring, 0 uendret. 1 av endringene går et steg tilbake.", confirmed.Out);

        var unknown = await RunAsync("import", "adoption", "--solution", "finnes-ikke", list);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("finnes-ikke", unknown.Error);
        var usage = await RunAsync("import", "adoption", list);
        Assert.Equal(2, usage.ExitCode);
        var missing = await RunAsync("import", "adoption", "--solution", "e-resept", PathOf("finnes-ikke.csv"));
        Assert.Equal(2, missing.ExitCode);

        // The initiative import is still «import FILE».
        var initiatives = await RunAsync("import", Csv("tiltak.csv", "navn;eier;type\nTiltak fra kommandolinjen;helse-vest;project\n"));
        Assert.True(initiatives.ExitCode == 0, initiatives.Error);
        Assert.Contains("Importerte 1 tiltak", initiatives.Out);
    }
}
