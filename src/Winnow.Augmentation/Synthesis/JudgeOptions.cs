using System.ComponentModel.DataAnnotations;

namespace Winnow.Augmentation.Synthesis;

/// <summary>Options of the LLM-as-judge scorer (<c>judge</c>).</summary>
public sealed record JudgeOptions : Winnow.Core.Services.INeedsChatModel
{
    /// <summary>Judge only records an augmenter or generator made (<c>meta.synthetic</c> or <c>meta.augmented_by</c>): true.</summary>
    public bool OnlySynthetic { get; init; } = true;

    /// <summary>Records per batch: 16.</summary>
    [Range(1, 100_000)] public int BatchSize { get; init; } = 16;

    /// <summary>Batches in flight at once: 4 (<c>llm.concurrency</c> limits the requests).</summary>
    [Range(1, 1024)] public int Concurrency { get; init; } = 4;

    public bool NeedsChatModel => true;

    /// <summary>What a good record is, in words (required).</summary>
    public string Rubric { get; init; } = "";

    /// <summary>Records scoring below this (1–5) are dropped: 4 (UltraFeedback's 1–5 scale; keep "good" and "excellent").</summary>
    [Range(1, 5)] public int MinScore { get; init; } = 4;

    [Range(1, 10)] public int MaxAttempts { get; init; } = 3;

    /// <summary>0 by default: a judge should be as repeatable as the server allows.</summary>
    [Range(0.0, 2.0)] public double? Temperature { get; init; } = 0;

    public long Seed { get; init; } = 42;

    public IEnumerable<(string Key, string Problem)> Validate()
    {
        if (string.IsNullOrWhiteSpace(Rubric)) yield return ("rubric", "the judge needs a rubric: what makes a record good");
    }
}
