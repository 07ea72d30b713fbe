using Winnow.Compare.Recipe;
using Winnow.Tuning.Training;

namespace Winnow.Cli.Tests.Examples;

/// <summary>The bundled comparison and demo recipes load, and say what the README says they do.</summary>
public sealed class CompareExamplesTests
{
    [Theory]
    [InlineData("compare.yaml", 6, 2, "seconds")]
    [InlineData("compare-full.yaml", 6, 1, "epochs")]
    [InlineData("compare-lowdata.yaml", 6, 1, "epochs")]
    [InlineData("compare-ablation.yaml", 1, 4, "epochs")]
    [InlineData("compare-demo.yaml", 2, 1, "seconds")]
    public void Load_BundledComparison_IsValid(string file, int methods, int variants, string budget)
    {
        var r = CompareRecipeLoader.Load(RepoFiles.Path($"examples/banking77/{file}"));

        Assert.Equal(methods, r.Methods.Count);
        Assert.Equal(variants, r.Datasets.Count);
        Assert.Equal(budget, r.Budget.Epochs is null ? "seconds" : "epochs");
        Assert.EndsWith(Path.Combine("out", "banking77", "test.jsonl"), r.Test.Path);
    }

    [Fact]
    public void Load_FullComparison_IsTheTwoHourTarget_SixMethodsThreeSeedsOneEpoch()
    {
        var r = CompareRecipeLoader.Load(RepoFiles.Path("examples/banking77/compare-full.yaml"));

        Assert.Equal(MethodNames.All, r.Methods);
        Assert.Equal(3, r.Seeds.Count);
        Assert.Equal(1, r.Budget.Epochs);
    }

    [Fact]
    public void Load_DemoTrainRecipe_OneEpochOfLoraOnTheOfficialTestSet()
    {
        var r = TrainRecipeLoader.Load(RepoFiles.Path("examples/banking77/train-demo.yaml"));

        Assert.Equal(1, r.Training.Epochs);
        Assert.EndsWith(Path.Combine("out", "banking77", "test.jsonl"), r.Data.Eval);
    }
}
