using Winnow.Core.Classification;
using Winnow.Augmentation.Guards;
using Winnow.Embeddings;

namespace Winnow.Augmentation.Tests.Guards;

public sealed class GuardTests
{
    private static readonly Lazy<MiniLmEmbeddingGenerator> MiniLm = new(() => new MiniLmEmbeddingGenerator());

    private static Record Variant(string id, string text, string label = "lost_card") => new() { Id = id, Text = text, Label = label };

    [Fact]
    public async Task SimilarityGuard_RealMiniLm_KeepsAParaphraseDropsUnrelatedAndUnchanged()
    {
        const string source = "I lost my card yesterday, how do I block it?";
        var guard = new SimilarityGuard(MiniLm.Value);
        var verdicts = await guard.CheckAsync(
        [
            (source, Variant("a", "Yesterday I misplaced my card; how can I block it?")),
            (source, Variant("b", "What is the weather like in Paris in spring?")),
            (source, Variant("c", "I lost my card yesterday, how do I block it ?")),
        ]);
        Assert.Null(verdicts[0]);
        Assert.Equal("too_dissimilar", verdicts[1]!.Value.Reason);
        Assert.Equal("too_similar", verdicts[2]!.Value.Reason);
        Assert.Matches(@"^cosine -?0\.\d{4} < 0\.80$", verdicts[1]!.Value.Detail);
    }

    [Fact]
    public async Task DuplicateGuard_ExistingAndRepeatedVariants_AreDropped()
    {
        var guard = new DuplicateGuard([new Record { Id = "r", Text = "Where is my card?" }]);
        var verdicts = await guard.CheckAsync(
        [
            ("s", Variant("1", "where is  my CARD?")),
            ("s", Variant("2", "Where has my card gone?")),
            ("s", Variant("3", "where has my card gone?")),
        ]);
        Assert.Equal("duplicate_of_existing", verdicts[0]!.Value.Reason);
        Assert.Null(verdicts[1]);
        Assert.Equal("duplicate_variant", verdicts[2]!.Value.Reason);
    }

    /// <summary>A real (if tiny) classifier: the label whose keyword the text contains.</summary>
    private sealed class KeywordClassifier : ILabelClassifier
    {
        public Task<IReadOnlyList<string>> PredictAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<string>>(texts.Select(t => t.Contains("card", StringComparison.OrdinalIgnoreCase) ? "lost_card" : "other").ToList());
    }

    [Fact]
    public async Task LabelGuard_PredictionDiffers_DropsAsLabelChanged()
    {
        var verdicts = await new LabelGuard(new KeywordClassifier()).CheckAsync(
            [("s", Variant("1", "my card is gone")), ("s", Variant("2", "my wallet is gone")), ("s", new Record { Id = "3", Text = "no label" })]);
        Assert.Null(verdicts[0]);
        Assert.Equal(new GuardDrop("label_changed", "predicted other, expected lost_card"), verdicts[1]);
        Assert.Null(verdicts[2]);
    }

    [Fact]
    public async Task VariantGuards_InOrder_MoveDropsToRejectedAndCount()
    {
        var parent = new Record { Id = "p", Text = "Where is my card?", Label = "lost_card" };
        var results = new[]
        {
            new AugmentResult(parent, [Variant("p~1", "where is my card?"), Variant("p~2", "Where has my card gone?"), Variant("p~3", "my wallet is gone")], []),
        };
        var guards = new VariantGuards([new DuplicateGuard([parent]), new LabelGuard(new KeywordClassifier())]);
        var output = await guards.ApplyAsync(results);
        Assert.Equal(["p~2"], output[0].Created.Select(r => r.Id));
        Assert.Equal([("p~1", "duplicate_of_existing"), ("p~3", "label_changed")], output[0].Rejected.Select(r => (r.Variant.Id, r.Reason)));
        Assert.Equal((3L, 1L), (guards.Counts.Made, guards.Counts.Kept));
        Assert.Equal(1, guards.Counts.Dropped["label_changed"]);
    }
}
