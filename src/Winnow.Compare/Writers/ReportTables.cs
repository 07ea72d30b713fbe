using System.Globalization;
using Winnow.Compare.Planning;
using Winnow.Compare.Results;

namespace Winnow.Compare.Writers;

/// <summary>A titled table of plain-text cells, rendered by both the Markdown and the HTML writer.</summary>
public sealed record Table(string Title, string Intro, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>The report's tables and summary lines, built once from the result (the columns live here only).</summary>
public static class ReportTables
{
    public static string Budget(ComparisonResult r) =>
        (r.BudgetKind == "epochs"
            ? $"budgets equal in epochs: {r.BudgetValue.ToString("0.###", CultureInfo.InvariantCulture)} per run"
            : $"budgets equal in wall-clock: {r.BudgetValue.ToString("0.#", CultureInfo.InvariantCulture)} s per run (loading and evaluations included; constant rate after warm-up)")
        + (r.MaxSteps is { } m ? $", at most {m} steps" : "");

    public static IReadOnlyList<string> Summary(ComparisonResult r)
    {
        var main = r.Datasets.FirstOrDefault(d => d.Name == r.MainVariant);
        return
        [
            $"{Cap(Budget(r))}; seeds {string.Join(", ", r.Seeds)} (figures are mean ± sample sd over the seeds); batch {r.BatchSize}, at most {r.MaxLength} tokens.",
            $"Main dataset: {r.MainVariant}{(main?.TrainExamples is { } n ? $" ({n:N0} training, {main.ValidationExamples:N0} validation{(main.ValidationHeldOut == true ? " held out of training" : "")})" : "")}; test set: {Path.GetFileName(r.Test)}.",
            r.Sweeps.Count == 0
                ? "Learning rates: each method's default (no sweep)."
                : $"Learning rates: a sweep per method on the validation split ({r.Sweeps[0].Points.Count} rates around the method's default), then the full runs at the rate with the best validation {r.Metric}; the head has its own rate.",
        ];
    }

    /// <summary>The brief's columns (approach, description, pros, cons), with the figures the pros and cons come from.</summary>
    public static Table Methods(ComparisonResult r) => new(
        "Methods", $"{r.MainVariant}, all of its training data.",
        ["approach", "description", "lr", "test accuracy", "test macro-F1", "trainable", "saved", "peak memory", "s/step", "examples/s", "time to best", "pros (measured)", "cons (measured)"],
        [.. r.Table.Select(g =>
        {
            var description = r.Methods.FirstOrDefault(m => m.Name == g.Method)?.Description ?? "";
            if (g.Failed) return (IReadOnlyList<string>)[g.Method, description, "", $"failed: {string.Join("; ", g.Errors)}", "", "", "", "", "", "", "", "", ""];
            return [
                g.Method, description, Lr(g.Lr), PctStat(g.TestAccuracy), PctStat(g.TestMacroF1),
                g.TrainableParams is { } t ? $"{ProsCons.Count(t)} ({g.TrainablePercent:F2}%)" : "",
                g.SavedBytes is { } b ? ProsCons.Bytes(b) : "",
                g.PeakMemoryBytes is { } p ? ProsCons.Bytes(p.Mean) : "",
                Num(g.SecondsPerStep, "F3"), Num(g.ExamplesPerSecond, "F0"),
                g.SecondsToBest is { } s ? $"{Num(s, "F0")} s (step {g.StepsToBest?.Mean:F0})" : "",
                string.Join("; ", g.Pros), Cons(g),
            ];
        })]);

    public static Table Ablation(ComparisonResult r)
    {
        var main = r.Ablation.FirstOrDefault(g => g.Variant == r.MainVariant);
        return new(
            "Data ablation", $"{r.AblationMethod} on each dataset variant, all of its training data; Δ against {r.MainVariant}.",
            ["dataset", "training examples", "test accuracy", "Δ accuracy", "test macro-F1", "best validation"],
            [.. r.Ablation.Select(g =>
            {
                var d = r.Datasets.FirstOrDefault(v => v.Name == g.Variant);
                if (g.Failed) return (IReadOnlyList<string>)[g.Variant, d?.TrainExamples?.ToString("N0", CultureInfo.InvariantCulture) ?? "", $"failed: {string.Join("; ", g.Errors)}", "", "", ""];
                var delta = g.Variant == r.MainVariant || main?.TestAccuracy is null || g.TestAccuracy is null ? ""
                    : $"{(g.TestAccuracy.Value.Mean - main.TestAccuracy.Value.Mean) * 100:+0.0;-0.0;0.0} points";
                return [g.Variant, d?.TrainExamples?.ToString("N0", CultureInfo.InvariantCulture) ?? "", PctStat(g.TestAccuracy), delta, PctStat(g.TestMacroF1), PctStat(g.BestValidation)];
            })]);
    }

    public static Table LowData(ComparisonResult r)
    {
        var fractions = r.Fractions;
        return new(
            "Low-data curves", $"Test accuracy of each method with a class-stratified share of {r.MainVariant}'s training data (drawn per seed).",
            ["method", .. fractions.Select(f => f.ToString("P0", CultureInfo.InvariantCulture))],
            [.. r.Methods.Select(m => (IReadOnlyList<string>)[m.Name, .. fractions.Select(f =>
            {
                var g = f >= 1 || !r.LowData.Any(x => x.Fraction == f)
                    ? r.Table.FirstOrDefault(x => x.Method == m.Name && x.Fraction == f)
                    : r.LowData.FirstOrDefault(x => x.Method == m.Name && x.Fraction == f);
                return g is null ? "" : g.Failed ? "failed" : PctStat(g.TestAccuracy);
            })])]);
    }

    public static Table Sweeps(ComparisonResult r) => new(
        "Learning-rate sweeps", $"Best validation {r.Metric} of each rate (first seed, a few steps); the chosen rate is marked *.",
        ["method", "dataset", "rates", "chosen"],
        [.. r.Sweeps.Select(s => (IReadOnlyList<string>)[s.Method, s.Variant,
            string.Join(", ", s.Points.Select(p => $"{Lr(p.Lr)}{(p.Lr == s.Chosen ? "*" : "")}: {(p.Error is null ? p.BestValidation is { } v ? ProsCons.Pct(v) : "–" : "failed")}")),
            s.Chosen is { } c ? Lr(c) : "none (every rate failed)"])]);

    private static string Cons(GroupSummary g) =>
        string.Join("; ", g.Errors.Count > 0 ? [.. g.Cons, $"{g.Seeds - g.Succeeded} of {g.Seeds} seeds failed: {string.Join("; ", g.Errors)}"] : g.Cons);

    internal static string PctStat(Stat? s) => s is not { } v ? "" : v.N < 2
        ? ProsCons.Pct(v.Mean)
        : $"{(v.Mean * 100).ToString("F1", CultureInfo.InvariantCulture)} ± {(v.Sd * 100).ToString("F1", CultureInfo.InvariantCulture)}%";

    private static string Num(Stat? s, string format) => s is not { } v ? "" : v.N < 2
        ? v.Mean.ToString(format, CultureInfo.InvariantCulture)
        : $"{v.Mean.ToString(format, CultureInfo.InvariantCulture)} ± {v.Sd.ToString(format, CultureInfo.InvariantCulture)}";

    private static string Lr(double? lr) => lr is { } x ? RunPlan.Format(x) : "";

    private static string Cap(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
