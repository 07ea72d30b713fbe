using System.ComponentModel.DataAnnotations;

namespace Winnow.Compare.Recipe;

/// <summary>
/// A comparison recipe (<c>winnow compare compare.yaml</c>), bound by Core's YamlBinder by snake_case key. Paths are
/// relative to the recipe's folder until <see cref="CompareRecipeLoader"/> resolves them.
/// </summary>
public sealed record CompareOptions
{
    /// <summary>Default: the recipe file's stem; the default output folder is <c>out/&lt;name&gt;</c>.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// The fine-tuning methods, each trained on the same data with the same budget. Default: all six
    /// (<see cref="MethodNames.All"/>).
    /// </summary>
    public List<string>? Methods { get; init; }

    /// <summary>
    /// Dataset variants (what pipeline runs wrote: raw, filtered, deduplicated, balanced, curated, augmented). The first
    /// is the main one: every method trains on it (at every fraction); the others train with <see cref="AblationMethod"/>.
    /// </summary>
    public required List<DatasetOptions> Datasets { get; init; }

    /// <summary>The one test set every run is scored on (a fair comparison needs one).</summary>
    public required TestOptions Test { get; init; }

    /// <summary>Seeds: every run is repeated once per seed; figures are mean ± sample standard deviation. Default [42].</summary>
    public List<long>? Seeds { get; init; }

    /// <summary>The same for every method: <c>{epochs: N}</c> or <c>{seconds: S}</c>.</summary>
    public required BudgetOptions Budget { get; init; }

    /// <summary>Shares of the main variant's training data (low-data curves); each run at a fraction &lt; 1 trains on a
    /// class-stratified sample drawn with its seed. Default [1.0].</summary>
    public List<double>? Fractions { get; init; }

    /// <summary>The method the non-main dataset variants train with. Default: lora when listed, else the first method.</summary>
    public string? AblationMethod { get; init; }

    public SweepOptions Sweep { get; init; } = new();

    /// <summary>Centre of each method's learning-rate sweep (or its rate when the sweep is off); default: the method's own.</summary>
    public Dictionary<string, double>? Lr { get; init; }

    /// <summary>The new classification head's learning rate in every method but <c>head</c> (where it is the swept rate).
    /// 1e-2: the rate at which a linear probe on MiniLM trains well (examples/banking77/train.yaml).</summary>
    [Range(1e-7, 10.0)]
    public double HeadLr { get; init; } = 1e-2;

    public TrainingOptions Training { get; init; } = new();

    /// <summary>Share of a variant's training file held out (class-stratified, seeded by <see cref="Seed"/>) for validation
    /// when the variant names no validation file. 0.1: the usual 90/10 split.</summary>
    [Range(0.01, 0.5)]
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Seeds the data preparation (validation hold-out). Default 42.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>
    /// Output folders of other comparisons (relative to the recipe) whose finished runs this one may take: a run with
    /// no result of its own is copied from the first of them holding the same run with the same fingerprint (request
    /// and data), instead of being trained again. A low-data or ablation comparison over compare-full's data reuses its
    /// sweeps and full-data runs this way.
    /// </summary>
    public List<string>? Reuse { get; init; }
}

/// <summary>One dataset variant.</summary>
public sealed record DatasetOptions
{
    /// <summary>Its name in the tables (raw, filtered, dedup, balanced, curated, augmented, …).</summary>
    public required string Name { get; init; }

    /// <summary>A file of training records, or a folder written by <c>winnow run</c> holding <c>train.jsonl</c>
    /// (and, when there, <c>validation.jsonl</c>).</summary>
    public required string Path { get; init; }

    /// <summary>The validation file; default: the folder's <c>validation.jsonl</c>, else held out from training.</summary>
    public string? Validation { get; init; }

    /// <summary>Input format (as in pipeline recipes); default: from the extension.</summary>
    public string? Format { get; init; }

    public string TextField { get; init; } = "text";

    public string LabelField { get; init; } = "label";
}

public sealed record TestOptions
{
    public required string Path { get; init; }

    public string? Format { get; init; }

    public string TextField { get; init; } = "text";

    public string LabelField { get; init; } = "label";
}

/// <summary>Equal for every method: a number of epochs, or a number of seconds of wall-clock.</summary>
public sealed record BudgetOptions
{
    [Range(1, 10_000)]
    public int? Epochs { get; init; }

    /// <summary>Wall-clock per run (loading and evaluations included); the schedule is then constant after warm-up,
    /// so a run stopped at any moment is trained as far as its time allowed.</summary>
    [Range(1.0, 1e7)]
    public double? Seconds { get; init; }

    /// <summary>A cap on optimizer steps per run (smoke runs); default none.</summary>
    [Range(1, int.MaxValue)]
    public int? MaxSteps { get; init; }
}

/// <summary>
/// The learning-rate sweep: per method and dataset variant, <see cref="Points"/> rates spaced by ×<see cref="Factor"/>
/// around the method's default (e.g. 3 points, factor 3: default/3, default, default×3), each trained for
/// <see cref="Steps"/> optimizer steps with the first seed; the rate with the best validation score wins.
/// </summary>
public sealed record SweepOptions
{
    /// <summary>1 turns the sweep off (each method runs at its default or <c>lr:</c> rate).</summary>
    [Range(1, 9)]
    public int Points { get; init; } = 3;

    [Range(1.1, 100.0)]
    public double Factor { get; init; } = 3.0;

    /// <summary>The small fixed budget of each sweep run, in optimizer steps.</summary>
    [Range(1, 1_000_000)]
    public int Steps { get; init; } = 100;

    /// <summary>Also train every swept rate in full (first seed) and score it on the test set: how far the chosen rate's
    /// test accuracy is from the best swept rate's (a check of the sweep; it multiplies the first seed's cost by the points).</summary>
    public bool Check { get; init; }
}

/// <summary>Settings shared by every run (the method-specific ones live with the method).</summary>
public sealed record TrainingOptions
{
    /// <summary>32: the batch of the PEFT measurements in issue #9.</summary>
    [Range(1, 65_536)]
    public int BatchSize { get; init; } = 32;

    /// <summary>Tokens per text, [CLS] and [SEP] included (train recipes: 64).</summary>
    [Range(3, 512)]
    public int MaxLength { get; init; } = 64;

    /// <summary>Validation evaluations per run, evenly spaced in steps (the curves' points).</summary>
    [Range(1, 1000)]
    public int EvalPoints { get; init; } = 10;

    /// <summary>6%, as the PEFT measurements.</summary>
    [Range(0.0, 1.0)]
    public double WarmupRatio { get; init; } = 0.06;

    [Range(0.0, 10.0)]
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>Which validation metric picks the best checkpoint and the swept rate: accuracy or macro_f1.</summary>
    [AllowedValues("accuracy", "macro_f1")]
    public string Metric { get; init; } = "accuracy";

    /// <summary>Torch threads; default every core.</summary>
    [Range(1, 1024)]
    public int? Threads { get; init; }
}

/// <summary>The method names a comparison may list (issue #9's <c>method.type</c> values).</summary>
public static class MethodNames
{
    public static readonly IReadOnlyList<string> All = ["full", "lora", "adapter", "prefix", "prompt", "head"];
}
