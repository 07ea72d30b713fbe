using System.ComponentModel.DataAnnotations;

namespace Winnow.Augmentation.Paraphrase;

/// <summary>Options of <c>augment.paraphrase</c>.</summary>
public sealed record ParaphraseOptions
{
    /// <summary>Paraphrases asked for per record (one request gives all n): 3.</summary>
    [Range(1, 20)] public int N { get; init; } = 3;

    /// <summary>Sampling temperature sent with each request; unset: the server's default.</summary>
    [Range(0.0, 2.0)] public double? Temperature { get; init; }

    /// <summary>Requests per record before an invalid answer is rejected (the first one included): 3.</summary>
    [Range(1, 10)] public int MaxAttempts { get; init; } = 3;

    /// <summary>Seed of the requests (each record's request seed derives from it and the record's id).</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Extra instructions for the model (domain, register, what must not change).</summary>
    public string? Instructions { get; init; }
}
