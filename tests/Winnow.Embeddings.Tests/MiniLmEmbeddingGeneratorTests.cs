using Microsoft.Extensions.AI;

namespace Winnow.Embeddings.Tests;

public sealed class MiniLmEmbeddingGeneratorTests
{
    [Fact]
    public void Generate_Paraphrases_AreCloserThanUnrelatedSentences()
    {
        var v = Model.Embed(
            "How do I reset my PIN?",
            "What is the way to change my PIN number?",
            "The weather in Lisbon is sunny today.",
            "My card payment was declined at the shop.",
            "Why was my card refused when I tried to pay?");

        Assert.True(Model.Cosine(v[0], v[1]) > 0.6, $"paraphrase cosine {Model.Cosine(v[0], v[1])}");
        Assert.True(Model.Cosine(v[3], v[4]) > 0.6, $"paraphrase cosine {Model.Cosine(v[3], v[4])}");
        Assert.True(Model.Cosine(v[0], v[2]) < 0.2, $"unrelated cosine {Model.Cosine(v[0], v[2])}");
        Assert.True(Model.Cosine(v[0], v[1]) > Model.Cosine(v[0], v[3]) + 0.2);
    }

    [Fact]
    public void Generate_QuickstartSentences_MatchSentenceTransformersReference()
    {
        // sbert.net quickstart, SentenceTransformer("all-MiniLM-L6-v2").similarity: 0.6660, 0.1046, 0.1411.
        var v = Model.Embed("The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium.");
        Assert.Equal(0.6660, Model.Cosine(v[0], v[1]), 0.002);
        Assert.Equal(0.1046, Model.Cosine(v[0], v[2]), 0.002);
        Assert.Equal(0.1411, Model.Cosine(v[1], v[2]), 0.002);
    }

    [Fact]
    public void Generate_AnyText_Gives384NormalisedFloats()
    {
        var v = Model.Embed("short", "", string.Join(' ', Enumerable.Repeat("a much longer sentence about banking", 60)));
        Assert.All(v, x =>
        {
            Assert.Equal(384, x.Length);
            Assert.Equal(1.0, Math.Sqrt(x.Sum(f => (double)f * f)), 4);
        });
    }

    [Fact]
    public void Generate_LongTexts_AreTruncatedToMaxTokens()
    {
        var tail = string.Join(' ', Enumerable.Repeat("weather", 200));
        var v = Model.Embed("card payment declined " + string.Join(' ', Enumerable.Repeat("card", 130)) + " " + tail,
            "card payment declined " + string.Join(' ', Enumerable.Repeat("card", 130)));
        Assert.Equal(1.0, Model.Cosine(v[0], v[1]), 5); // the tail lies past 128 tokens
    }

    [Fact]
    public void Generate_Batched_EqualsOneTextAtATime()
    {
        var texts = Model.Banking77().Take(40).Select(r => r.Text!).ToArray();
        var batched = Model.Embed(texts);
        using var single = new MiniLmEmbeddingGenerator(new MiniLmOptions { BatchSize = 1 });
        var alone = Core.Embeddings.EmbeddingBatches.EmbedAll(single, texts);
        for (var i = 0; i < texts.Length; i++)
            for (var d = 0; d < 384; d++)
                Assert.Equal(alone[i][d], batched[i][d], 4);
    }

    [Fact]
    public void Generate_CacheHit_ReturnsIdenticalVectorsWithoutRunningTheModel()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"winnow-emb-{Guid.NewGuid():N}");
        try
        {
            string[] texts = ["I lost my card", "Where is my refund?", "I lost my card"];
            float[][] first;
            using (var g = new MiniLmEmbeddingGenerator(new MiniLmOptions { CacheDirectory = dir }))
            {
                first = Core.Embeddings.EmbeddingBatches.EmbedAll(g, texts);
                Assert.Equal(3, g.Encoded); // the repeated text is encoded in the same call: not cached yet
                var again = Core.Embeddings.EmbeddingBatches.EmbedAll(g, texts);
                Assert.Equal(3, g.Encoded);
                Assert.Equal(first, again);
            }
            using (var reopened = new MiniLmEmbeddingGenerator(new MiniLmOptions { CacheDirectory = dir }))
            {
                var fromDisk = Core.Embeddings.EmbeddingBatches.EmbedAll(reopened, texts);
                Assert.Equal(0, reopened.Encoded);
                Assert.Equal(first, fromDisk);
            }
            var segments = Directory.GetFiles(Path.Combine(dir, "minilm-l6-v2-128"), "*.seg");
            Assert.Equal(2 * (16 + 384 * 4), segments.Sum(f => new FileInfo(f).Length));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void GetService_Metadata_NamesTheModelAndDimensions()
    {
        var metadata = Model.Generator.GetService<EmbeddingGeneratorMetadata>();
        Assert.NotNull(metadata);
        Assert.Equal("sentence-transformers/all-MiniLM-L6-v2", metadata.DefaultModelId);
        Assert.Equal(384, metadata.DefaultModelDimensions);
    }
}
