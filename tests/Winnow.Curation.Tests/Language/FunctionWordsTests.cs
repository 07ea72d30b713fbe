using Winnow.Curation.Language;

namespace Winnow.Curation.Tests.Language;

public sealed class FunctionWordsTests
{
    private static readonly LanguageModel Model = LanguageModel.Shared;

    private static float[] Evidence(string text, out int matched)
    {
        var acc = new float[Model.Stride];
        matched = Model.Words.Accumulate(text, acc);
        return acc;
    }

    private static int Index(string code) => Model.Languages.ToList().IndexOf(code);

    [Fact]
    public void Load_SixteenListsOfTheirOwnLanguages()
    {
        Assert.Equal(["af", "ca", "da", "de", "en", "es", "fi", "fr", "hu", "it", "nl", "no", "pt", "ru", "sv", "tr"], Model.Words.Languages);
    }

    [Fact]
    public void Accumulate_AfrikaansWords_PenaliseDutchNotAfrikaans()
    {
        // ek, nie, 'n, my: Afrikaans function words that Dutch does not use.
        var acc = Evidence("Ek het nie 'n kaart vir my nie.", out var matched);
        Assert.True(matched >= 5, $"{matched} words matched");
        Assert.Equal(0, acc[Index("af")]);
        Assert.True(acc[Index("nl")] <= -4 * FunctionWords.Penalty, $"nl {acc[Index("nl")]}");
    }

    [Fact]
    public void Accumulate_LanguageWithoutList_NeitherHelpedNorHurt()
    {
        var acc = Evidence("Ik heb mijn nieuwe kaart nog niet ontvangen.", out _);
        Assert.Equal(0, acc[Index("pl")]);
        Assert.Equal(0, acc[Index("nl")]);
        Assert.True(acc[Index("af")] < 0);
    }

    [Fact]
    public void Accumulate_WordsInNoList_AddNothing()
    {
        var acc = Evidence("xyzzy plugh 12345", out var matched);
        Assert.Equal(0, matched);
        Assert.All(acc, v => Assert.Equal(0, v));
    }

    [Fact]
    public void Accumulate_CaseAndPunctuation_DoNotHideAWord()
    {
        Evidence("DIE, Die; die!", out var matched);
        Assert.Equal(3, matched);
    }
}
