using Winnow.Curation.Language;
using Winnow.Curation.Tests.Quality;
using Xunit.Abstractions;

namespace Winnow.Curation.Tests.Language;

/// <summary>
/// The identifier on real English datasets: banking77 train (10,003 customer queries) and the SMS spam collection
/// (5,574 texts, much texting slang). The shares are the measured ones (the README (filter.language)), with a
/// little slack.
/// </summary>
public sealed class RealDataTests(ITestOutputHelper output)
{
    private double EnglishShare(string name, List<string> texts, LanguageIdentifier identifier)
    {
        var guesses = texts.Select(identifier.Detect).ToList();
        var share = guesses.Count(g => g.Language == "en") / (double)guesses.Count;
        var others = guesses.Where(g => g.Language != "en").GroupBy(g => g.Language).OrderByDescending(g => g.Count()).Take(6)
            .Select(g => $"{g.Key} {g.Count()}");
        output.WriteLine($"{name}: {share:P2} en of {texts.Count}; others: {string.Join(", ", others)}");
        return share;
    }

    [Fact]
    public void Detect_Banking77_AlmostAllEnglish()
    {
        var texts = BundledData.Banking77().Select(r => r.ContentText).ToList();
        Assert.True(EnglishShare("banking77 train", texts, LanguageIdentifier.Default) >= 0.99);
        Assert.True(EnglishShare("banking77 train, 30+ chars", texts.Where(t => t.Length >= 30).ToList(), LanguageIdentifier.Default) >= 0.995);
    }

    [Fact]
    public void Detect_SmsSpam_MostlyEnglish()
    {
        var texts = BundledData.SmsSpam().Select(r => r.ContentText).ToList();
        Assert.True(EnglishShare("sms_spam", texts, LanguageIdentifier.Default) >= 0.94);
        Assert.True(EnglishShare("sms_spam, 30+ chars", texts.Where(t => t.Length >= 30).ToList(), LanguageIdentifier.Default) >= 0.97);
    }
}
