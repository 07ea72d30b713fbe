using Winnow.Curation.Language;
using Winnow.Curation.Tests.Quality;
using Xunit.Abstractions;

namespace Winnow.Curation.Tests.Language;

/// <summary>
/// The identifier on the committed test sentences (TestData/language: banking77 test queries translated by Apertium
/// into es, ca, pt, it, fr; German and Dutch written by hand; see its README.md) and on edge cases.
/// </summary>
public sealed class LanguageIdentifierTests(ITestOutputHelper output)
{
    private static readonly string[] Target = ["en", "es", "fr", "pt", "it", "ca", "de", "nl"];

    /// <summary>Languages of <c>heldout.tsv</c> outside the target: the close neighbours of Dutch (Afrikaans) and of each
    /// other (Swedish, Danish, Norwegian), measured so that what helps the target does not sink them.</summary>
    private static readonly string[] Neighbours = ["af", "sv", "da", "no"];

    /// <summary>The first test set (<c>sentences.tsv</c>) or the held-out one written before any tuning (<c>heldout.tsv</c>).</summary>
    internal static List<(string Lang, string Text)> Sentences(string file = "sentences.tsv") =>
        File.ReadLines(BundledData.Path("tests/Winnow.Curation.Tests/TestData/language/" + file))
            .Where(l => l.Length > 0)
            .Select(l => l.Split('\t', 2))
            .Select(p => (p[0], p[1]))
            .ToList();

    [Fact]
    public void Languages_AtLeast50IncludingTheTargetOnes()
    {
        var languages = LanguageIdentifier.Default.Languages;
        Assert.True(languages.Count >= 50, $"{languages.Count} languages");
        Assert.All(Target, l => Assert.Contains(l, languages));
    }

    /// <summary>The issue's target, with the default settings (all 55 profiles, the default prior), on both sets.</summary>
    [Theory]
    [InlineData("sentences.tsv")]
    [InlineData("heldout.tsv")]
    public void Detect_Defaults_SentencesOf30PlusChars_AtLeast97PercentPerLanguage(string file)
    {
        var accuracy = Measure(LanguageIdentifier.Default, file, Target);
        Assert.All(Target, l => Assert.True(accuracy[l] >= 0.97, $"{l}: accuracy {accuracy[l]:P1} < 97%"));
    }

    /// <summary>Afrikaans (Apertium from the held-out Dutch), Danish and Norwegian (Apertium from hand-written Swedish):
    /// the prior favours Dutch over Afrikaans (176 : 1 on the web) and function words pull towards the languages whose
    /// words a sentence uses, yet a clear sentence of a neighbour still wins. The bars are the accuracy before the prior
    /// and function words came in (sv 97.5%, no 92.5%, da 82.5%), except for Afrikaans: Apertium left the Dutch words it
    /// does not know untranslated (marked <c>*</c>) in 53 of the 80 sentences, and these half-Dutch sentences fall from
    /// 92.5% to 87.5%; the 27 that are all Afrikaans stay at 100%.</summary>
    [Fact]
    public void Detect_Defaults_CloseNeighbourLanguages_NoWorseThanBefore()
    {
        var accuracy = Measure(LanguageIdentifier.Default, "heldout.tsv", Neighbours);
        Assert.True(accuracy["sv"] >= 0.975, $"sv: {accuracy["sv"]:P1}");
        Assert.True(accuracy["no"] >= 0.925, $"no: {accuracy["no"]:P1}");
        Assert.True(accuracy["da"] >= 0.825, $"da: {accuracy["da"]:P1}");
        Assert.True(accuracy["af"] >= 0.85, $"af: {accuracy["af"]:P1}");
        var clean = Sentences("heldout.tsv").Where(s => s.Lang == "af" && !s.Text.Contains('*')).ToList();
        Assert.True(clean.Count >= 25, $"{clean.Count} all-Afrikaans sentences");
        Assert.All(clean, s => Assert.Equal("af", LanguageIdentifier.Default.Detect(s.Text).Language));
    }

    /// <summary>With <c>languages:</c> set to the eight target languages, as a recipe for such data would.</summary>
    [Theory]
    [InlineData("sentences.tsv")]
    [InlineData("heldout.tsv")]
    public void Detect_TargetCandidates_SentencesOf30PlusChars_AtLeast97PercentPerLanguage(string file)
    {
        var accuracy = Measure(LanguageIdentifier.For(Target), file, Target);
        Assert.All(Target, l => Assert.True(accuracy[l] >= 0.97, $"{l}: accuracy {accuracy[l]:P1} < 97%"));
    }

