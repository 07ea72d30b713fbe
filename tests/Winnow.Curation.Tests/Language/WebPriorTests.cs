using Winnow.Curation.Language;

namespace Winnow.Curation.Tests.Language;

public sealed class WebPriorTests
{
    [Fact]
    public void Percent_CoversEveryProfileWithAPositiveShare()
    {
        Assert.All(LanguageIdentifier.Default.Languages, code => Assert.True(WebPrior.Percent.TryGetValue(code, out var p) && p > 0, code));
        Assert.Equal(LanguageIdentifier.Default.Languages.Count, WebPrior.Percent.Count);
    }

    [Fact]
    public void Percent_SumsToAtMostAHundred_EnglishFirst()
    {
        Assert.InRange(WebPrior.Percent.Values.Sum(), 80, 100);
        Assert.Equal("en", WebPrior.Percent.MaxBy(p => p.Value).Key);
    }
}
