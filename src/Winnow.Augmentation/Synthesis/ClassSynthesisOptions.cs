using System.ComponentModel.DataAnnotations;

namespace Winnow.Augmentation.Synthesis;

/// <summary>Options of class-targeted synthesis (<c>synthesize</c> with <c>mode: class</c>).</summary>
public sealed record ClassSynthesisOptions
{
    /// <summary>Records wanted per class, real and synthetic; unset: the largest class's size.</summary>
    [Range(1, int.MaxValue)] public int? TargetPerClass { get; init; }

    /// <summary>
    /// Most a class's records may be synthetic, 0–0.9: 0.3. A class of n real records gets at most
    /// ⌊share × n ÷ (1 − share)⌋ synthetic ones, so synthetic data never dominates a class however far below target it is.
    /// </summary>
    [Range(0.0, 0.9)] public double MaxSyntheticShare { get; init; } = 0.3;

    /// <summary>Real examples of the class shown per request (few-shot): 5.</summary>
    [Range(1, 50)] public int Shots { get; init; } = 5;

    /// <summary>New texts asked for per request: 5.</summary>
    [Range(1, 50)] public int PerRequest { get; init; } = 5;

    /// <summary>Most requests spent on one class (duplicates and invalid answers cost requests too): 50.</summary>
    [Range(1, 100_000)] public int MaxRequestsPerClass { get; init; } = 50;

    /// <summary>Requests per prompt before an invalid answer is given up: 3.</summary>
    [Range(1, 10)] public int MaxAttempts { get; init; } = 3;

    /// <summary>Only these classes; unset: every class below the target.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    [Range(0.0, 2.0)] public double? Temperature { get; init; } = 1.0;

    public long Seed { get; init; } = 42;

    /// <summary>How many synthetic records a class of <paramref name="real"/> records may get towards <paramref name="target"/>.</summary>
    public int Quota(int real, int target) => Winnow.Core.Steps.SyntheticShare.Quota(real, target, MaxSyntheticShare);
}
