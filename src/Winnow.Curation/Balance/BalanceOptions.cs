using System.ComponentModel.DataAnnotations;

namespace Winnow.Curation.Balance;

public enum BalanceStrategy
{
    /// <summary>Undersample each class to at most <see cref="BalanceOptions.MaxPerClass"/> records.</summary>
    Cap,
    /// <summary>Repeat records of small classes (each copy names its parent) up to <see cref="BalanceOptions.MinPerClass"/>, or to the largest class.</summary>
    Oversample,
    /// <summary>Undersample large classes until largest ÷ smallest ≤ <see cref="BalanceOptions.MaxRatio"/>.</summary>
    Ratio,
}

/// <summary>Options of <c>balance</c>. Which records go or repeat is drawn with the run's seed.</summary>
public sealed record BalanceOptions
{
    public BalanceStrategy Strategy { get; init; } = BalanceStrategy.Cap;

    [Range(1, int.MaxValue)] public int? MaxPerClass { get; init; }

    /// <summary>Oversample up to this many per class; unset: up to the largest class.</summary>
    [Range(1, int.MaxValue)] public int? MinPerClass { get; init; }

    [Range(1.0, double.MaxValue)] public double? MaxRatio { get; init; }

    /// <summary>What a class is: <c>label</c> (default; the label set for multi-label records) or a meta field.</summary>
    public string Stratify { get; init; } = "label";

    internal IEnumerable<(string Key, string Problem)> Validate()
    {
        if (Strategy == BalanceStrategy.Cap && MaxPerClass is null)
            yield return ("max_per_class", "strategy cap (the default) needs max_per_class; the strategies are cap {max_per_class: N} (undersample), " +
                "oversample {min_per_class: N, default the largest class} (repeat records of small classes) and ratio {max_ratio: R} (undersample to largest ÷ smallest ≤ R)");
        if (Strategy == BalanceStrategy.Ratio && MaxRatio is null) yield return ("max_ratio", "strategy ratio needs max_ratio (≥ 1)");
    }
}
