using Winnow.Compare.Planning;
using Winnow.Compare.Results;
using Winnow.Compare.Running;

namespace Winnow.Compare.Tests.Results;

public sealed class AggregationTests
{
    private static RunRecord Run(long seed, double? accuracy, string? error = null, string method = "lora", IReadOnlyList<EvalPoint>? history = null) => new()
    {
        Id = $"runs/raw/{method}/f1/s{seed}", Kind = RunKind.Main, Method = method, Variant = "raw", Fraction = 1, Seed = seed, Fingerprint = "x",
        Error = error,
        Outcome = error is not null ? null : new RunOutcome
        {
            History = history ?? [new(10, 2, 0.5), new(20, 4, 0.8), new(30, 6, 0.8)],
            TestAccuracy = accuracy, TestMacroF1 = accuracy - 0.1,
            TrainableParams = method == "head" ? 100 : 1_000, TotalParams = 10_000, SavedBytes = method == "head" ? 10 : 1_000,
            PeakMemoryBytes = 1 << 20, SecondsPerStep = method == "head" ? 0.1 : 0.2, ExamplesPerSecond = 100, Steps = 30, WallSeconds = 7,
        },
    };

    [Fact]
    public void StatOf_IsTheMeanAndTheSampleStandardDeviation()
    {
        var s = Stat.Of([1.0, 2.0, 3.0, 4.0])!.Value;

        Assert.Equal(2.5, s.Mean, 12);
        Assert.Equal(Math.Sqrt(5.0 / 3.0), s.Sd, 12);
        Assert.Equal(4, s.N);
        Assert.Equal(0, Stat.Of([0.7])!.Value.Sd);
        Assert.Null(Stat.Of([]));
    }

    [Fact]
    public void Summarise_FailedSeed_GivesItsErrorNotItsFigures()
    {
        var g = Aggregation.Summarise("lora", "raw", 1, 1e-3, [Run(1, 0.90), Run(2, 0.80), Run(3, null, "boom")]);

        Assert.Equal((3, 2), (g.Seeds, g.Succeeded));
        Assert.Equal(0.85, g.TestAccuracy!.Value.Mean, 12);
        Assert.Equal(2, g.TestAccuracy.Value.N);
        Assert.Equal(["boom"], g.Errors);
        Assert.False(g.Failed);
    }

    [Fact]
    public void Summarise_TimeToBest_IsTheFirstEvaluationWithTheBestScore()
    {
        var g = Aggregation.Summarise("lora", "raw", 1, null, [Run(1, 0.9)]);

        Assert.Equal(4, g.SecondsToBest!.Value.Mean);
        Assert.Equal(20, g.StepsToBest!.Value.Mean);
        Assert.Equal(0.8, g.BestValidation!.Value.Mean);
        Assert.Equal(10.0, g.TrainablePercent);
    }

    [Fact]
    public void ProsCons_ComeFromTheFigures()
    {
        var table = new List<GroupSummary>
        {
            Aggregation.Summarise("lora", "raw", 1, null, [Run(1, 0.90, method: "lora")]),
            Aggregation.Summarise("head", "raw", 1, null, [Run(1, 0.896, method: "head")]),
            Aggregation.Summarise("full", "raw", 1, null, [Run(1, null, "crashed", method: "full")]),
        };

        var annotated = ProsCons.Annotate(table);

        var lora = annotated.Single(g => g.Method == "lora");
        var head = annotated.Single(g => g.Method == "head");
        Assert.Contains(lora.Pros, p => p.StartsWith("highest test accuracy (90.0%)", StringComparison.Ordinal));
        Assert.Contains(head.Pros, p => p.StartsWith("test accuracy within 0.4 points of the best", StringComparison.Ordinal));
        Assert.Contains(head.Pros, p => p.StartsWith("fewest trainable parameters", StringComparison.Ordinal));
        Assert.Contains(lora.Cons, p => p.StartsWith("slowest steps (0.200 s/step, 2.0× head's)", StringComparison.Ordinal));
        Assert.Contains(head.Cons, p => p.StartsWith("lowest test accuracy: 0.4 points below lora", StringComparison.Ordinal));
        Assert.Empty(annotated.Single(g => g.Method == "full").Pros);
    }
}
