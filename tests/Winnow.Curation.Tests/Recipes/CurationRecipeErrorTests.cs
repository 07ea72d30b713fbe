using Winnow.Core;
using Winnow.Core.Recipes;
using Winnow.Core.Steps;
using Winnow.Curation.Tests.Semantic;

namespace Winnow.Curation.Tests.Recipes;

/// <summary>
/// The Curation I steps' bad options as a person writes them: out of range, wrong type, unknown value, inconsistent
/// combinations (refused when the recipe loads) and missing files (refused when the step is built, before any
/// record is read). Every error names the recipe file, the step's line and the key.
/// </summary>
public sealed class CurationRecipeErrorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("winnow-recipe-errors-").FullName;

    private string RecipePath => Path.Combine(_root, "recipe.yaml");

    /// <summary>Parses a recipe whose step (line 5) is <paramref name="step"/>, then builds the step as a run does.</summary>
    private void Load(string step)
    {
        var yaml = $"name: t\ninputs:\n  - path: data.jsonl\nsteps:\n  - {step}\noutputs:\n  - path: out.jsonl\n";
        File.WriteAllText(RecipePath, yaml);
        var recipe = RecipeLoader.Parse(yaml, RecipePath, new StepRegistry().AddCore().AddCuration(() => new BagOfWordsGenerator()));
        recipe.Steps.Single().Create(new StepContext(recipe.Steps.Single().Name, 0, 42, _root, _root));
    }

    [Theory]
    // filter.quality
    [InlineData("filter.quality: {rules: [gopher]}", "filter.quality.rules", "gopher_quality")]
    [InlineData("filter.quality: {gopher_quality: {min_doc_words: many}}", "min_doc_words", "many")]
    [InlineData("filter.quality: {fineweb: {short_line_thr: 3}}", "short_line_thr", "0 to 1")]
    [InlineData("filter.quality: {gopher_quality: {min_words: 3}}", "min_words", "min_doc_words")]
    // filter.language
    [InlineData("filter.language: {min_score: 2}", "min_score", "1")]
    // pii.redact
    [InlineData("pii.redact: {mode: mask}", "pii.redact.mode", "replace")]
    [InlineData("pii.redact: {types: [emails]}", "pii.redact.types", "email")]
    // dedup.minhash
    [InlineData("dedup.minhash: {shards: 0}", "dedup.minhash.shards", "1")]
    [InlineData("dedup.minhash: {threshold: high}", "dedup.minhash.threshold", "high")]
    [InlineData("dedup.minhash: {bands: 20, rows: 8}", "dedup.minhash.bands", "permutations")]
    // dedup.semantic
    [InlineData("dedup.semantic: {threshold: 1.5}", "dedup.semantic.threshold", "1")]
    [InlineData("dedup.semantic: {clusters: 0}", "dedup.semantic.clusters", "1")]
    [InlineData("dedup.semantic: {treshold: 0.9}", "treshold", "threshold")]
    // filter.outliers
    [InlineData("filter.outliers: {length: median}", "filter.outliers.length", "iqr")]
    [InlineData("filter.outliers: {length: none}", "filter.outliers", "nothing")]
    [InlineData("filter.outliers: {embedding_z: -1}", "filter.outliers.embedding_z", "0")]
    // filter.relevance
    [InlineData("filter.relevance: {}", "filter.relevance", "exemplars")]
    [InlineData("filter.relevance: {class_centroids: true, mode: remove}", "filter.relevance.mode", "flag")]
    [InlineData("filter.relevance: {class_centroids: yes please}", "filter.relevance.class_centroids", "yes please")]
    // decontaminate
    [InlineData("decontaminate: {ngram: 8}", "decontaminate.files", "")]
    [InlineData("decontaminate: {files: [e.jsonl], ngram: 5}", "min_words", "")]
    [InlineData("decontaminate: {files: [e.jsonl], mode: remove}", "decontaminate.mode", "flag")]
    public void Load_BadOption_RecipeErrorNamesFileLineAndKey(string step, string key, string hint)
    {
        var e = Assert.Throws<RecipeException>(() => Load(step));

        Assert.Equal(RecipePath, Path.GetFullPath(e.File));
        Assert.Equal(5, e.Line);
        Assert.Contains(key, e.Key + " " + e.Message);
        Assert.Contains(hint, e.Message);
        Assert.StartsWith($"{e.File}:5:", e.Message);
    }

    [Theory]
    [InlineData("decontaminate: {files: [eval/missing.jsonl]}", "missing.jsonl")]
    [InlineData("filter.outliers: {words_file: words/missing.txt}", "missing.txt")]
    [InlineData("filter.relevance: {exemplars: missing.csv}", "missing.csv")]
    public void Load_MissingFile_RecipeErrorBeforeAnyRecordIsRead(string step, string file)
    {
        var e = Assert.Throws<RecipeException>(() => Load(step));

        Assert.Equal(5, e.Line);
        Assert.Contains(file, e.Message);
        Assert.StartsWith($"{e.File}:5:", e.Message);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
