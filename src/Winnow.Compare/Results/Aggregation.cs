using Winnow.Compare.Data;
using Winnow.Compare.Planning;
using Winnow.Compare.Recipe;
using Winnow.Compare.Running;

namespace Winnow.Compare.Results;

/// <summary>Seeds → mean ± sd per (method, variant, fraction); the tables of the report, and their measured pros and cons.</summary>
public static class Aggregation
{
    public static ComparisonResult Build(CompareRecipe recipe, IReadOnlyDictionary<string, MethodInfo> methods,
        IReadOnlyList<PreparedVariant> variants, IReadOnlyDictionary<string, string> variantErrors,
        IReadOnlyList<RunRecord> sweeps, IReadOnlyList<RunRecord> runs, IReadOnlyDictionary<(string, string), double?> chosen)
    {
        GroupSummary GroupOf(string method, string variant, double fraction) =>
            Summarise(method, variant, fraction, chosen.GetValueOrDefault((method, variant)),
                [.. runs.Where(r => r.Method == method && r.Variant == variant && r.Fraction == fraction)]);

        var table = recipe.Methods.Select(m => GroupOf(m, recipe.Main.Name, 1.0)).ToList();
        if (!recipe.Fractions.Contains(1.0))
            table = recipe.Methods.Select(m => GroupOf(m, recipe.Main.Name, recipe.Fractions[^1])).ToList();
        table = ProsCons.Annotate(table);
        var ablation = recipe.Datasets.Select(d => GroupOf(recipe.AblationMethod, d.Name, 1.0))
            .Where(g => g.Runs.Count > 0).ToList();
        var lowData = recipe.Methods.SelectMany(m => recipe.Fractions.Where(f => f < 1).Select(f => GroupOf(m, recipe.Main.Name, f))).ToList();

        return new ComparisonResult
        {
            Name = recipe.Name,
            RecipeSha256 = recipe.Sha256,
            BudgetKind = recipe.Budget.Epochs is not null ? "epochs" : "seconds",
            BudgetValue = recipe.Budget.Epochs ?? recipe.Budget.Seconds!.Value,
            MaxSteps = recipe.Budget.MaxSteps,
            Metric = recipe.Training.Metric,
            BatchSize = recipe.Training.BatchSize,
            MaxLength = recipe.Training.MaxLength,
            Seeds = recipe.Seeds,
            Fractions = recipe.Fractions,
            MainVariant = recipe.Main.Name,
            AblationMethod = recipe.AblationMethod,
            Test = recipe.Test.Path,
            Methods = [.. recipe.Methods.Select(m => methods.TryGetValue(m, out var i)
                ? new MethodSummary(m, i.Description, i.DefaultLr, i.Available)
                : new MethodSummary(m, "", 0, false))],
            Datasets = [.. recipe.Datasets.Select(d => variants.FirstOrDefault(v => v.Name == d.Name) is { } v
                ? new VariantSummary(d.Name, d.Path, v.TrainCount, v.ValidationCount, v.HeldOut, null)
                : new VariantSummary(d.Name, d.Path, null, null, null, variantErrors.GetValueOrDefault(d.Name)))],
            Sweeps = [.. sweeps.GroupBy(s => (s.Method, s.Variant)).Select(g => new SweepSummary(g.Key.Method, g.Key.Variant,
                recipe.Lr.TryGetValue(g.Key.Method, out var c) ? c : methods.TryGetValue(g.Key.Method, out var mi) ? mi.DefaultLr : 0,
                [.. g.Select(s => new SweepPoint(s.Lr!.Value, s.BestValidation, s.Outcome?.SecondsPerStep, s.Error))],
                chosen.GetValueOrDefault(g.Key)))],
            Table = table,
            Ablation = ablation,
            LowData = lowData,
        };
    }

    /// <summary>One group's figures over its seeds (failed seeds contribute their errors, not their figures).</summary>
    public static GroupSummary Summarise(string method, string variant, double fraction, double? lr, IReadOnlyList<RunRecord> runs)
    {
        var ok = runs.Where(r => r.Ok).Select(r => (Record: r, Outcome: r.Outcome!)).ToList();
        Stat? Of(Func<RunOutcome, double?> pick) => Stat.Of(ok.Select(x => pick(x.Outcome)).Where(v => v is not null).Select(v => v!.Value));
        var first = ok.Select(x => x.Outcome).FirstOrDefault();
        return new GroupSummary
        {
            Method = method,
            Variant = variant,
            Fraction = fraction,
            Lr = lr,
            Seeds = runs.Count,
            Succeeded = ok.Count,
            Errors = [.. runs.Where(r => !r.Ok).Select(r => r.Error ?? "no result").Distinct()],
            TestAccuracy = Of(o => o.TestAccuracy),
            TestMacroF1 = Of(o => o.TestMacroF1),
            BestValidation = Of(o => o.History.Count == 0 ? null : o.History.Max(h => h.Score)),
            SecondsToBest = Of(o => Best(o)?.Seconds),
            StepsToBest = Of(o => Best(o)?.Step),
            SecondsPerStep = Of(o => o.SecondsPerStep),
            ExamplesPerSecond = Of(o => o.ExamplesPerSecond),
            PeakMemoryBytes = Of(o => o.PeakMemoryBytes),
            WallSeconds = Of(o => o.WallSeconds),
            Steps = Of(o => o.Steps),
            TrainableParams = first?.TrainableParams,
            TotalParams = first?.TotalParams,
            TrainablePercent = first is null || first.TotalParams == 0 ? null : 100.0 * first.TrainableParams / first.TotalParams,
            SavedBytes = first?.SavedBytes,
            Runs = runs,
        };
    }

    /// <summary>The first evaluation with the run's best score (earliest, so "time to best" is not inflated by ties).</summary>
    private static EvalPoint? Best(RunOutcome o)
    {
        if (o.History.Count == 0) return null;
        double best = o.History.Max(h => h.Score);
        return o.History.First(h => h.Score == best);
    }
}
