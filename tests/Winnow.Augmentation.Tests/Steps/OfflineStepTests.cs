using Winnow.Embeddings;

namespace Winnow.Augmentation.Tests.Steps;

/// <summary>The augmenters that need no chat model, from recipes, with the real WordNet, Apertium and MiniLM.</summary>
public sealed class OfflineStepTests
{
    private static readonly Lazy<MiniLmEmbeddingGenerator> MiniLm = new(() => new MiniLmEmbeddingGenerator());

    private static readonly string[] Queries =
    [
        "I am still waiting for my new card to arrive in the mail.",
        "How long does a transfer from my account usually take?",
        "Why was my payment declined when I tried to buy groceries?",
        "Can I change the currency of my savings account?",
        "My card payment was charged twice for the same purchase.",
        "Where can I find the exchange rate you used for my transfer?",
        "Is there a fee for topping up my account with a credit card?",
        "The app says my identity could not be verified, what should I do?",
    ];

    [Fact]
    public void Eda_HighRatesWithDefaultGuards_MiniLmDropsVariantsThatLostTheMeaning()
    {
        using var run = new StepRun { Embeddings = () => MiniLm.Value };
        run.Input(Queries.Select(q => (q, "x")));
        var step = run.Run("inputs: [in.jsonl]\nsteps:\n  - augment.eda: {copies: 4, alpha_sr: 0.5, alpha_ri: 0.5, alpha_rs: 0.5, p_rd: 0.5, seed: 1}\noutputs: [out.jsonl]\n")
            .Manifest.Steps.Single();
        var made = step.Details!["variants"]["made"];
        var kept = step.Details["variants"]["kept"];
        var dropped = step.Details["variants_dropped"];
        Assert.Equal(kept, step.Created);
        Assert.Equal(made, kept + dropped.Values.Sum());
        Assert.True(dropped.GetValueOrDefault("too_dissimilar") > 0, $"no variant dropped as too dissimilar ({string.Join(", ", dropped)})");
        Assert.True(kept > 0, "every variant was dropped");
        var rejects = run.Rejects("out", "augment.eda");
        Assert.Equal(dropped.Values.Sum(), rejects.Length);
        Assert.All(rejects, l => Assert.Matches("\"reason\":\"(too_dissimilar|too_similar)\"", l));
        Assert.All(rejects, l => Assert.Contains("\"augmented_by\":\"augment.eda\"", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Synonyms_GuardsOff_SameVariantsAsTheRecordStep()
    {
        using var run = new StepRun();
        run.Input(Queries.Select(q => (q, "x")));
        var step = run.Run("inputs: [in.jsonl]\nsteps:\n  - augment.synonyms: {copies: 2, seed: 5, guards: {similarity: false, dedup: false}}\noutputs: [out.jsonl]\n").Manifest.Steps.Single();
        var direct = new Winnow.Augmentation.Synonyms.SynonymStep(new Winnow.Augmentation.Synonyms.SynonymOptions { Copies = 2, Seed = 5 }, 0);
        var expected = run.Records("out").Where(r => !r.Id.Contains('~')).SelectMany(r => new[] { r.Text }.Concat(direct.Apply(r, 0).Created.Select(c => c.Text)));
        Assert.Equal(expected, run.Records("out").Select(r => r.Text));
        Assert.Equal(step.Created, step.Details!["variants"]["kept"]);
    }

    [Fact]
    public void Backtranslate_Apertium_OneBatchThroughTheRoundTripInInputOrder()
    {
        using var run = new StepRun();
        run.Input(Queries.Append("Yes.").Select(q => (q, "x")));
        var result = run.Run("inputs: [in.jsonl]\nsteps:\n  - augment.backtranslate: {via: spa, guards: {similarity: false}}\noutputs: [out.jsonl]\n");
        var records = run.Records("out");
        var step = result.Manifest.Steps.Single();
        Assert.Equal(9, step.In);
        Assert.Equal(step.Created, records.Count(r => r.Id.EndsWith("~bt1", StringComparison.Ordinal)));
        Assert.True(step.Created >= 6, $"only {step.Created} round trips changed the text");
        // Each variant right after its parent, with the Spanish it went through.
        for (var i = 0; i < records.Count; i++)
            if (records[i].Id.EndsWith("~bt1", StringComparison.Ordinal))
            {
                Assert.Equal(records[i].Id[..^4], records[i - 1].Id);
                Assert.False(string.IsNullOrEmpty(records[i].Meta.GetString("pivot")));
                Assert.Equal("augment.backtranslate from " + records[i - 1].Id, records[i].Provenance.Steps[^1]);
            }
        Assert.Equal(step.Details!["variants"]["made"] - step.Created, run.Rejects("out", "augment.backtranslate").Length);
    }
}
