using Winnow.Curation.Quality;

namespace Winnow.Curation.Tests.Quality;

public sealed class QualityFilterTests
{
    /// <summary>A web-like page of 8 sentences and ≈110 words that passes every default rule set.</summary>
    internal const string GoodPage =
        "The river that runs through the old town has shaped the life of its people for many centuries.\n" +
        "Farmers used the water to grow wheat and barley, and the mills along the banks ground the grain into flour.\n" +
        "In the spring the water rises quickly, so the town built stone walls to protect the market square.\n" +
        "Today most of the mills have closed, but one of them has been restored as a museum for visitors.\n" +
        "Children come with their teachers to see how the wheels turned and how the millers worked.\n" +
        "The museum also keeps old maps that show how the course of the river has changed over time.\n" +
        "Local historians believe that the first bridge was built of wood and replaced with stone later.\n" +
        "Visitors who walk along the river path can still see the foundations of that early crossing.";

    private static (string? Reason, string? Text) Run(QualityFilterOptions o, string text)
    {
        var outcome = new QualityFilter(o).Apply(Rec.Text(text), 0);
        return (outcome.DropReason, outcome.Kept?.Text);
    }

    private static QualityFilterOptions Only(string rules) => new() { Rules = [rules] };

    [Fact]
    public void Apply_GoodPage_PassesAllDefaultRuleSets()
    {
        var (reason, text) = Run(new QualityFilterOptions(), GoodPage);
        Assert.Null(reason);
        Assert.Equal(GoodPage, text);
    }

    [Fact]
    public void Apply_ShortQuery_GopherShortDoc() =>
        Assert.Equal("gopher_short_doc", Run(Only("gopher_quality"), "I am still waiting on my card?").Reason);

    [Fact]
    public void Apply_NullThreshold_RemovesTheRule()
    {
        var o = new QualityFilterOptions
        {
            Rules = ["gopher_quality"],
            GopherQuality = new GopherQualityOptions { MinDocWords = null, MinStopWords = null },
        };
        Assert.Null(Run(o, "I am still waiting on my card?").Reason);
    }

    [Fact]
    public void Apply_NoStopWords_GopherEnoughStopWords()
    {
        var o = new QualityFilterOptions { Rules = ["gopher_quality"], GopherQuality = new GopherQualityOptions { MinDocWords = 3 } };
        Assert.Equal("gopher_enough_stop_words", Run(o, "Cheap watches sold here great prices fast shipping worldwide").Reason);
    }

    [Fact]
    public void Apply_ManyHashes_GopherTooManyHashes()
    {
        var o = new QualityFilterOptions { Rules = ["gopher_quality"], GopherQuality = new GopherQualityOptions { MinDocWords = 3 } };
        Assert.Equal("gopher_too_many_hashes", Run(o, "#love #the #sun #and #the #sea with the best friends").Reason);
    }

    [Fact]
    public void Apply_BulletList_GopherTooManyBullets()
    {
        var list = string.Join("\n", Enumerable.Range(0, 20).Select(i => $"- the item number {i} of the long list with words"));
        var o = new QualityFilterOptions { Rules = ["gopher_quality"] };
        Assert.Equal("gopher_too_many_bullets", Run(o, list).Reason);
    }

    [Fact]
    public void Apply_NumbersOnly_GopherBelowAlphaThreshold()
    {
        var text = "the price and the cost " + string.Join(" ", Enumerable.Range(100, 60));
        var o = new QualityFilterOptions { Rules = ["gopher_quality"], GopherQuality = new GopherQualityOptions { MinAvgWordLength = null } };
        Assert.Equal("gopher_below_alpha_threshold", Run(o, text).Reason);
    }

    [Fact]
    public void Apply_RepeatedLines_DupLineFrac()
    {
        var text = string.Join("\n", Enumerable.Repeat("Buy the best shoes in town today.", 5).Append("Something else entirely here."));
        Assert.Equal("dup_line_frac", Run(Only("gopher_repetition"), text).Reason);
    }

    [Fact]
    public void Apply_RepeatedBigram_Top2Gram()
    {
        var text = string.Join(" ", Enumerable.Range(0, 30).Select(i => i % 2 == 0 ? "click here" : $"word{i}"));
        var o = new QualityFilterOptions
        {
            Rules = ["gopher_repetition"],
            GopherRepetition = new GopherRepetitionOptions { DupNGrams = new Dictionary<string, double>() },
        };
        Assert.Equal("top_2_gram", Run(o, text).Reason);
    }

    [Fact]
    public void Apply_RepeatedPassage_Duplicated5Grams()
    {
        var passage = "alpha beta gamma delta epsilon zeta eta theta iota kappa";
        var text = passage + " lambda mu nu " + passage + " xi omicron pi rho sigma tau upsilon phi chi psi omega";
        var o = new QualityFilterOptions
        {
            Rules = ["gopher_repetition"],
            GopherRepetition = new GopherRepetitionOptions { TopNGrams = new Dictionary<string, double>() },
        };
        Assert.Equal("duplicated_5_n_grams", Run(o, text).Reason);
    }

