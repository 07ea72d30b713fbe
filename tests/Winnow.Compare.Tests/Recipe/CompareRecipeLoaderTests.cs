using Winnow.Compare.Recipe;
using Winnow.Core;

namespace Winnow.Compare.Tests.Recipe;

public sealed class CompareRecipeLoaderTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private CompareRecipe Parse(string yaml) => CompareRecipeLoader.Parse(yaml, Path.Combine(_files.Dir, "c.yaml"));

    private const string Minimal = "datasets: [{name: raw, path: data/train.jsonl}]\ntest: {path: data/test.jsonl}\nbudget: {epochs: 1}\n";

    [Fact]
    public void Parse_Minimal_FillsEveryDefault()
    {
        var r = Parse(Minimal);

        Assert.Equal(["full", "lora", "adapter", "prefix", "prompt", "head"], r.Methods);
        Assert.Equal([42L], r.Seeds);
        Assert.Equal([1.0], r.Fractions);
        Assert.Equal("lora", r.AblationMethod);
        Assert.Equal(3, r.Sweep.Points);
        Assert.Equal("c", r.Name);
        Assert.Equal(Path.Combine(_files.Dir, "data", "train.jsonl"), r.Main.Path);
        Assert.Equal(Path.Combine(_files.Dir, "data", "test.jsonl"), r.Test.Path);
    }

    [Fact]
    public void Parse_MisspelledMethod_NamesLineKeyAndSuggests()
    {
        var ex = Assert.Throws<RecipeException>(() => Parse("methods: [full, lorra]\n" + Minimal));

        Assert.Equal(1, ex.Line);
        Assert.Equal("methods[1]", ex.Key);
        Assert.Contains("did you mean 'lora'", ex.Message);
        Assert.Equal(2, ex.ExitCode);
    }

    [Fact]
    public void Parse_UnknownTopKey_SuggestsTheNearOne()
    {
        var ex = Assert.Throws<RecipeException>(() => Parse(Minimal + "sedes: [1, 2]\n"));

        Assert.Equal(4, ex.Line);
        Assert.Contains("did you mean 'seeds'", ex.Message);
    }

    [Fact]
    public void Parse_BothBudgetKinds_IsAnError()
    {
        var ex = Assert.Throws<RecipeException>(() => Parse(Minimal.Replace("{epochs: 1}", "{epochs: 1, seconds: 60}")));

        Assert.Equal("budget", ex.Key);
        Assert.Equal(3, ex.Line);
    }

    [Fact]
    public void Parse_NoBudget_SaysItIsRequired()
    {
        var ex = Assert.Throws<RecipeException>(() => Parse(Minimal.Replace("budget: {epochs: 1}\n", "")));

        Assert.Equal("budget", ex.Key);
        Assert.Contains("required", ex.Message);
    }

    [Theory]
    [InlineData("fractions: [0.1, 1.5]\n", "fractions")]
    [InlineData("fractions: [0.5, 0.5]\n", "fractions")]
    [InlineData("seeds: []\n", "seeds")]
    [InlineData("ablation_method: full\nmethods: [lora, head]\n", "ablation_method")]
    [InlineData("lr: {lora: -1}\n", "lr.lora")]
    [InlineData("sweep: {points: 0}\n", "sweep.points")]
    [InlineData("training: {metric: f1}\n", "training.metric")]
    public void Parse_BadValue_NamesTheKey(string extra, string key)
    {
        var ex = Assert.Throws<RecipeException>(() => Parse(Minimal + extra));

        Assert.Equal(key, ex.Key);
    }

    [Fact]
    public void Parse_DuplicateDatasetName_IsAnError()
    {
        var ex = Assert.Throws<RecipeException>(() => Parse(Minimal.Replace("[{name: raw, path: data/train.jsonl}]", "[{name: raw, path: a.jsonl}, {name: raw, path: b.jsonl}]")));

        Assert.Equal("datasets[1].name", ex.Key);
    }

    [Fact]
    public void Parse_MalformedYaml_NamesTheLine()
    {
        var ex = Assert.Throws<RecipeException>(() => Parse(Minimal + "methods: [lora\n"));

        Assert.Equal("(yaml)", ex.Key);
        Assert.True(ex.Line >= 4, ex.Message);
    }

    [Fact]
    public void Load_MissingFile_ExitsTwo()
    {
        var ex = Assert.Throws<WinnowException>(() => CompareRecipeLoader.Load(Path.Combine(_files.Dir, "nope.yaml")));

        Assert.Equal(2, ex.ExitCode);
        Assert.Contains("nope.yaml", ex.Message);
    }
}
