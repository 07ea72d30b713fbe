using Microsoft.Extensions.AI;
using Winnow.Core.Recipes;
using Winnow.Core.Running;
using Winnow.Core.Running.Sharding;
using Winnow.Core.Services;
using Winnow.Core.Steps;
using Winnow.Curation;
using Winnow.Embeddings;

namespace Winnow.Cli.Tests.Commands.ScaleOut;

/// <summary>
/// The steps that embed while planning (dedup.semantic, filter.outliers, filter.relevance, enrich topics): each shard
/// embeds its own records at the end of the stage before, and the plan task reads the vectors. Real MiniLM, with a
/// cache folder shared by this class's tests (the first one embeds, the others read the cache).
/// </summary>
public sealed class ShardedEmbeddingsTests(ShardedEmbeddingsTests.Model model) : IDisposable, IClassFixture<ShardedEmbeddingsTests.Model>
{
    private const string Recipe = """
        name: semantic
        seed: 11
        chunk_size: 97
        inputs:
          - path: a.jsonl
            on_error: skip
          - path: b.jsonl
        steps:
          - normalize: {}
          - filter.length: {min_words: 3}
          - dedup.semantic: {threshold: 0.93}
          - filter.outliers: {embedding: true, embedding_z: 2.0, length: none}
          - filter.relevance: {class_centroids: true, threshold: 0.55}
          - enrich: {topics: {k: 4}}
        outputs:
          - path: data.jsonl
        """;

    private readonly TempFolder _dir = new();
    private readonly CountingGenerator _embeddings = model.Embeddings;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Run_EmbeddingSteps_NShards_SameBytesAsOneProcess(int shards)
    {
        var recipe = ScaleOutData.Write(_dir, Recipe);
        var one = new Runner(Load(recipe), new RunOptions { OutputDirectory = Path.Combine(_dir.Path, "one") }).Run();
        var run = new ShardedRun(Load(recipe), new RunOptions { OutputDirectory = Path.Combine(_dir.Path, "sharded") }, shards);
        Assert.Equal(5, run.Stages);
        for (var stage = 0; stage < run.Stages; stage++)
        {
            if (stage > 0) run.Plan(stage);
            for (var i = shards - 1; i >= 0; i--) run.RunTask(stage, i);
        }
        run.Merge();

        var expected = ScaleOutData.Hashes(Path.Combine(_dir.Path, "one"));
        Assert.Equal(expected, ScaleOutData.Hashes(Path.Combine(_dir.Path, "sharded")));
        // Every embedding step did something worth comparing.
        Assert.Contains("rejects/dedup.semantic.jsonl", expected.Keys);
        Assert.Contains("rejects/filter.outliers.jsonl", expected.Keys);
        Assert.Contains("rejects/filter.relevance.jsonl", expected.Keys);
        Assert.Contains("\"topic_words\"", File.ReadLines(Path.Combine(_dir.Path, "one", "data.jsonl")).First());
        Assert.True(one.Manifest.Steps.Single(s => s.Name == "dedup.semantic").Dropped.Values.Sum() > 0);
    }

    [Fact]
    public void Plan_EmbeddingStep_ReadsTheShardsVectorsAndEmbedsNothing()
    {
        var recipe = ScaleOutData.Write(_dir, Recipe);
        var run = new ShardedRun(Load(recipe), new RunOptions { OutputDirectory = Path.Combine(_dir.Path, "out") }, 3);
        var before = _embeddings.Texts;
        for (var i = 0; i < 3; i++) run.RunTask(0, i);
        var embeddedByShards = _embeddings.Texts - before;
        Assert.True(embeddedByShards > 500, $"the shards embedded {embeddedByShards} texts");

        run.Plan(1);   // dedup.semantic over every shard's records

        Assert.Equal(embeddedByShards, _embeddings.Texts - before);
        var vectors = Directory.EnumerateFiles(Path.Combine(_dir.Path, "out"), "vectors.bin", SearchOption.AllDirectories).ToList();
        Assert.Equal(3, vectors.Count);
    }

    [Fact]
    public void ShardVectors_WriteRead_EachDistinctTextOnce_ATornFileIsRefusedNamingIt()
    {
        var records = new[] { "card arrived", "refund please", "card arrived" }.Select(t => new Winnow.Core.Records.Record { Id = t, Text = t });
        var path = Path.Combine(_dir.Path, "vectors.bin");
        using (var file = File.Create(path))
            Assert.Equal(2, Winnow.Core.Embeddings.ShardVectors.Write(records, _embeddings, file, default));
        var vectors = Winnow.Core.Embeddings.ShardVectors.Read([path]);
        Assert.Equal(2, vectors.Count);
        var expected = Winnow.Core.Embeddings.EmbeddingBatches.EmbedAll(_embeddings, ["refund please"])[0];
        Assert.Equal(expected, vectors[Winnow.Core.Embeddings.ShardVectors.Key("refund please")]);

        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^10]);
        var e = Assert.Throws<Winnow.Core.WinnowException>(() => Winnow.Core.Embeddings.ShardVectors.Read([path]));
        Assert.Contains(path, e.Message);
    }

    private Recipe Load(string path)
    {
        var services = new StepServices { Embeddings = () => _embeddings };
        return RecipeLoader.Load(path, new StepRegistry { Services = services }.AddCore().AddCuration());
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>MiniLM with a cache folder of its own, for the class's tests.</summary>
    public sealed class Model : IDisposable
    {
        private readonly TempFolder _cache = new();

        public Model() => Embeddings = new CountingGenerator(new MiniLmEmbeddingGenerator(new MiniLmOptions { CacheDirectory = _cache.Path }));

        internal CountingGenerator Embeddings { get; }

        public void Dispose()
        {
            Embeddings.Dispose();
            _cache.Dispose();
        }
    }

    /// <summary>The real generator, counting the texts it is asked to embed.</summary>
    internal sealed class CountingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner) : IEmbeddingGenerator<string, Embedding<float>>
    {
        private long _texts;

        public long Texts => Interlocked.Read(ref _texts);

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var texts = values.ToList();
            Interlocked.Add(ref _texts, texts.Count);
            return inner.GenerateAsync(texts, options, cancellationToken);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);

        public void Dispose() => inner.Dispose();
    }
}
