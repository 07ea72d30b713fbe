using Winnow.Core.Records;
using Winnow.Core.Steps;
using Winnow.Curation.Enrich;
using Winnow.Curation.Tests.Quality;
using Winnow.Curation.Tests.Semantic;

namespace Winnow.Curation.Tests.Enrich;

/// <summary>Topic tags on real data: banking77 queries of five intents, embedded by the bag-of-words stand-in.</summary>
public sealed class TopicEnrichStepTests
{
    private static readonly string[] Intents = ["card_arrival", "exchange_rate", "pin_blocked", "terminate_account", "lost_or_stolen_card"];

    // ≈ 800 records: every query of the five intents, in file order.
    private static readonly List<Record> Banking = BundledData.Banking77().Where(r => Intents.Contains(r.Label)).ToList();

    private static List<Record> Run(TopicOptions topics, long seed = 42, IReadOnlyList<Record>? records = null) =>
        DatasetStepHarness.Run(
            new TopicEnrichStep(new EnrichOptions { Topics = topics }, new StepContext("enrich", 0, seed, "."), new BagOfWordsGenerator()),
            records ?? Banking);

    /// <summary>The topic holding most records of an intent, and its name.</summary>
    private static (int Topic, string Words) TopicOf(List<Record> output, string intent) => output
        .Where(r => r.Label == intent)
        .GroupBy(r => (Topic: r.Meta["topic"].GetInt32(), Words: r.Meta.GetString("topic_words") ?? ""))
        .OrderByDescending(g => g.Count()).First().Key;

    [Fact]
    public void Plan_Banking77_NamesTopicsByTheirIntentsWords()
    {
        var output = Run(new TopicOptions { K = 5 });
        Assert.Equal(Banking.Count, output.Count);
        Assert.True(Banking.Count is > 500 and <= 1000, $"{Banking.Count}");
        // Each intent's main topic is named by that intent's words (with the bag-of-words stand-in, card_arrival
        // shares its topic with lost_or_stolen_card: both are about a card that is not in hand).
        Assert.Contains("card", TopicOf(output, "card_arrival").Words.Split('_'));
        Assert.Contains("exchange", TopicOf(output, "exchange_rate").Words.Split('_'));
        Assert.Contains("pin", TopicOf(output, "pin_blocked").Words.Split('_'));
        Assert.Contains("blocked", TopicOf(output, "pin_blocked").Words.Split('_'));
        Assert.Contains("account", TopicOf(output, "terminate_account").Words.Split('_'));
        Assert.Contains("stolen", TopicOf(output, "lost_or_stolen_card").Words.Split('_'));
        Assert.DoesNotContain(output.SelectMany(r => r.Meta.GetString("topic_words")!.Split('_')), w => TopicStopWords.Default.Contains(w));
        Assert.All(output, r => Assert.Equal(3, r.Meta.GetString("topic_words")!.Split('_').Length));
    }

    [Fact]
    public void Plan_SameSeed_SameTopics_KeepsEnrichFields()
    {
        var a = Run(new TopicOptions { K = 5 }, seed: 7);
        var b = Run(new TopicOptions { K = 5 }, seed: 7);
        Assert.Equal(a.Select(r => (r.Meta["topic"].GetInt32(), r.Meta.GetString("topic_words"))),
            b.Select(r => (r.Meta["topic"].GetInt32(), r.Meta.GetString("topic_words"))));
        Assert.All(a, r => Assert.True(r.Meta.ContainsKey("tokens") && r.Meta.ContainsKey("lang")));
    }

    [Fact]
    public void Plan_OptionSeed_OverridesTheRunSeed()
    {
        var a = Run(new TopicOptions { K = 5, Seed = 3 }, seed: 1);
        var b = Run(new TopicOptions { K = 5, Seed = 3 }, seed: 2);
        Assert.Equal(a.Select(r => r.Meta.GetString("topic_words")), b.Select(r => r.Meta.GetString("topic_words")));
    }

    [Fact]
    public void Plan_Sample_EmbedsOnlyTheSample_AndNamesTheRestByTheirWords()
    {
        var generator = new CountingGenerator();
        var step = new TopicEnrichStep(new EnrichOptions { Topics = new TopicOptions { K = 5, Sample = 300 } },
            new StepContext("enrich", 0, 42, "."), generator);
        var output = DatasetStepHarness.Run(step, Banking);
        Assert.Equal(300, generator.Embedded);
        Assert.Equal(Banking.Count, output.Count);
        var untagged = output.Count(r => r.Meta["topic"].GetInt32() < 0);
        Assert.True(untagged < Banking.Count / 20, $"{untagged} records without a topic");
        // The records of an intent gather in one topic, sampled or not: its largest topic holds at least 2 in 5 (chance: 1 in 5).
        foreach (var intent in Intents)
        {
            var ofIntent = output.Where(r => r.Label == intent).ToList();
            var top = TopicOf(output, intent).Topic;
            Assert.True(ofIntent.Count(r => r.Meta["topic"].GetInt32() == top) * 5 >= ofIntent.Count * 2, $"{intent}: {ofIntent.Count(r => r.Meta["topic"].GetInt32() == top)} of {ofIntent.Count} in topic {top}; " + string.Join(",", ofIntent.GroupBy(r => r.Meta["topic"].GetInt32()).Select(g => $"{g.Key}:{g.Count()}")));
        }
    }

    [Fact]
    public void Plan_EmptyInputOrFewerRecordsThanK_StillTagsEveryRecord()
    {
        Assert.Empty(Run(new TopicOptions { K = 5 }, records: []));
        var three = Run(new TopicOptions { K = 5 }, records: Banking.Take(3).ToList());
        Assert.Equal(3, three.Count);
        Assert.All(three, r => Assert.InRange(r.Meta["topic"].GetInt32(), 0, 2));
    }

    [Fact]
    public void SampleMask_ChoosesExactlyTheSizeAndDependsOnTheSeed()
    {
        var records = Enumerable.Range(0, 1000).Select(i => new Record { Id = $"r{i}", Text = "x", Provenance = Provenance.From($"a.jsonl:{i + 1}") }).ToList();
        bool[] Mask(long seed) => TopicEnrichStep.SampleMask(records.Select(r => RecordOrigin.Uniform(seed, r)).ToArray(), 100);
        var a = Mask(1);
        Assert.Equal(100, a.Count(x => x));
        Assert.Equal(a, Mask(1));
        Assert.NotEqual(a, Mask(2));
    }

    private sealed class CountingGenerator : Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>
    {
        private readonly BagOfWordsGenerator _inner = new();
        public int Embedded { get; private set; }

        public Task<Microsoft.Extensions.AI.GeneratedEmbeddings<Microsoft.Extensions.AI.Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, Microsoft.Extensions.AI.EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var list = values.ToList();
            Embedded += list.Count;
            return _inner.GenerateAsync(list, options, cancellationToken);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose() { }
    }
}
