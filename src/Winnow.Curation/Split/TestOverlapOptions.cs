using System.ComponentModel.DataAnnotations;

namespace Winnow.Curation.Split;

/// <summary>
/// How <c>split</c> with a <c>test_file</c> finds train/validation records that overlap a test record (both checks run;
/// either one drops the record as <c>contaminated_by_test</c>). The n-gram defaults are <c>decontaminate</c>'s (GPT-3,
/// Brown et al. 2020, appendix C); the near-duplicate defaults are <c>dedup.minhash</c>'s (datatrove, text-dedup).
/// </summary>
public sealed record TestOverlapOptions
{
    /// <summary>Words per n-gram: a shared n-gram of lower-cased words is an overlap. Default 13 (GPT-3, lm-eval-harness).</summary>
    [Range(1, 1000)] public int Ngram { get; init; } = 13;

    /// <summary>A test text shorter than <see cref="Ngram"/> but with at least this many words overlaps a record containing all its words in order. Default 8 (GPT-3's smallest N).</summary>
    [Range(1, 1000)] public int MinWords { get; init; } = 8;

    /// <summary>
    /// Jaccard similarity of word-shingle sets at which a record is a near duplicate of a test record (MinHash LSH
    /// finds candidates, the true Jaccard decides). Default 0.8 (<c>dedup.minhash</c>); 0 turns the check off.
    /// </summary>
    [Range(0.0, 1.0)] public double Jaccard { get; init; } = 0.8;

    /// <summary>Words per shingle for <see cref="Jaccard"/>. Default 5 (<c>dedup.minhash</c>); a text shorter than this is one shingle.</summary>
    [Range(1, 100)] public int Shingle { get; init; } = 5;
}
