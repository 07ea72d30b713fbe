using Winnow.Compare.Running;

namespace Winnow.Compare.Results;

/// <summary>Mean and sample standard deviation (n − 1; 0 for one value) over the seeds that succeeded.</summary>
public readonly record struct Stat(double Mean, double Sd, int N)
{
    public static Stat? Of(IEnumerable<double> values)
    {
        var v = values.ToArray();
        if (v.Length == 0) return null;
        double mean = v.Average();
        double sd = v.Length < 2 ? 0 : Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
        return new Stat(mean, sd, v.Length);
    }
}

/// <summary>One row of the comparison: a method on a dataset variant at a fraction of its training data, over the seeds.</summary>
public sealed record GroupSummary
{
    public required string Method { get; init; }
    public required string Variant { get; init; }
    public required double Fraction { get; init; }
    public double? Lr { get; init; }
    public int Seeds { get; init; }
    public int Succeeded { get; init; }

    /// <summary>The errors of the seeds that failed (the row fails when no seed succeeded).</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    public Stat? TestAccuracy { get; init; }
    public Stat? TestMacroF1 { get; init; }
    public Stat? BestValidation { get; init; }

    /// <summary>Wall-clock from the run's start to its best validation score.</summary>
    public Stat? SecondsToBest { get; init; }
    public Stat? StepsToBest { get; init; }
    public Stat? SecondsPerStep { get; init; }
    public Stat? ExamplesPerSecond { get; init; }
    public Stat? PeakMemoryBytes { get; init; }
    public Stat? WallSeconds { get; init; }
    public Stat? Steps { get; init; }
    public long? TrainableParams { get; init; }
    public long? TotalParams { get; init; }
    public double? TrainablePercent { get; init; }
    public long? SavedBytes { get; init; }

    /// <summary>Measured strengths and weaknesses against the other methods of the same table (main variant, full data).</summary>
    public IReadOnlyList<string> Pros { get; init; } = [];
    public IReadOnlyList<string> Cons { get; init; } = [];

    /// <summary>Every seed's run, for the curves and for anyone re-aggregating.</summary>
    public required IReadOnlyList<RunRecord> Runs { get; init; }

    public bool Failed => Succeeded == 0;
}

/// <summary>A method's learning-rate sweep on one variant: each rate's best validation score and the choice.</summary>
public sealed record SweepSummary(string Method, string Variant, double Centre, IReadOnlyList<SweepPoint> Points, double? Chosen);

public sealed record SweepPoint(double Lr, double? BestValidation, double? SecondsPerStep, string? Error);

public sealed record VariantSummary(string Name, string Path, int? TrainExamples, int? ValidationExamples, bool? ValidationHeldOut, string? Error);

public sealed record MethodSummary(string Name, string Description, double DefaultLr, bool Available);

/// <summary>The whole comparison (<c>comparison.json</c>).</summary>
public sealed record ComparisonResult
{
    public required string Name { get; init; }
    public required string RecipeSha256 { get; init; }

    /// <summary>"epochs" or "seconds": what the budgets are equal in.</summary>
    public required string BudgetKind { get; init; }
    public required double BudgetValue { get; init; }
    public int? MaxSteps { get; init; }
    public required string Metric { get; init; }
    public required int BatchSize { get; init; }
    public required int MaxLength { get; init; }
    public required IReadOnlyList<long> Seeds { get; init; }
    public required IReadOnlyList<double> Fractions { get; init; }
    public required string MainVariant { get; init; }
    public required string AblationMethod { get; init; }
    public required string Test { get; init; }
    public required IReadOnlyList<MethodSummary> Methods { get; init; }
    public required IReadOnlyList<VariantSummary> Datasets { get; init; }
    public required IReadOnlyList<SweepSummary> Sweeps { get; init; }

    /// <summary>Main variant at full data, one per method, in the recipe's order.</summary>
    public required IReadOnlyList<GroupSummary> Table { get; init; }

    /// <summary>The ablation method on every variant (main first), full data.</summary>
    public required IReadOnlyList<GroupSummary> Ablation { get; init; }

    /// <summary>Every method on the main variant at every fraction below 1 (the 1.0 points are in <see cref="Table"/>).</summary>
    public required IReadOnlyList<GroupSummary> LowData { get; init; }
}
