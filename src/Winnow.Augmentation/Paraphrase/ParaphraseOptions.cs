using System.ComponentModel.DataAnnotations;
using Winnow.Augmentation.Steps;
using Winnow.Core.Services;

namespace Winnow.Augmentation.Paraphrase;

/// <summary>Options of <c>augment.paraphrase</c>.</summary>
public sealed record ParaphraseOptions : INeedsChatModel, Winnow.Core.Steps.IVariantGenerator
{
    /// <summary>Paraphrases per record (every augmenter takes <c>copies</c>; one request asks for all): 3.</summary>
    [Range(1, 20)] public int Copies { get; init; } = 3;

    /// <summary>Sampling temperature sent with each request; unset: the server's default.</summary>
    [Range(0.0, 2.0)] public double? Temperature { get; init; }

    /// <summary>Requests per record before an invalid answer is rejected (the first one included): 3.</summary>
    [Range(1, 10)] public int MaxAttempts { get; init; } = 3;

    /// <summary>Seed of the requests (each record's request seed derives from it and the record's id).</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Extra instructions for the model (domain, register, what must not change).</summary>
    public string? Instructions { get; init; }

    /// <summary>Records per batch (their requests go out together; the endpoint's concurrency paces them): 16.</summary>
    [Range(1, 100_000)] public int BatchSize { get; init; } = 16;

    /// <summary>Batches in flight at once: 4 (the endpoint's <c>llm.concurrency</c> is the real limit on requests).</summary>
    [Range(1, 1024)] public int Concurrency { get; init; } = 4;

    /// <summary>Also paraphrase records another augmenter made: false.</summary>
    public bool AugmentVariants { get; init; }

    public GuardOptions Guards { get; init; } = new();

    public bool NeedsChatModel => true;
}
