using System.ComponentModel.DataAnnotations;

namespace Winnow.Augmentation.Synthesis;

/// <summary>Options of the LLM-as-judge scorer (<c>judge</c>).</summary>
public sealed record JudgeOptions
{
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
