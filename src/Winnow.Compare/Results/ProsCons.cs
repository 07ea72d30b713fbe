using System.Globalization;

namespace Winnow.Compare.Results;

/// <summary>
/// The table's pros and cons, derived from the figures and nothing else: for each measure, the best method gets a pro
/// and the worst a con, with the number and how far the others are (so "best" means "best here, at this budget").
/// Accuracy within 0.5 points of the best counts as a pro too (the seeds' spread is often larger).
/// </summary>
public static class ProsCons
{
    private sealed record Measure(string Name, Func<GroupSummary, double?> Value, bool HigherIsBetter, Func<double, string> Show, string Best, string Worst);

    private static readonly Measure[] Measures =
    [
        new("test accuracy", g => g.TestAccuracy?.Mean, true, Pct, "highest test accuracy", "lowest test accuracy"),
        new("trainable parameters", g => g.TrainableParams, false, Count, "fewest trainable parameters", "most trainable parameters"),
        new("saved files", g => g.SavedBytes, false, Bytes, "smallest saved files", "largest saved files"),
        new("peak memory", g => g.PeakMemoryBytes?.Mean, false, Bytes, "lowest peak memory", "highest peak memory"),
        new("s/step", g => g.SecondsPerStep?.Mean, false, s => $"{s:F3} s/step", "fastest steps", "slowest steps"),
        new("time to best", g => g.SecondsToBest?.Mean, false, s => $"{s:F0} s", "quickest to its best validation score", "slowest to its best validation score"),
    ];

    public static List<GroupSummary> Annotate(List<GroupSummary> table)
    {
        var ok = table.Where(g => !g.Failed).ToList();
        if (ok.Count < 2) return table;
        var pros = ok.ToDictionary(g => g.Method, _ => new List<string>());
        var cons = ok.ToDictionary(g => g.Method, _ => new List<string>());
        foreach (var m in Measures)
        {
            var values = ok.Select(g => (g.Method, Value: m.Value(g))).Where(x => x.Value is not null).Select(x => (x.Method, Value: x.Value!.Value)).ToList();
            if (values.Count < 2) continue;
            var ordered = m.HigherIsBetter ? values.OrderByDescending(v => v.Value).ToList() : values.OrderBy(v => v.Value).ToList();
            var (bestMethod, best) = ordered[0];
            var (worstMethod, worst) = ordered[^1];
            if (best == worst) continue;
            pros[bestMethod].Add($"{m.Best} ({m.Show(best)})");
            if (m.Name == "test accuracy")
            {
                foreach (var (method, value) in ordered.Skip(1))
                    if ((best - value) * 100 <= 0.5) pros[method].Add($"test accuracy within {(best - value) * 100:F1} points of the best ({Pct(value)})");
                cons[worstMethod].Add($"{m.Worst}: {(best - worst) * 100:F1} points below {bestMethod} ({Pct(worst)})");
            }
            else cons[worstMethod].Add($"{m.Worst} ({m.Show(worst)}, {Ratio(worst, best)} {bestMethod}'s)");
        }
        // The spread over seeds: the least stable method (when there are seeds to compare).
        var spread = ok.Where(g => g.TestAccuracy is { N: >= 2 }).OrderByDescending(g => g.TestAccuracy!.Value.Sd).ToList();
        if (spread.Count >= 2 && spread[0].TestAccuracy!.Value.Sd > 2 * spread[^1].TestAccuracy!.Value.Sd)
            cons[spread[0].Method].Add($"least stable across seeds (± {spread[0].TestAccuracy!.Value.Sd * 100:F1} points)");
        return [.. table.Select(g => g.Failed ? g : g with { Pros = pros[g.Method], Cons = cons[g.Method] })];
    }

    private static string Ratio(double worse, double better) =>
        better <= 0 ? "vs" : $"{(worse / better).ToString(worse / better >= 10 ? "F0" : "F1", CultureInfo.InvariantCulture)}×";

    internal static string Pct(double x) => (x * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";

    internal static string Count(double n) => n switch
    {
        >= 1e6 => (n / 1e6).ToString("F1", CultureInfo.InvariantCulture) + "M",
        >= 1e3 => (n / 1e3).ToString("F1", CultureInfo.InvariantCulture) + "k",
        _ => n.ToString("F0", CultureInfo.InvariantCulture),
    };

    internal static string Bytes(double b) => b switch
    {
        >= 1 << 30 => (b / (1 << 30)).ToString("F1", CultureInfo.InvariantCulture) + " GiB",
        >= 1 << 20 => (b / (1 << 20)).ToString("F1", CultureInfo.InvariantCulture) + " MiB",
        >= 1 << 10 => (b / (1 << 10)).ToString("F0", CultureInfo.InvariantCulture) + " KiB",
        _ => b.ToString("F0", CultureInfo.InvariantCulture) + " B",
    };
}
