using System.ComponentModel.DataAnnotations;

namespace Winnow.Augmentation.Synthesis;

/// <summary>Options of self-instruct generation (<c>synthesize</c> with <c>mode: self_instruct</c>); defaults are Self-Instruct's.</summary>
public sealed record SelfInstructOptions
{
    /// <summary>New tasks wanted.</summary>
    [Range(1, 1_000_000)] public int Count { get; init; } = 100;

    /// <summary>Tasks shown per request: 8, of which 2 machine-generated once there are some (Self-Instruct's bootstrap).</summary>
    [Range(1, 50)] public int PromptTasks { get; init; } = 8;

    [Range(0, 50)] public int MachineTasksInPrompt { get; init; } = 2;

    /// <summary>New tasks asked for per request: 5.</summary>
    [Range(1, 50)] public int PerRequest { get; init; } = 5;

    /// <summary>A new instruction whose ROUGE-L F with any instruction in the pool exceeds this is dropped: 0.7 (Self-Instruct).</summary>
    [Range(0.0, 1.0)] public double MaxRougeL { get; init; } = 0.7;

    /// <summary>Requests spent at most; unset: ⌈count ÷ per_request⌉ × 4.</summary>
    [Range(1, 1_000_000)] public int? MaxRequests { get; init; }

    /// <summary>Requests in flight per round (their answers are read in order, so the pool grows deterministically): 8.</summary>
    [Range(1, 1024)] public int RequestsPerRound { get; init; } = 8;

    [Range(1, 10)] public int MaxAttempts { get; init; } = 3;

    [Range(0.0, 2.0)] public double? Temperature { get; init; } = 1.0;

    public long Seed { get; init; } = 42;

    /// <summary>Self-Instruct's filter: instructions a text model cannot carry out (images, files, plots …).</summary>
    public IReadOnlyList<string> BlockedWords { get; init; } =
        ["image", "images", "graph", "graphs", "picture", "pictures", "file", "files", "map", "maps", "draw", "plot", "go to"];

    /// <summary>Instructions of fewer words are dropped: 4 (Self-Instruct drops those of 3 words or fewer).</summary>
    [Range(0, 1000)] public int MinWords { get; init; } = 4;

    /// <summary>Instructions of more than this many words are dropped: 150 (Self-Instruct).</summary>
    [Range(1, 100_000)] public int MaxWords { get; init; } = 150;
}
