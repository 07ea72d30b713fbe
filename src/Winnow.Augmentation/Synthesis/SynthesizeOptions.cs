using System.ComponentModel.DataAnnotations;
using Winnow.Core.Services;

namespace Winnow.Augmentation.Synthesis;

/// <summary>What <c>synthesize</c> generates.</summary>
public enum SynthesisMode
{
    /// <summary>New records for the classes under a target, few-shot from their real examples, within a synthetic share cap.</summary>
    Class,

    /// <summary>Instruction/response pairs from seed tasks (Self-Instruct), kept when new enough by ROUGE-L.</summary>
    SelfInstruct,
}

/// <summary>Options of <c>synthesize</c> (defaults and anchors: <see cref="ClassSynthesisOptions"/>, <see cref="SelfInstructOptions"/>).</summary>
public sealed record SynthesizeOptions : INeedsChatModel
{
    public SynthesisMode Mode { get; init; } = SynthesisMode.Class;

    /// <summary>class: records wanted per class, real and synthetic; unset: the largest class's size.</summary>
    [Range(1, int.MaxValue)] public int? TargetPerClass { get; init; }

    /// <summary>class: most a class's records may be synthetic: 0.3.</summary>
    [Range(0.0, 0.9)] public double MaxSyntheticShare { get; init; } = 0.3;

    /// <summary>class: real examples per request: 5.</summary>
    [Range(1, 50)] public int Shots { get; init; } = 5;

    /// <summary>New texts (class) or tasks (self_instruct) asked for per request: 5.</summary>
    [Range(1, 50)] public int PerRequest { get; init; } = 5;

    /// <summary>class: most requests spent on one class: 50.</summary>
    [Range(1, 100_000)] public int MaxRequestsPerClass { get; init; } = 50;

    /// <summary>class: only these classes; unset: every class below the target.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>self_instruct: tasks to generate: 100.</summary>
    [Range(1, 1_000_000)] public int Count { get; init; } = 100;

    /// <summary>self_instruct: the seed tasks file (Self-Instruct's JSONL format); unset: Self-Instruct's 175 seed tasks.</summary>
    public string? Seeds { get; init; }

    /// <summary>self_instruct: a new instruction whose ROUGE-L against any in the pool exceeds this is rejected: 0.7 (Self-Instruct).</summary>
    [Range(0.0, 1.0)] public double MaxRougeL { get; init; } = 0.7;

    [Range(1, 10)] public int MaxAttempts { get; init; } = 3;

    [Range(0.0, 2.0)] public double? Temperature { get; init; } = 1.0;

    public long Seed { get; init; } = 42;

    public bool NeedsChatModel => true;

    internal ClassSynthesisOptions ForClasses() => new()
    {
        TargetPerClass = TargetPerClass, MaxSyntheticShare = MaxSyntheticShare, Shots = Shots, PerRequest = PerRequest,
        MaxRequestsPerClass = MaxRequestsPerClass, MaxAttempts = MaxAttempts, Labels = Labels, Temperature = Temperature, Seed = Seed,
    };

    internal SelfInstructOptions ForSelfInstruct() => new()
    {
        Count = Count, PerRequest = PerRequest, MaxRougeL = MaxRougeL, MaxAttempts = MaxAttempts, Temperature = Temperature, Seed = Seed,
    };
}
