using Winnow.Compare.Planning;
using Winnow.Compare.Recipe;

namespace Winnow.Compare.Tests.Planning;

public sealed class RunPlanTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void SweepRates_ThreePointsFactorThree_AreCentreOverThreeCentreAndTimesThree()
    {
        Assert.Equal([3.33e-4, 1e-3, 3e-3], RunPlan.SweepRates(1e-3, 3, 3));
    }

    [Fact]
    public void SweepRates_EvenPoints_AreCentredInLogSpace()
    {
        var rates = RunPlan.SweepRates(1e-2, 2, 4);

        Assert.Equal([5e-3, 2e-2], rates);
        Assert.Equal(1e-2, Math.Sqrt(rates[0] * rates[1]), 6);
    }

    [Fact]
    public void MainRuns_EveryMethodAtEveryFractionAndSeed_ThenTheAblationMethodOnOtherVariants()
    {
        _files.Labelled("b.jsonl", 2, 4);
        var r = _files.Recipe("seeds: [1, 2]\nfractions: [0.5, 1.0]\n") with
        {
            Datasets = [new DatasetOptions { Name = "raw", Path = "a" }, new DatasetOptions { Name = "dedup", Path = "b" }],
        };

        var runs = RunPlan.MainRuns(r);

        Assert.Equal(2 * 2 * 2 + 2, runs.Count);
        Assert.Equal(8, runs.Count(x => x.Variant == "raw"));
        Assert.All(runs.Where(x => x.Variant == "dedup"), x => { Assert.Equal("lora", x.Method); Assert.Equal(1.0, x.Fraction); });
        Assert.Equal(runs.Count, runs.Select(x => x.Id).Distinct().Count());
        Assert.Contains(runs, x => x.Id == "runs/raw/head/f0.5/s2");
    }

    [Fact]
    public void SweepRuns_OnePerRatePerMethodAndVariant_WithTheFirstSeed()
    {
        var r = _files.Recipe("seeds: [7, 8]\nsweep: {points: 3, factor: 10}\n");

        var sweeps = RunPlan.SweepRuns(r, m => m == "lora" ? 1e-3 : 1e-2);

        Assert.Equal(6, sweeps.Count);
        Assert.All(sweeps, s => Assert.Equal(7, s.Seed));
        Assert.Equal([1e-4, 1e-3, 1e-2], sweeps.Where(s => s.Method == "lora").Select(s => s.Lr!.Value));
        Assert.Equal("sweep/raw/lora/lr-1E-4", sweeps[0].Id);
    }

    [Fact]
    public void SweepRuns_OnePoint_NoSweep()
    {
        Assert.Empty(RunPlan.SweepRuns(_files.Recipe("sweep: {points: 1}\n"), _ => 1e-3));
    }

    [Fact]
    public void Choose_BestScoreWins_TiesGoToTheRateNearestTheCentre_FailuresAreIgnored()
    {
        Assert.Equal(3e-3, RunPlan.Choose([(1e-3, 0.80), (3e-3, 0.85), (1e-2, null)], 1e-3));
        Assert.Equal(1e-3, RunPlan.Choose([(3.33e-4, 0.85), (1e-3, 0.85), (3e-3, 0.85)], 1e-3));
        Assert.Null(RunPlan.Choose([(1e-3, null), (3e-3, null)], 1e-3));
    }

    [Fact]
    public void EvalEvery_EpochBudget_SpreadsThePointsOverTheSteps()
    {
        // 1,000 examples / 32 = 32 steps per epoch; 2 epochs = 64 steps; 10 points → every 7 steps.
        Assert.Equal(7, RunPlan.EvalEvery(1000, 32, new BudgetOptions { Epochs = 2 }, 10, null));
        Assert.Equal(1, RunPlan.EvalEvery(1000, 32, new BudgetOptions { Epochs = 2, MaxSteps = 5 }, 10, null));
    }

    [Fact]
    public void EvalEvery_SecondsBudget_UsesTheMeasuredStepTime()
    {
        // 600 s at 0.5 s/step ≈ 1,200 steps → every 120 steps; unknown step time → one epoch's steps.
        Assert.Equal(120, RunPlan.EvalEvery(1000, 32, new BudgetOptions { Seconds = 600 }, 10, 0.5));
        Assert.Equal(4, RunPlan.EvalEvery(1000, 32, new BudgetOptions { Seconds = 600 }, 10, null));
    }
}
