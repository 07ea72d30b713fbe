using System.Text.Json;
using Winnow.Core;
using Winnow.Core.Recipes;
using Winnow.Core.Running;
using Winnow.Core.Steps;
using Winnow.Curation.Enrich;
using Winnow.Curation.Tests.Quality;
using Winnow.Curation.Tests.Semantic;

namespace Winnow.Curation.Tests.Enrich;

/// <summary>enrich from a recipe: binding, errors before the run, and topics through the real runner.</summary>
public sealed class EnrichRecipeTests : IDisposable
{
    private readonly OneStepRecipe _recipe = new();

    public void Dispose() => _recipe.Dispose();

    [Fact]
    public void Bind_Defaults_CheapFieldsOnQualityAndTopicsOff()
    {
        var o = (EnrichOptions)_recipe.Parse("enrich: {}").Steps.Single().Options;
        Assert.True(o.Language);
        Assert.Null(o.Languages);
        Assert.False(o.Quality);
        Assert.Null(o.Topics);
    }

    [Fact]
    public void Bind_Topics_BindsNestedOptions()
    {
        var o = (EnrichOptions)_recipe.Parse("enrich: {quality: true, languages: [en, es], topics: {k: 12, words: 4, sample: 5000, seed: 9}}").Steps.Single().Options;
        Assert.True(o.Quality);
        Assert.Equal(["en", "es"], o.Languages);
        Assert.Equal(new TopicOptions { K = 12, Words = 4, Sample = 5000, Seed = 9 }, o.Topics);
    }

    [Theory]
    [InlineData("enrich: {languages: [xx]}", "enrich.languages")]
    [InlineData("enrich: {topics: {k: 50, sample: 10}}", "enrich.topics.sample")]
    [InlineData("enrich: {topics: {k: 0}}", "enrich.topics.k")]
    [InlineData("enrich: {topics: {kk: 3}}", "unknown option")]
    public void Bind_BadOption_RecipeErrorNamesTheOption(string step, string expected) =>
        Assert.Contains(expected, Assert.Throws<RecipeException>(() => _recipe.Parse(step)).Message);

    [Fact]
    public void Run_TopicsWithoutEmbeddings_SaysSoWithoutAStackTrace()
    {
        File.WriteAllText(Path.Combine(_recipe.Root, "data.jsonl"), "{\"text\":\"where is my card\"}\n");
        var e = Assert.ThrowsAny<WinnowException>(() => _recipe.Run("enrich: {topics: {k: 2}}"));
        Assert.Contains("enrich with topics needs an embedding generator", e.Message);
    }

    [Fact]
    public void Run_Topics_WritesTopicFieldsThroughTheRunner()
    {
        var records = BundledData.Banking77().Where(r => r.Label is "card_arrival" or "exchange_rate").ToList();
        File.WriteAllLines(Path.Combine(_recipe.Root, "data.jsonl"),
            records.Select(r => JsonSerializer.Serialize(new { text = r.Text, label = r.Label })));
        var yaml = """
            name: topics
            seed: 42
            inputs:
              - path: data.jsonl
            steps:
              - enrich: {topics: {k: 2, words: 2}}
            outputs:
              - path: out.jsonl
            """;
        var path = Path.Combine(_recipe.Root, "topics.yaml");
        File.WriteAllText(path, yaml);
        var registry = new StepRegistry().AddCore().AddCuration(() => new BagOfWordsGenerator());
        new Runner(RecipeLoader.Parse(yaml, path, registry), new RunOptions { OutputDirectory = _recipe.Out("") }).Run();

        var lines = File.ReadAllLines(_recipe.Out("out.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(records.Count, lines.Count);
        var byTopic = lines.GroupBy(l => l.GetProperty("meta").GetProperty("topic_words").GetString()).ToList();
        Assert.Equal(2, byTopic.Count);
        var exchange = lines.Where(l => l.GetProperty("label").GetString() == "exchange_rate")
            .GroupBy(l => l.GetProperty("meta").GetProperty("topic_words").GetString()!).OrderByDescending(g => g.Count()).First().Key;
        Assert.True(exchange.Split('_').Intersect(["exchange", "rate", "rates"]).Any(), exchange);
    }
}
