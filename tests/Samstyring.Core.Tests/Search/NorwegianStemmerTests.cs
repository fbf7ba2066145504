using Samstyring.Core.Search;

namespace Samstyring.Core.Tests.Search;

public class NorwegianStemmerTests
{
    [Theory]
    [InlineData("sak", "sak")]
    [InlineData("saken", "sak")]
    [InlineData("saker", "sak")]
    [InlineData("sakene", "sak")]
    [InlineData("journalen", "journal")]
    [InlineData("kjernejournalen", "kjernejournal")]
    [InlineData("legemiddellisten", "legemiddellist")]
    [InlineData("legemiddelliste", "legemiddellist")]
    [InlineData("finansieringen", "finansiering")]
    [InlineData("tjenester", "tjenest")]
    [InlineData("tjenestene", "tjenest")]
    [InlineData("vedtakene", "vedtak")]
    [InlineData("kommunens", "kommun")]
    [InlineData("hetslov", "het")]
    [InlineData("2021", "2021")]
    [InlineData("i", "i")]
    public void Stems_like_the_snowball_norwegian_stemmer(string word, string stem) => Assert.Equal(stem, NorwegianStemmer.Stem(word));

    [Fact]
    public void Words_are_lower_case_nfc_and_split_at_everything_but_letters_and_digits()
    {
        Assert.Equal(["sør", "øst", "rhf", "2021", "kjernejournal"],
            SearchText.Words("Sør-Øst RHF (2021): \"kjernejournal\"* 🙂").ToList());
        Assert.Equal(["å"], SearchText.Words("a\u030A").ToList());
        Assert.Equal("sak tjenest", SearchText.Stems("Sakene, tjenester!"));
    }
}
