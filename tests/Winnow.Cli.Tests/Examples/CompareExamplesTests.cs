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
    [InlineData("compare-ablation.yaml", 1, 5, "epochs")]
    [InlineData("compare-demo.yaml", 2, 1, "seconds")]
    [InlineData("compare-sweepcheck.yaml", 6, 1, "epochs")]
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
        var check = CompareRecipeLoader.Load(RepoFiles.Path("examples/banking77/compare-sweepcheck.yaml"));
        Assert.Equal(r.Name, check.Name); // the same output folder: the check reuses the full comparison's runs
        Assert.True(check.Sweep.Check);
        Assert.Equal((r.Budget, r.Training, r.Sweep with { Check = true }, r.Test), (check.Budget, check.Training, check.Sweep, check.Test));
        Assert.Equal(r.Methods, check.Methods);
        Assert.Equal(r.Seeds, check.Seeds);
        Assert.Equal(r.Main, check.Main);
    }

    [Theory]
    [InlineData("compare-lowdata.yaml")]
    [InlineData("compare-ablation.yaml")]
    public void Load_LowDataAndAblation_ReuseTheFullComparisonsRuns_WithTheSameSettings(string file)
    {
        // Runs are copied only when request and data match: the settings that enter a request must be the full comparison's.
        var full = CompareRecipeLoader.Load(RepoFiles.Path("examples/banking77/compare-full.yaml"));
        var r = CompareRecipeLoader.Load(RepoFiles.Path($"examples/banking77/{file}"));

        Assert.Equal(Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(full.Test.Path)!)!, "banking77-compare-full"), r.Reuse.Single());
        Assert.Contains(r.Datasets, d => d == full.Main);
        Assert.Equal((full.Budget, full.Training, full.Sweep, full.Test, full.HeadLr, full.Seed, full.ValidationFraction),
            (r.Budget, r.Training, r.Sweep, r.Test, r.HeadLr, r.Seed, r.ValidationFraction));
    }

    [Fact]
    public void Load_DemoTrainRecipe_OneEpochOfLoraOnTheOfficialTestSet()
    {
        var r = TrainRecipeLoader.Load(RepoFiles.Path("examples/banking77/train-demo.yaml"));

        Assert.Equal(1, r.Training.Epochs);
        Assert.EndsWith(Path.Combine("out", "banking77", "test.jsonl"), r.Data.Eval);
    }
}
