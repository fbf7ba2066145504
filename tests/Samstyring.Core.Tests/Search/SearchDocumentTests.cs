using Samstyring.Core.Search;

namespace Samstyring.Core.Tests.Search;

/// <summary>The key a search orders and counts by: newer days higher, and the kind, access rule and source readable from it.</summary>
public class SearchDocumentTests
{
    [Fact]
    public void A_later_day_has_a_higher_key_whatever_its_kind_access_or_source()
    {
        var day = new DateOnly(2021, 12, 9);
        var latestOfDay = SearchDocument.KeyOf(day, SearchKind.Attachment, true, int.MaxValue);
        Assert.True(SearchDocument.KeyOf(day.AddDays(1), SearchKind.Case, false, 1) > latestOfDay);
        Assert.True(SearchDocument.KeyOf(null, SearchKind.Attachment, true, int.MaxValue) < SearchDocument.KeyOf(DateOnly.MinValue, SearchKind.Case, false, 1));
        Assert.True(SearchDocument.KeyOf(DateOnly.MaxValue, SearchKind.Attachment, true, int.MaxValue) > 0);
        Assert.Equal(SearchDocument.DayKey(day), SearchDocument.KeyOf(day, SearchKind.Case, false, 0));
    }

    [Theory]
    [InlineData(SearchKind.Case, false, 1)]
    [InlineData(SearchKind.Attachment, true, int.MaxValue)]
    [InlineData(SearchKind.Solution, false, 123_456)]
    public void The_kind_access_rule_and_source_can_be_read_back_from_the_key(SearchKind kind, bool restricted, int sourceId)
    {
        var key = SearchDocument.KeyOf(new DateOnly(2031, 1, 2), kind, restricted, sourceId);
        Assert.Equal((int)kind, (int)((key >> SearchDocument.KindShift) & 7));
        Assert.Equal(restricted, ((key >> SearchDocument.RestrictedShift) & 1) == 1);
        Assert.Equal(sourceId, (int)(key & uint.MaxValue));
        Assert.True(Enum.GetValues<SearchKind>().All(k => (int)k < 8), "Tre biter holder typen.");
    }
}
