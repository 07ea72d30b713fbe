using System.ComponentModel.DataAnnotations;
using Winnow.Core.Recipes;
using Winnow.Core.Steps;

namespace Winnow.Curation.Balance;

public enum BalanceStrategy
{
    /// <summary>Undersample each class to at most <see cref="BalanceOptions.MaxPerClass"/> records.</summary>
    Cap,
    /// <summary>Repeat records of small classes (each copy names its parent) up to <see cref="BalanceOptions.MinPerClass"/>, or to the largest class.</summary>
    Oversample,
    /// <summary>Undersample large classes until largest ÷ smallest ≤ <see cref="BalanceOptions.MaxRatio"/>.</summary>
    Ratio,
    /// <summary>
    /// Fill each class's deficit up to <see cref="BalanceOptions.MinPerClass"/> (or the largest class) with variants from
    /// the generators in <see cref="BalanceOptions.Fill"/> instead of repetition, within <see cref="BalanceOptions.MaxSyntheticShare"/>.
    /// </summary>
    Target,
}

/// <summary>Options of <c>balance</c>. Which records go or repeat is drawn with the run's seed.</summary>
public sealed record BalanceOptions
{
    public BalanceStrategy Strategy { get; init; } = BalanceStrategy.Cap;

    [Range(1, int.MaxValue)] public int? MaxPerClass { get; init; }

    /// <summary>Oversample or fill (target) up to this many per class; unset: up to the largest class.</summary>
    [Range(1, int.MaxValue)] public int? MinPerClass { get; init; }

    [Range(1.0, double.MaxValue)] public double? MaxRatio { get; init; }

    /// <summary>What a class is: <c>label</c> (default; the label set for multi-label records) or a meta field.</summary>
    public string Stratify { get; init; } = "label";

    /// <summary>target: the steps that make the variants (augmenters, each with its own options as a step of its own), tried in order.</summary>
    public IReadOnlyList<StepSpec>? Fill { get; init; }

    /// <summary>
    /// target: most a class's records may be derived (variants, synthetic), 0–0.9: 0.3, as <c>synthesize</c>. A class of n
    /// real records gets at most ⌊share × n ÷ (1 − share)⌋ derived ones, minus those it already has.
    /// </summary>
    [Range(0.0, 0.9)] public double MaxSyntheticShare { get; init; } = 0.3;

    internal IEnumerable<(string Key, string Problem)> Validate()
    {
        if (Strategy == BalanceStrategy.Target && (Fill is null || Fill.Count == 0))
            yield return ("fill", "strategy target needs fill: the augmenters that make each class's variants, e.g. fill: [augment.synonyms, augment.backtranslate]");
        if (Strategy != BalanceStrategy.Target && Fill is not null)
            yield return ("fill", $"fill is for strategy target; strategy {YamlBinder.SnakeCase(Strategy.ToString())} makes no variants");
        foreach (var spec in Fill ?? [])
            if (spec.Options is not IVariantGenerator)
                yield return ("fill", $"{spec.Name} (line {spec.Line}) makes no variants of records; fill takes augmenters: augment.synonyms, augment.eda, augment.backtranslate, augment.paraphrase" +
                    (spec.Name == "synthesize" ? " (synthesize fills classes on its own: synthesize {target_per_class: N, max_synthetic_share: S})" : ""));
        if (Strategy == BalanceStrategy.Cap && MaxPerClass is null)
            yield return ("max_per_class", "strategy cap (the default) needs max_per_class; the strategies are cap {max_per_class: N} (undersample), " +
                "oversample {min_per_class: N, default the largest class} (repeat records of small classes) and ratio {max_ratio: R} (undersample to largest ÷ smallest ≤ R) and target {min_per_class: N, fill: [augmenters]} (fill each class with variants)");
        if (Strategy == BalanceStrategy.Ratio && MaxRatio is null) yield return ("max_ratio", "strategy ratio needs max_ratio (≥ 1)");
    }
}
