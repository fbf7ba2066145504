using Samstyring.Core.Search;

namespace Samstyring.Core.Tests.Search;

public class SnippetTests
{
    private static string Html(string text, params string[] words) =>
        Snippet.Html(text, words, words.Select(NorwegianStemmer.Stem).ToList());

    [Fact]
    public void Marks_words_with_the_same_stem_and_compounds_and_encodes_the_rest()
    {
        var html = Html("Sakene om <b>kjernejournalen</b> & saken i dag.", "sak", "journal");
        Assert.Equal("<mark>Sakene</mark> om &lt;b&gt;<mark>kjernejournalen</mark>&lt;/b&gt; &amp; <mark>saken</mark> i dag.", html);
    }

    [Fact]
    public void Cuts_around_the_first_hit_on_word_boundaries()
    {
        var text = string.Join(" ", Enumerable.Repeat("innledning", 60)) + " her står finansieringen av tiltaket " + string.Join(" ", Enumerable.Repeat("avslutning", 60));
        var html = Html(text, "finansiering");
        Assert.StartsWith("…", html);
        Assert.EndsWith("…", html);
        Assert.Contains("<mark>finansieringen</mark>", html);
        Assert.True(html.Length < Snippet.Length + 40, html);
        Assert.DoesNotContain("innledn…", html);
        Assert.Matches(@"^…innledning ", html);
    }

    [Fact]
    public void Leaves_out_control_and_direction_characters()
    {
        var html = Html("evil\u202Etext\u0007 med sak", "sak");
        Assert.Equal("eviltext med <mark>sak</mark>", html);
    }

    [Fact]
    public void Without_a_hit_in_the_text_it_shows_the_beginning()
    {
        Assert.Equal("Første linje andre linje", Html("Første linje\n\nandre linje", "tittelord"));
        Assert.Equal("", Html("", "sak"));
    }
}
