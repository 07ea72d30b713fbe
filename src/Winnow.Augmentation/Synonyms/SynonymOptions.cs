using System.ComponentModel.DataAnnotations;
using Winnow.Augmentation.WordNet;

namespace Winnow.Augmentation.Synonyms;

/// <summary>Options of <c>augment.synonyms</c>.</summary>
public sealed record SynonymOptions : Winnow.Core.Steps.IVariantGenerator
{
    /// <summary>Share of a text's words to replace: nlpaug's <c>aug_p</c> default, 0.3.</summary>
    [Range(0.0, 1.0)] public double P { get; init; } = 0.3;

    /// <summary>At most this many words changed per variant: nlpaug's <c>aug_max</c> default, 10.</summary>
    [Range(1, 1000)] public int MaxChanges { get; init; } = 10;

    /// <summary>Variants per record (every augmenter takes it): 1.</summary>
    [Range(1, 100)] public int Copies { get; init; } = 1;

    /// <summary>Also augment records another augmenter made (variants of variants); default false, so chained augmenters do not multiply.</summary>
    public bool AugmentVariants { get; init; }

    /// <summary>Seed of the word and synonym choices; unset: derived from the run's seed and the step's position.</summary>
    public long? Seed { get; init; }

    /// <summary>Words (any case) never replaced, besides the stop words: product names, domain terms.</summary>
    public IReadOnlyList<string> Protected { get; init; } = [];

    /// <summary>The WordNet 3.0 database folder: Debian's <c>wordnet-base</c> puts it at /usr/share/wordnet.</summary>
    public string Wordnet { get; init; } = WordNetDatabase.DefaultPath;

    /// <summary>The variants' checks (similarity, dedup against the input, label preservation); see <see cref="Steps.GuardOptions"/>.</summary>
    public Steps.GuardOptions Guards { get; init; } = new();

    internal IEnumerable<(string Key, string Problem)> Validate()
    {
        if (WordNetDatabase.Problem(Wordnet) is { } problem) yield return ("wordnet", problem);
        foreach (var p in Guards.Validate()) yield return p;
    }
}
