using System.ComponentModel.DataAnnotations;
using Winnow.Augmentation.Steps;
using Winnow.Core.Services;

namespace Winnow.Augmentation.Translation;

/// <summary>The engines <c>augment.backtranslate</c> can use.</summary>
public enum BacktranslateEngine
{
    /// <summary>Offline, through the distribution's Apertium (<c>apertium eng-spa</c>, then <c>spa-eng</c>).</summary>
    Apertium,

    /// <summary>Through the configured chat model (two requests per variant: there, and back).</summary>
    Chat,
}

/// <summary>Options of <c>augment.backtranslate</c>.</summary>
public sealed record BacktranslateOptions : INeedsChatModel, Winnow.Core.Steps.IVariantGenerator
{
    /// <summary><c>apertium</c> (default: offline, no model) or <c>chat</c>.</summary>
    public BacktranslateEngine Engine { get; init; } = BacktranslateEngine.Apertium;

    /// <summary>The pivot language (Apertium's code: <c>spa</c>, <c>cat</c>, <c>glg</c>, …): spa.</summary>
    public string Via { get; init; } = "spa";

    /// <summary>The records' language, Apertium's code: eng.</summary>
    public string From { get; init; } = "eng";

    /// <summary>Variants per record: 1. Apertium is deterministic, so more than one needs <c>engine: chat</c>.</summary>
    [Range(1, 20)] public int Copies { get; init; } = 1;

    /// <summary>Records per batch: all of a batch's lines go through one Apertium process per direction: 2000.</summary>
    [Range(1, 1_000_000)] public int BatchSize { get; init; } = 2000;

    /// <summary>Batches in flight at once: 1 for Apertium (a pipeline of several processes already fills two cores), 4 for chat.</summary>
    [Range(1, 1024)] public int? Concurrency { get; init; }

    /// <summary>Sampling temperature of the chat engine; unset: the server's default.</summary>
    [Range(0.0, 2.0)] public double? Temperature { get; init; }

    /// <summary>Seed of the chat engine's requests.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Also back-translate records another augmenter made: false.</summary>
    public bool AugmentVariants { get; init; }

    public GuardOptions Guards { get; init; } = new();

    /// <summary>The Apertium direction out (<c>eng-spa</c>).</summary>
    public string Pair => $"{From}-{Via}";

    public bool NeedsChatModel => Engine == BacktranslateEngine.Chat;

    internal IEnumerable<(string Key, string Problem)> Validate()
    {
        if (Engine == BacktranslateEngine.Apertium)
        {
            if (Copies > 1) yield return ("copies", "Apertium gives one translation per text; copies above 1 need engine: chat");
            if (ApertiumPairs.Problem(Pair) is { } problem) yield return ("via", problem);
        }
        foreach (var p in Guards.Validate()) yield return p;
    }
}
