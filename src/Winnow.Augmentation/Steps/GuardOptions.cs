using System.ComponentModel.DataAnnotations;

namespace Winnow.Augmentation.Steps;

/// <summary>
/// The <c>guards:</c> every augmenter takes: checks its variants pass before they join the data. A variant a guard
/// turns away goes to the step's rejects with the guard's reason; the manifest and report show per augmenter how many
/// variants were made and kept (<c>variants</c>) and why the others went (<c>variants_dropped</c>).
/// </summary>
public sealed record GuardOptions
{
    /// <summary>Check the embedding similarity of variant and source (needs the embedding service: MiniLM in the CLI): true.</summary>
    public bool Similarity { get; init; } = true;

    /// <summary>Below this cosine similarity a variant no longer means the same (<c>too_dissimilar</c>): 0.80 (issue #14).</summary>
    [Range(-1.0, 1.0)] public double MinSimilarity { get; init; } = 0.80;

    /// <summary>Above this it hardly changed (<c>too_similar</c>): 0.98 (issue #14).</summary>
    [Range(-1.0, 1.0)] public double MaxSimilarity { get; init; } = 0.98;

    /// <summary>
    /// Drop a variant whose text (case and spacing ignored) is already a record of the step's input
    /// (<c>duplicate_of_existing</c>): true. The step then reads its input once first to learn the texts (8 bytes a record).
    /// </summary>
    public bool Dedup { get; init; } = true;

    /// <summary>
    /// A trained classifier's folder (<c>winnow train</c> output): a variant whose predicted label is not its parent's is
    /// dropped (<c>label_changed</c>). Unset: no label check.
    /// </summary>
    public string? LabelModel { get; init; }

    internal IEnumerable<(string Key, string Problem)> Validate()
    {
        if (MinSimilarity > MaxSimilarity) yield return ("guards", $"min_similarity {MinSimilarity} is above max_similarity {MaxSimilarity}");
    }
}
