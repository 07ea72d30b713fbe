using System.Text.Json;
using Winnow.Core;
using Winnow.Core.Recipes;
using Winnow.Core.Running;
using Winnow.Curation.Language;

namespace Winnow.Curation.Tests.Language;

/// <summary>filter.language from a recipe: option binding, clear errors, and a real run through the runner.</summary>
public sealed class LanguageRecipeTests : IDisposable
{
    private readonly OneStepRecipe _recipe = new();

    public void Dispose() => _recipe.Dispose();

    private Recipe Parse(string step) => _recipe.Parse(step);

    [Fact]
    public void Bind_Defaults_KeepAnyNoMinScoreContentText()
    {
        var o = (LanguageFilterOptions)Parse("filter.language: {}").Steps.Single().Options;
        Assert.Equal(["any"], o.Keep);
        Assert.Equal(0, o.MinScore);
        Assert.Null(o.Field);
        Assert.Null(o.Languages);
        Assert.Equal("web", o.Prior);
        Assert.Empty(o.PriorWeights);
        Assert.True(o.Words);
    }

    [Fact]
    public void Bind_ScalarAndListKeep()
    {
        Assert.Equal(["any"], ((LanguageFilterOptions)Parse("filter.language: {keep: any}").Steps.Single().Options).Keep);
        var o = (LanguageFilterOptions)Parse("filter.language: {keep: [en, es], min_score: 0.8, field: meta.original, languages: [en, es, pt]}").Steps.Single().Options;
        Assert.Equal(["en", "es"], o.Keep);
        Assert.Equal(0.8, o.MinScore);
        Assert.Equal("meta.original", o.Field);
        Assert.Equal(["en", "es", "pt"], o.Languages);
    }

    [Fact]
    public void Bind_PriorWeightsAndWords()
    {
        var o = (LanguageFilterOptions)Parse("filter.language: {prior: uniform, prior_weights: {af: 5, nl: 2.5}, words: false}").Steps.Single().Options;
        Assert.Equal("uniform", o.Prior);
        Assert.Equal(5, o.PriorWeights["af"]);
        Assert.Equal(2.5, o.PriorWeights["nl"]);
        Assert.False(o.Words);
    }

    [Theory]
    [InlineData("filter.language: {keep: [en, klingon]}", "'klingon' is not a known language")]
    [InlineData("filter.language: {keep: [any, en]}", "filter.language.keep")]
    [InlineData("filter.language: {min_score: 1.5}", "0 to 1")]
    [InlineData("filter.language: {field: body}", "'body' is not a field")]
    [InlineData("filter.language: {languages: [xx]}", "filter.language.languages")]
    [InlineData("filter.language: {treshold: 0.5}", "unknown option")]
    [InlineData("filter.language: {prior: cc}", "filter.language.prior")]
    [InlineData("filter.language: {prior_weights: {xx: 1}}", "'xx' is not a known language")]
    [InlineData("filter.language: {prior_weights: {af: 0}}", "must be above 0")]
    public void Bind_BadOption_RecipeErrorNamesTheOption(string step, string expected) =>
        Assert.Contains(expected, Assert.Throws<RecipeException>(() => Parse(step)).Message);

    [Fact]
    public void Run_KeepEnglish_WritesLangMetaAndRejectsOthersWithReason()
    {
        var texts = new[]
        {
            "How do I link a card that I already have?",
            "¿Cómo enlazo una tarjeta que ya tengo en mi cuenta?",
            "Wie kann ich eine Karte verknüpfen, die ich bereits habe?",
            "The exchange rate on my purchase is wrong.",
        };
        File.WriteAllLines(Path.Combine(_recipe.Root, "data.jsonl"), texts.Select(t => JsonSerializer.Serialize(new { text = t })));
        var result = new Runner(Parse("filter.language: {keep: [en]}"), new RunOptions { OutputDirectory = Path.Combine(_recipe.Root, "out") }).Run();

        Assert.Equal(2, result.Manifest.Steps[0].Dropped["language_not_kept"]);
        var kept = File.ReadAllLines(Path.Combine(_recipe.Root, "out", "out.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([texts[0], texts[3]], kept.Select(k => k.GetProperty("text").GetString()));
        Assert.All(kept, k => Assert.Contains("\"lang\":\"en\"", k.GetRawText().Replace(" ", "")));
        var details = File.ReadAllLines(Path.Combine(_recipe.Root, "out", "rejects", "filter.language.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("detail").GetString()!).ToList();
        Assert.Equal(["es", "de"], details.Select(d => d.Split(' ')[0]));
    }
}
