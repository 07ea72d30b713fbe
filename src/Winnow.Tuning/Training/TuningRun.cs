using Winnow.Tuning.Methods;

namespace Winnow.Tuning.Training;

/// <summary>What one training run gave, for tables that compare methods (<c>winnow compare</c>).</summary>
public sealed record TuningOutcome(
    string Method,
    double Lr,
    IReadOnlyList<EvalPoint> History,
    IReadOnlyDictionary<string, double>? Final,
    long TrainableParameters,
    long TotalParameters,
    long SavedBytes,
    double WallSeconds,
    double SecondsPerStep,
    long PeakRssBytes,
    int Steps,
    string Output);

/// <summary>
/// The narrow entry point over the trainer: train a recipe with a method (its defaults, or given options), a
/// learning rate, a budget (epochs and/or optimizer steps) and a seed, into an output folder, and return the
/// per-evaluation history, the final metrics, the trainable parameters and the saved size.
/// </summary>
public static class TuningRun
{
    /// <param name="recipe">A loaded training recipe (<see cref="TrainRecipeLoader.Load"/>); its data, task and loop are kept.</param>
    /// <param name="method">A <see cref="MethodRegistry"/> type (its defaults), or null to keep the recipe's method.</param>
    /// <param name="options">Full method options instead of <paramref name="method"/>'s defaults.</param>
    /// <param name="lr">The base learning rate; null: the recipe's, else the method's default.</param>
    public static TuningOutcome Train(TrainRecipe recipe, string output, string? method = null, MethodOptions? options = null, double? lr = null,
        int? epochs = null, int? maxSteps = null, long? seed = null, TextWriter? log = null, IProgress<TrainProgress>? progress = null,
        CancellationToken cancel = default)
    {
        var methodOptions = options ?? (method is null ? recipe.Method : MethodRegistry.Defaults(method));
        var r = recipe with
        {
            Method = methodOptions,
            Output = output,
            Seed = seed ?? recipe.Seed,
            // Another method keeps the recipe's rate only when one is given; otherwise each trains at its own default.
            Optimizer = recipe.Optimizer with { Lr = lr ?? (options is null && method is not null ? null : recipe.Optimizer.Lr) },
            Training = recipe.Training with { Epochs = epochs ?? recipe.Training.Epochs, MaxSteps = maxSteps ?? recipe.Training.MaxSteps },
        };
        var result = new Trainer(r, log ?? TextWriter.Null, progress).Run(cancel: cancel);
        return new TuningOutcome(methodOptions.Type, r.Optimizer.LrFor(methodOptions), result.History, result.FinalEval?.Metrics(),
            result.Parameters.Trainable, result.Parameters.Total, result.SavedBytes, result.WallSeconds, result.SecondsPerStep,
            result.PeakRssBytes, result.Steps, result.Output);
    }
}