    private Dictionary<string, double> Measure(LanguageIdentifier identifier, string file, string[] languages)
    {
        var result = new Dictionary<string, double>();
        var sentences = Sentences(file).Where(s => s.Text.Length >= 30).ToList();
        foreach (var lang in languages)
        {
            var mine = sentences.Where(s => s.Lang == lang).ToList();
            Assert.True(mine.Count >= 40, $"{lang}: only {mine.Count} test sentences");
            var wrong = mine.Select(s => (s.Text, Guess: identifier.Detect(s.Text)))
                .Where(x => x.Guess.Language != lang).ToList();
            foreach (var (text, guess) in wrong) output.WriteLine($"{lang} → {guess.Language} {guess.Score:0.00}: {text}");
            result[lang] = 1 - (double)wrong.Count / mine.Count;
            output.WriteLine($"{file} {lang}: {result[lang]:P1} of {mine.Count}");
        }
        return result;
    }

    [Fact]
    public void Detect_ClearSentences_ScoreHigh()
    {
        var scores = Sentences().Where(s => s.Text.Length >= 30)
            .Select(s => LanguageIdentifier.Default.Detect(s.Text))
            .Select(g => g.Score).Order().ToList();
        var median = scores[scores.Count / 2];
        output.WriteLine($"median {median:0.000}, 10th percentile {scores[scores.Count / 10]:0.000}");
        Assert.True(median >= 0.9, $"median score {median}");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t")]
    [InlineData("12345 67.89 !!! ???")]
    [InlineData("https://example.com/a/b?c=d")]
    public void Detect_NothingToIdentify_UndWithScoreZero(string text)
    {
        var guess = LanguageIdentifier.Default.Detect(text);
        Assert.Equal("und", guess.Language);
        Assert.Equal(0, guess.Score);
    }

    [Theory]
    [InlineData("ok")]
    [InlineData("no")]
    [InlineData("casa")]
    [InlineData("taxi")]
    [InlineData("hotel")]
    public void Detect_ShortOrAmbiguousText_LowScore(string text)
    {
        var guess = LanguageIdentifier.Default.Detect(text);
        output.WriteLine($"{text}: {guess.Language} {guess.Score:0.000}");
        Assert.True(guess.Score < 0.5, $"'{text}' → {guess.Language} {guess.Score}");
    }

    [Fact]
    public void Detect_LongerTextOfTheSameLanguage_ScoresHigherThanOneWord()
    {
        var one = LanguageIdentifier.Default.Detect("card");
        var many = LanguageIdentifier.Default.Detect("My new card has still not arrived, what should I do?");
        Assert.Equal("en", many.Language);
        Assert.True(many.Score > one.Score, $"{many.Score} <= {one.Score}");
    }

    [Theory]
    [InlineData("Я до сих пор не получил свою новую банковскую карту.", "ru")]
    [InlineData("Η κάρτα μου δεν έχει φτάσει ακόμα στο σπίτι μου.", "el")]
    [InlineData("لم أستلم بطاقتي المصرفية الجديدة حتى الآن.", "ar")]
    [InlineData("新しいカードがまだ届いていません。どうすればいいですか。", "ja")]
    [InlineData("새 카드를 아직 받지 못했습니다. 어떻게 해야 하나요?", "ko")]
    [InlineData("Nie otrzymałem jeszcze mojej nowej karty płatniczej.", "pl")]
    [InlineData("Jag har fortfarande inte fått mitt nya bankkort och jag vet inte vad jag ska göra nu.", "sv")]
    [InlineData("Yeni banka kartımı hâlâ teslim almadım.", "tr")]
    public void Detect_OtherScripts_RightLanguage(string text, string lang) =>
        Assert.Equal(lang, LanguageIdentifier.Default.Detect(text).Language);

    /// <summary>Sentences the 55 profiles get wrong (es → pt, sv → no; see the README (filter.language)) come out right once the
    /// candidates are the languages the data can hold.</summary>
    [Theory]
    [InlineData("Todavía no he recibido mi tarjeta nueva, ¿qué debo hacer ahora?", "es")]
    [InlineData("Jag har fortfarande inte fått mitt nya bankkort.", "sv")]
    public void Detect_CloseLanguagesWithCandidates_RightLanguage(string text, string truth)
    {
        output.WriteLine($"all profiles: {LanguageIdentifier.Default.Detect(text)}");
        var guess = LanguageIdentifier.For([truth, "en", "de", "fr"]).Detect(text);
        Assert.Equal(truth, guess.Language);
    }

    [Fact]
    public void Detect_AcronymsAndUrlsAroundEnglish_StillEnglish()
    {
        var guess = LanguageIdentifier.Default.Detect("ATM FAQ IBAN SWIFT: why was my card declined? see https://bank.example/es/ayuda");
        Assert.Equal("en", guess.Language);
    }

    [Fact]
    public void Detect_InParallel_SameAsSequential()
    {
        var texts = Sentences().Select(s => s.Text).ToArray();
        var sequential = texts.Select(LanguageIdentifier.Default.Detect).ToArray();
        var parallel = new LanguageGuess[texts.Length];
        Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = LanguageIdentifier.Default.Detect(texts[i]));
        Assert.Equal(sequential, parallel);
        Assert.Equal(sequential, texts.Select(LanguageIdentifier.Default.Detect).ToArray());
    }
}
