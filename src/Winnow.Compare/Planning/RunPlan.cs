using System.Globalization;
using Winnow.Compare.Recipe;

namespace Winnow.Compare.Planning;

public enum RunKind { Sweep, Main }

/// <summary>One run of the comparison. <see cref="Lr"/> is set for sweep runs; main runs take the sweep's choice.</summary>
public sealed record PlannedRun(RunKind Kind, string Method, string Variant, double Fraction, long Seed, double? Lr = null)
{
    /// <summary>The run's folder under the output, and its identity for resuming.</summary>
    public string Id => Kind == RunKind.Sweep
        ? $"sweep/{Variant}/{Method}/lr-{RunPlan.Format(Lr!.Value)}"
        : $"runs/{Variant}/{Method}/f{Fraction.ToString("0.###", CultureInfo.InvariantCulture)}/s{Seed}";
}

/// <summary>
/// What a comparison trains, in order: first the learning-rate sweeps (per method and dataset variant, first seed, full
/// data, a few steps), then the main runs: every method on the main variant at every fraction and seed, and the
/// ablation method on each other variant at full data and every seed. Pure functions of the recipe.
/// </summary>
public static class RunPlan
{
    public static IReadOnlyList<PlannedRun> MainRuns(CompareRecipe r)
    {
        var runs = new List<PlannedRun>();
        foreach (var method in r.Methods)
            foreach (var fraction in r.Fractions)
                foreach (var seed in r.Seeds)
                    runs.Add(new PlannedRun(RunKind.Main, method, r.Main.Name, fraction, seed));
        foreach (var variant in r.Datasets.Skip(1))
            foreach (var seed in r.Seeds)
                runs.Add(new PlannedRun(RunKind.Main, r.AblationMethod, variant.Name, 1.0, seed));
        return runs;
    }

    /// <summary>The (method, variant) pairs the main runs need a rate for, in plan order.</summary>
    public static IReadOnlyList<(string Method, string Variant)> RatePairs(CompareRecipe r) =>
        [.. MainRuns(r).Select(x => (x.Method, x.Variant)).Distinct()];

    /// <summary>Sweep runs for every pair, around each method's centre rate; none when the sweep has one point.</summary>
    public static IReadOnlyList<PlannedRun> SweepRuns(CompareRecipe r, Func<string, double> centre)
    {
        if (r.Sweep.Points <= 1) return [];
        return [.. RatePairs(r).SelectMany(p => SweepRates(centre(p.Method), r.Sweep.Points, r.Sweep.Factor)
            .Select(lr => new PlannedRun(RunKind.Sweep, p.Method, p.Variant, 1.0, r.Seeds[0], lr)))];
    }

    /// <summary>
    /// <paramref name="points"/> rates spaced by ×<paramref name="factor"/> and centred (in log space) on
    /// <paramref name="centre"/>: 3 points, factor 3 → centre/3, centre, centre×3. Rounded to 3 significant digits.
    /// </summary>
    public static IReadOnlyList<double> SweepRates(double centre, int points, double factor)
    {
        if (points <= 1) return [centre];
        double mid = (points - 1) / 2.0;
        return [.. Enumerable.Range(0, points).Select(i => Round3(centre * Math.Pow(factor, i - mid)))];
    }

    /// <summary>
    /// The chosen rate: the best validation score; a tie goes to the rate nearest the centre (log distance), then the
    /// smaller rate. Null when every sweep run failed.
    /// </summary>
    public static double? Choose(IEnumerable<(double Lr, double? Score)> swept, double centre) =>
        swept.Where(s => s.Score is not null)
            .OrderByDescending(s => Math.Round(s.Score!.Value, 6))
            .ThenBy(s => Math.Round(Math.Abs(Math.Log(s.Lr / centre)), 2)) // rates are rounded to 3 digits: ×3 and ÷3 tie
            .ThenBy(s => s.Lr)
            .Select(s => (double?)s.Lr).FirstOrDefault();

    /// <summary>
    /// The optimizer steps a run is expected to take: ceil(examples ÷ batch) × epochs, or the steps a wall-clock budget
    /// allows at <paramref name="secondsPerStep"/> (one epoch's when no step time is known yet); capped by max steps.
    /// </summary>
    public static long ExpectedSteps(int examples, int batchSize, BudgetOptions budget, double? secondsPerStep)
    {
        long perEpoch = (examples + batchSize - 1) / batchSize;
        long total = budget.Epochs is { } e ? perEpoch * e
            : secondsPerStep is > 0 ? (long)(budget.Seconds!.Value / secondsPerStep.Value)
            : perEpoch;
        if (budget.MaxSteps is { } max) total = Math.Min(total, max);
        return Math.Max(1, total);
    }

    /// <summary>Validation every N steps so a run has about <paramref name="points"/> evaluations: N = ceil(expected steps ÷ points).</summary>
    public static int EvalEvery(int examples, int batchSize, BudgetOptions budget, int points, double? secondsPerStep) =>
        (int)Math.Max(1, (ExpectedSteps(examples, batchSize, budget, secondsPerStep) + points - 1) / points);

    public static string Format(double lr) => lr.ToString("0.###E+0", CultureInfo.InvariantCulture);

    private static double Round3(double x) =>
        x == 0 ? 0 : Math.Round(x, Math.Clamp(2 - (int)Math.Floor(Math.Log10(Math.Abs(x))), 0, 15));
}
