using Winnow.Core;
using Winnow.Core.Recipes;
using Winnow.Core.Steps;
using Winnow.Curation.Dedup.MinHash;

namespace Winnow.Curation.Tests.Dedup.MinHash;

/// <summary>dedup.minhash as a recipe names it: options bound by snake_case name, bad ones refused before the run.</summary>
public class MinHashRecipeTests
{
    private static Recipe Parse(string options) => RecipeLoader.Parse(
        $"inputs:\n  - path: data.jsonl\nsteps:\n  - dedup.minhash: {options}\noutputs:\n  - path: out.jsonl\n",
        "recipe.yaml", new StepRegistry().AddCore().AddCuration());

    [Fact]
    public void Parse_EveryOption_IsKnownAndBuildsTheStep()
    {
        var recipe = Parse("{threshold: 0.7, ngram: 3, permutations: 64, bands: 8, rows: 8, keep: longest, check_jaccard: false, seed: 5, memory_mb: 64, false_positive_weight: 0.2, shards: 4}");
        var step = Assert.IsType<MinHashDedupStep>(recipe.Steps.Single().Create(new StepContext("dedup.minhash", 0, 42, Path.GetTempPath())));

        Assert.Equal("dedup.minhash", step.Name);
    }

    [Theory]
    [InlineData("{keep: last}", "keep")]
    [InlineData("{threshold: 1.5}", "threshold")]
    [InlineData("{ngram: 0}", "ngram")]
    [InlineData("{bands: 20}", "rows")]
    [InlineData("{bands: 20, rows: 8}", "bands")]
    [InlineData("{shingles: 5}", "shingles")]
    [InlineData("{shards: 0}", "shards")]
    [InlineData("{shards: two}", "shards")]
    public void Parse_BadOption_NamesTheKeyAndLine(string options, string key)
    {
        var error = Assert.Throws<RecipeException>(() => Parse(options));

        Assert.Contains(key, error.Key);
        Assert.Equal(4, error.Line);
        Assert.Equal("recipe.yaml", Path.GetFileName(error.File));
    }
}