    [Fact]
    public void DuplicatedNGramChars_SkipsPastARepeat()
    {
        // a b a b a b: bigrams ab, ba, ab(repeat: 2 chars, jump 2), ab(repeat: 2 chars) → 4.
        Assert.Equal(4, GopherRepetitionRules.DuplicatedNGramChars(["a", "b", "a", "b", "a", "b"], 2));
    }

    [Fact]
    public void Apply_LoremIpsum_C4DropsThePage() =>
        Assert.Equal("lorem_ipsum", Run(Only("c4"), GoodPage + "\nLorem ipsum dolor sit amet, consectetur.").Reason);

    [Fact]
    public void Apply_CurlyBracket_C4DropsThePage() =>
        Assert.Equal("curly_bracket", Run(Only("c4"), GoodPage + "\nThe code reads if (x) { y = 1; } here.").Reason);

    [Fact]
    public void Apply_FewSentences_C4TooFewSentences() =>
        Assert.Equal("too_few_sentences", Run(Only("c4"), "This is one sentence. Here is another one.\nAnd a third one here.").Reason);

    [Fact]
    public void Apply_C4LineRules_RemoveBadLinesAndMarkProvenance()
    {
        var page = "Menu\n" + GoodPage + "\nPlease enable JavaScript to view the comments.\nRead our privacy policy for more.";
        var outcome = new QualityFilter(Only("c4")).Apply(Rec.Text(page), 0);
        Assert.Equal(GoodPage, outcome.Kept!.Text);
        Assert.Contains("filter.quality", outcome.Kept.Provenance.Steps);
    }

    [Fact]
    public void Apply_C4RemoveLinesOff_KeepsTextAsItWas()
    {
        var page = "Menu\n" + GoodPage;
        var o = new QualityFilterOptions { Rules = ["c4"], C4 = new C4Options { RemoveLines = false } };
        Assert.Equal(page, Run(o, page).Text);
    }

    [Fact]
    public void Apply_ShortLines_FineWebShortLineRatio()
    {
        var text = "Home.\nAbout us.\nContact.\n" + GoodPage.Split('\n')[0];
        Assert.Equal("short_line_ratio", Run(Only("fineweb"), text).Reason);
    }

    [Fact]
    public void Apply_NoPunctuation_FineWebLinePunctRatio() =>
        Assert.Equal("line_punct_ratio", Run(Only("fineweb"), "a line without an end mark that is long enough\nanother line like it that goes on and on").Reason);

    [Fact]
    public void Apply_DuplicatedLine_FineWebCharDupRatio()
    {
        var line = GoodPage.Split('\n')[0];
        Assert.Equal("char_dup_ratio", Run(Only("fineweb"), GoodPage + "\n" + line).Reason);
    }

    [Fact]
    public void Apply_ListPage_FineWebListRatio()
    {
        var text = string.Join("\n", Enumerable.Range(0, 10).Select(i => $"Item{i}."));
        var o = new QualityFilterOptions { Rules = ["fineweb"], Fineweb = new FineWebOptions { ShortLineThr = null } };
        Assert.Equal("list_ratio", Run(o, text).Reason);
    }

    [Fact]
    public void Apply_LongDocument_AllRuleSetsScaleLinearly()
    {
        // ≈100,000 words of varied sentences (the Gopher maximum) against a quarter of them: every rule set together must
        // take about 4× as long, not 16× (a quadratic rule). A ratio in one process, best of 3, so the machine's load
        // cancels out; the speed itself is a benchmark's business.
        var rng = new Random(3);
        var words = GoodPage.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        string Text(int lines) => string.Join('\n', Enumerable.Range(0, lines).Select(_ =>
            string.Join(' ', Enumerable.Range(0, 12).Select(_ => words[rng.Next(words.Length)])).TrimEnd('.') + "."));
        var (quarter, full) = (Text(2_000), Text(8_000));
        double Best(string text) => Enumerable.Range(0, 3).Min(_ =>
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            Run(new QualityFilterOptions(), text);
            return watch.Elapsed.TotalSeconds;
        });
        Best(quarter); // warm-up (JIT, regex caches)

        var (small, large) = (Best(quarter), Best(full));

        Assert.True(large < 8 * small + 0.05, $"{large:F3} s for 8,000 lines against {small:F3} s for 2,000");
    }

    [Fact]
    public void Validate_UnknownRuleSet_IsAProblem() =>
        Assert.Contains(new QualityFilterOptions { Rules = ["gopher"] }.Validate(), p => p.Key == "rules" && p.Problem.Contains("gopher_quality"));

    [Fact]
    public void Validate_BadNGramKey_IsAProblem() =>
        Assert.Contains(new QualityFilterOptions { GopherRepetition = new GopherRepetitionOptions { TopNGrams = new Dictionary<string, double> { ["two"] = 0.2 } } }.Validate(),
            p => p.Key == "gopher_repetition.top_n_grams.two");

    [Fact]
    public void WordTokenizer_SplitsOffPunctuation() =>
        Assert.Equal(["Hello", ",", "world", "...", "ok", "!"], WordTokenizer.Tokenize("Hello, world... ok!"));
}
