using Winnow.Core.Text;

namespace Winnow.Core.Tests.Text;

public sealed class TokenCounterTests
{
    [Theory]
    [InlineData("cl100k")]
    [InlineData("o200k")]
    [InlineData("gpt2")]
    public void Count_HelloWorld_IsTwoTokens(string name) =>
        Assert.Equal(2, TokenCounter.Get(name).Count("hello world"));

    // Reference ids from the OpenAI cookbook "How to count tokens with tiktoken" ("tiktoken is great!").
    [Fact]
    public void Encode_Cl100k_MatchesTiktokenReferenceIds() =>
        Assert.Equal([83, 1609, 5963, 374, 2294, 0], TokenCounter.Get("cl100k").Encode("tiktoken is great!"));

    [Fact]
    public void Encode_O200k_MatchesTiktokenReferenceIds() =>
        Assert.Equal([83, 8251, 2488, 382, 2212, 0], TokenCounter.Get("o200k").Encode("tiktoken is great!"));

    [Fact]
    public void Encode_Gpt2_MatchesTiktokenReferenceIds() =>
        Assert.Equal([83, 1134, 30001, 318, 1049, 0], TokenCounter.Get("gpt2").Encode("tiktoken is great!"));

    [Fact]
    public void Count_EmptyString_IsZero() => Assert.Equal(0, TokenCounter.Get().Count(""));

    [Fact]
    public void Get_SameName_ReturnsCachedInstance()
    {
        Assert.Same(TokenCounter.Get("cl100k"), TokenCounter.Get("CL100K_BASE"));
        Assert.Equal("cl100k", TokenCounter.Get().Name);
    }

    [Fact]
    public void Get_UnknownName_ThrowsListingValidNames()
    {
        var e = Assert.Throws<WinnowException>(() => TokenCounter.Get("llama"));
        Assert.Contains("llama", e.Message);
        Assert.Contains("cl100k, o200k, gpt2", e.Message);
        Assert.Equal(2, e.ExitCode);
    }

    [Fact]
    public void Count_ManyThreads_GivesSameCounts()
    {
        var counter = TokenCounter.Get("cl100k");
        var texts = Enumerable.Range(0, 2000).Select(i => $"record {i}: the quick brown fox {i * 7} jumps").ToArray();
        var sequential = texts.Select(counter.Count).ToArray();
        var parallel = texts.AsParallel().AsOrdered().WithDegreeOfParallelism(4).Select(counter.Count).ToArray();
        Assert.Equal(sequential, parallel);
    }

    [Theory]
    [InlineData("cl100k")]
    [InlineData("o200k")]
    [InlineData("gpt2")]
    public void Count_LongOrdinaryText_EqualsTheUnchunkedCount(string name)
    {
        var words = new[] { "The", "bank", "charged", "me", "twice,", "why?", "Transfer", "£20", "to", "Zoë's", "account." };
        var text = string.Join(' ', Enumerable.Range(0, 6000).Select(i => words[i * 7 % words.Length]));
        Assert.True(text.Length > 4 * TokenCounter.ChunkChars);
        var counter = TokenCounter.Get(name);
        Assert.Equal(counter.Encode(text).Count, counter.Count(text));
    }

    [Fact]
    public void Count_HugeWordWithoutSpaces_FinishesQuickly()
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var n = TokenCounter.Get().Count(new string('x', 2_000_000));
        Assert.InRange(n, 2_000_000 / 16, 2_000_000);
        // A guard against quadratic chunking (which takes many minutes here), not a speed target: the bound is
        // loose so that a machine busy with other builds does not fail it (15 s seen under load 8).
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(90), $"took {sw.Elapsed}");
    }
}
