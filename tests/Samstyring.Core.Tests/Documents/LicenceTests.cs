namespace Samstyring.Core.Tests.Documents;

/// <summary>What is bundled must let any public body run Samstyring without copyleft obligations.</summary>
public sealed class LicenceTests
{
    [Fact]
    public void PDFsharp_is_an_MIT_release_and_the_README_names_it()
    {
        // PDFsharp 6.5.0 and later are AGPL-3.0; 6.2.4 is the last MIT release served here.
        var version = typeof(PdfSharp.Pdf.PdfDocument).Assembly.GetName().Version!;
        Assert.True(version < new Version(6, 5), $"PDFsharp {version} is AGPL-3.0 from 6.5; use 6.2.4 (MIT)");

        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        Assert.Contains($"PDFsharp {version.Major}.{version.Minor}.{version.Build}, licensed MIT", readme);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Samstyring.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Samstyring.slnx not found above " + AppContext.BaseDirectory);
    }
}
