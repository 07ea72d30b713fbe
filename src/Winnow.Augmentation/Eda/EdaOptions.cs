using System.ComponentModel.DataAnnotations;
using Winnow.Augmentation.WordNet;

namespace Winnow.Augmentation.Eda;

/// <summary>Options of <c>augment.eda</c>. Rates are EDA's defaults (Wei &amp; Zou 2019, <c>eda.py</c>: α = 0.1 each).</summary>
public sealed record EdaOptions : Winnow.Core.Steps.IVariantGenerator
{
    /// <summary>SR: share of words replaced by a synonym (α_sr).</summary>
    [Range(0.0, 1.0)] public double AlphaSr { get; init; } = 0.1;

    /// <summary>RI: share of words for which a synonym is inserted (α_ri).</summary>
    [Range(0.0, 1.0)] public double AlphaRi { get; init; } = 0.1;

    /// <summary>RS: share of words swapped (α_rs).</summary>
    [Range(0.0, 1.0)] public double AlphaRs { get; init; } = 0.1;

    /// <summary>RD: probability of deleting each word (p_rd).</summary>
    [Range(0.0, 1.0)] public double PRd { get; init; } = 0.1;

    /// <summary>
    /// Variants per record (n_aug). Unset: the paper's recommendation (table 3) for the number of records the step
    /// sees: up to 500 → 16, up to 2,000 → 8, more → 4 (the step then reads its input once to count it).
    /// </summary>
    [Range(1, 100)] public int? Copies { get; init; }

    /// <summary>Also augment records another augmenter made (variants of variants); default false, so chained augmenters do not multiply.</summary>
    public bool AugmentVariants { get; init; }

    /// <summary>Seed of the choices; unset: derived from the run's seed and the step's position.</summary>
    public long? Seed { get; init; }

    /// <summary>Words (any case) never replaced, besides the stop words.</summary>
    public IReadOnlyList<string> Protected { get; init; } = [];

    /// <summary>The WordNet 3.0 database folder (Debian's <c>wordnet-base</c>).</summary>
    public string Wordnet { get; init; } = WordNetDatabase.DefaultPath;

    /// <summary>The variants' checks (similarity, dedup against the input, label preservation); see <see cref="Steps.GuardOptions"/>.</summary>
    public Steps.GuardOptions Guards { get; init; } = new();

    internal EdaRates Rates => new(AlphaSr, AlphaRi, AlphaRs, PRd);

    /// <summary>EDA's recommended n_aug for a training set of <paramref name="records"/> (Wei &amp; Zou 2019, table 3).</summary>
    public static int RecommendedCopies(long records) => records <= 500 ? 16 : records <= 2000 ? 8 : 4;

    internal IEnumerable<(string Key, string Problem)> Validate()
    {
        if (WordNetDatabase.Problem(Wordnet) is { } problem) yield return ("wordnet", problem);
        foreach (var p in Guards.Validate()) yield return p;
        if (AlphaSr + AlphaRi + AlphaRs + PRd == 0) yield return ("alpha_sr", "every operation's rate is 0: nothing would change");
    }
}
