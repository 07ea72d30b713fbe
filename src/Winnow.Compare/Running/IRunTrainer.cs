namespace Winnow.Compare.Running;

/// <summary>
/// The seam between the comparison and a trainer: "train this method on these files with this rate, budget and seed,
/// and say what happened". The CLI wires it to Winnow.Tuning (one adapter file); nothing here knows TorchSharp.
/// </summary>
public interface IRunTrainer
{
    /// <summary>What the trainer knows about each method name it may be asked for (unknown names fail their runs).</summary>
    IReadOnlyDictionary<string, MethodInfo> Methods { get; }

    /// <summary>Trains, evaluates on the validation file during training and on the test file (when given) at the end.
    /// Throws on failure; the comparison records the message and goes on.</summary>
    RunOutcome Train(RunRequest request, TextWriter log, CancellationToken cancel);
}

/// <param name="Description">One line for the table's description column (what trains).</param>
/// <param name="DefaultLr">The centre of the method's learning-rate sweep.</param>
/// <param name="Available">False: the name is known but this build cannot train it yet (the run fails saying so).</param>
/// <param name="CheapSteps">Its steps cost next to nothing (head-only on cached features): its sweep runs train for the
/// whole budget, as a main run does. A few steps of such a method rank its rates by how fast they start, not where they
/// end (measured: head-only's 60-step sweep on banking77 chose 1e-2, 1.1 test points under 3e-2 after the epoch), and the
/// whole budget costs seconds.</param>
public sealed record MethodInfo(string Name, string Description, double DefaultLr, bool Available = true, bool CheapSteps = false);

/// <summary>One training run, fully specified: everything the trainer needs and nothing it may choose.</summary>
public sealed record RunRequest
{
    public required string Method { get; init; }

    /// <summary>Training records, JSONL with <c>text</c> and <c>label</c>.</summary>
    public required string Train { get; init; }

    public required string Validation { get; init; }

    /// <summary>Null for sweep runs (the test set is never looked at to pick a rate).</summary>
    public string? Test { get; init; }

    /// <summary>The method's rate; for <c>head</c>, the head's.</summary>
    public required double Lr { get; init; }

    /// <summary>The new head's rate in every other method.</summary>
    public required double HeadLr { get; init; }

    /// <summary>Epochs, or null under a wall-clock budget.</summary>
    public int? Epochs { get; init; }

    public double? Seconds { get; init; }

    public int? MaxSteps { get; init; }

    public required long Seed { get; init; }

    /// <summary>Validate every N optimizer steps.</summary>
    public required int EvalEvery { get; init; }

    public required int BatchSize { get; init; }
    public required int MaxLength { get; init; }
    public required double WarmupRatio { get; init; }

    /// <summary>Warm-up in steps, set under a wall-clock budget (the schedule then has no known length for a ratio).</summary>
    public int? WarmupSteps { get; init; }
    public required double WeightDecay { get; init; }

    /// <summary>accuracy or macro_f1: the validation score of the history and the best checkpoint.</summary>
    public required string Metric { get; init; }

    public int? Threads { get; init; }

    /// <summary>The run's own folder (emptied before the run starts).</summary>
    public required string Folder { get; init; }

    /// <summary>Keep the best model's files (main runs); sweep runs keep only their figures.</summary>
    public bool KeepModel { get; init; } = true;
}

/// <summary>One validation evaluation: after <paramref name="Step"/> optimizer steps, <paramref name="Seconds"/> after the run started.</summary>
public readonly record struct EvalPoint(int Step, double Seconds, double Score);

/// <summary>What a run measured.</summary>
public sealed record RunOutcome
{
    public required IReadOnlyList<EvalPoint> History { get; init; }
    public double? TestAccuracy { get; init; }
    public double? TestMacroF1 { get; init; }
    public required long TrainableParams { get; init; }
    public required long TotalParams { get; init; }

    /// <summary>Bytes of the saved model folder (adapter or weights, head and card): what you would ship.</summary>
    public required long SavedBytes { get; init; }

    /// <summary>Peak resident memory while training, bytes.</summary>
    public required long PeakMemoryBytes { get; init; }

    /// <summary>Median seconds per optimizer step (evaluations excluded).</summary>
    public required double SecondsPerStep { get; init; }

    public required double ExamplesPerSecond { get; init; }
    public required int Steps { get; init; }
    public required double WallSeconds { get; init; }

    /// <summary>The best model's folder, when kept.</summary>
    public string? ModelFolder { get; init; }
}
