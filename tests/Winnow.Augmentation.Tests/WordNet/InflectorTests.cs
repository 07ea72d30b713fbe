using Winnow.Augmentation.WordNet;

namespace Winnow.Augmentation.Tests.WordNet;

public sealed class InflectorTests
{
    [Theory]
    [InlineData("card", PartOfSpeech.Noun, Inflection.Plural, "cards")]
    [InlineData("box", PartOfSpeech.Noun, Inflection.Plural, "boxes")]
    [InlineData("city", PartOfSpeech.Noun, Inflection.Plural, "cities")]
    [InlineData("child", PartOfSpeech.Noun, Inflection.Plural, "children")]
    [InlineData("credit card", PartOfSpeech.Noun, Inflection.Plural, "credit cards")]
    [InlineData("send", PartOfSpeech.Verb, Inflection.ThirdPerson, "sends")]
    [InlineData("stop", PartOfSpeech.Verb, Inflection.Past, "stopped")]
    [InlineData("charge", PartOfSpeech.Verb, Inflection.Past, "charged")]
    [InlineData("try", PartOfSpeech.Verb, Inflection.Past, "tried")]
    [InlineData("run", PartOfSpeech.Verb, Inflection.Past, "ran")]
    [InlineData("charge", PartOfSpeech.Verb, Inflection.Gerund, "charging")]
    [InlineData("die", PartOfSpeech.Verb, Inflection.Gerund, "dying")]
    [InlineData("take off", PartOfSpeech.Verb, Inflection.Gerund, "taking off")]
    public void Inflect_RegularAndIrregular_MakesTheForm(string lemma, PartOfSpeech pos, Inflection form, string expected) =>
        Assert.Equal(expected, Inflector.Inflect(WordNetFixture.Db, lemma, pos, form));

    [Fact]
    public void Inflect_AmbiguousIrregularPast_GivesNull() =>
        Assert.Null(Inflector.Inflect(WordNetFixture.Db, "go", PartOfSpeech.Verb, Inflection.Past)); // went or gone?

    [Theory]
    [InlineData("cards", "card", PartOfSpeech.Noun, Inflection.Plural)]
    [InlineData("sending", "send", PartOfSpeech.Verb, Inflection.Gerund)]
    [InlineData("sends", "send", PartOfSpeech.Verb, Inflection.ThirdPerson)]
    [InlineData("sent", "send", PartOfSpeech.Verb, Inflection.Past)]
    [InlineData("bigger", "big", PartOfSpeech.Adjective, Inflection.Graded)]
    public void Classify_WordAndLemma_GivesTheForm(string word, string lemma, PartOfSpeech pos, Inflection expected) =>
        Assert.Equal(expected, Inflector.Classify(word, lemma, pos));
}
