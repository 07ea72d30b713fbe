using Winnow.Augmentation.WordNet;

namespace Winnow.Augmentation.Tests.WordNet;

public sealed class MorphyTests
{
    private static List<string> Bases(string word, PartOfSpeech pos)
    {
        var list = new List<string>();
        Morphy.BaseForms(WordNetFixture.Db, word, pos, list);
        return list;
    }

    [Theory]
    [InlineData("cards", PartOfSpeech.Noun, "card")]
    [InlineData("boxes", PartOfSpeech.Noun, "box")]
    [InlineData("children", PartOfSpeech.Noun, "child")]      // noun.exc
    [InlineData("ran", PartOfSpeech.Verb, "run")]             // verb.exc
    [InlineData("stopped", PartOfSpeech.Verb, "stop")]        // verb.exc lists doubled consonants
    [InlineData("transferred", PartOfSpeech.Verb, "transfer")]
    [InlineData("charging", PartOfSpeech.Verb, "charge")]     // ing → e
    [InlineData("carries", PartOfSpeech.Verb, "carry")]       // ies → y
    public void BaseForms_InflectedWord_FindsItsLemma(string word, PartOfSpeech pos, string lemma) =>
        Assert.Contains(lemma, Bases(word, pos));

    [Fact]
    public void BaseForms_NounEndingInSs_IsNotStripped()
    {
        var bases = Bases("glass", PartOfSpeech.Noun);
        Assert.Equal(["glass"], bases);
    }

    [Fact]
    public void BaseForms_UnknownWord_FindsNothing() => Assert.Empty(Bases("qwzxv", PartOfSpeech.Noun));
}
