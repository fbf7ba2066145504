using Samstyring.Core.Archive;

namespace Samstyring.Core.Tests.Archive;

/// <summary>The extract's systemIDs: RFC 9562 version 5 UUIDs, stable per name, different per installation.</summary>
public sealed class ArchiveIdsTests
{
    [Fact]
    public void Version5_matches_the_RFC_example_and_sets_version_and_variant()
    {
        // RFC 9562 appendix A.4: the DNS namespace and "www.example.com".
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        Assert.Equal(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), ArchiveIds.Version5(dns, "www.example.com"));
        var id = new ArchiveIds("samstyring").Text("meeting:4");
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", id);
    }

    [Fact]
    public void The_same_name_gives_the_same_id_and_another_installation_another()
    {
        Assert.Equal(new ArchiveIds("samstyring").Text("case:40"), new ArchiveIds("Samstyring ").Text("case:40"));
        Assert.NotEqual(new ArchiveIds("samstyring").Text("case:40"), new ArchiveIds("samstyring").Text("case:41"));
        Assert.NotEqual(new ArchiveIds("samstyring").Text("case:40"), new ArchiveIds("samstyring.example.no").Text("case:40"));
    }
}
