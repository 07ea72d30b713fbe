using System.ComponentModel.DataAnnotations;

namespace Winnow.Curation.Dedup.MinHash;

/// <summary>
/// Options of <c>dedup.minhash</c>: MinHash LSH near-duplicate removal. Defaults follow datatrove's
/// <c>MinhashConfig</c> and text-dedup's <c>minhash.py</c> (5-gram word shingles, threshold 0.8, seed 1), with
/// text-dedup's 128 permutations; bands × rows default to text-dedup's (= datasketch's) <c>optimal_param</c>.
/// </summary>
public sealed record MinHashOptions
{
    /// <summary>Jaccard similarity of shingle sets at which two records count as near duplicates. Default 0.8 (datatrove, text-dedup).</summary>
    [Range(0.01, 1.0)]
    public double Threshold { get; init; } = 0.8;

    /// <summary>Words per shingle. Default 5 (datatrove <c>n_grams=5</c>, text-dedup <c>ngram=5</c>). A text shorter than this is one shingle.</summary>
    [Range(1, 64)]
    public int Ngram { get; init; } = 5;

    /// <summary>Hash permutations per signature. Default 128 (text-dedup <c>num_perm</c>; datatrove uses 14 × 8 = 112).</summary>
    [Range(2, 1024)]
    public int Permutations { get; init; } = 128;

    /// <summary>LSH bands. Default: chosen with <see cref="Rows"/> for the threshold (see <see cref="MinHashParameters"/>). Set both or neither.</summary>
    [Range(1, 1024)]
    public int? Bands { get; init; }

    /// <summary>Signature values per band. Default: chosen with <see cref="Bands"/>; bands × rows ≤ permutations.</summary>
    [Range(1, 1024)]
    public int? Rows { get; init; }

    /// <summary>Which record of a cluster stays: <c>first</c> (default, as datatrove and text-dedup) or <c>longest</c> (most characters; ties: the first).</summary>
    [AllowedValues("first", "longest")]
    public string Keep { get; init; } = "first";

    /// <summary>
    /// Compute the true Jaccard similarity of every LSH candidate pair and join only pairs at or above the
    /// threshold (text-dedup's <c>check_false_positive</c>). Default true, unlike datatrove and text-dedup (off):
    /// measured on bench/minhash at 0.8, LSH alone gives precision 0.84 and recall 0.80, the check 1.00 and 0.975,
    /// for a second read and 8 bytes per distinct shingle of each candidate record (counted in <see cref="MemoryMb"/>).
    /// </summary>
    public bool CheckJaccard { get; init; } = true;

    /// <summary>
    /// How much a false positive counts against a false negative (1 − this) when bands × rows are chosen. Default:
    /// 0.5 (datasketch, text-dedup) without <see cref="CheckJaccard"/>; 0.1 with it, because the check removes
    /// false positives, so more candidates cost time but not precision (0.1 gives 14 × 9 at 0.8, near datatrove's 14 × 8).
    /// </summary>
    [Range(0.0, 1.0)]
    public double? FalsePositiveWeight { get; init; }

    internal double EffectiveFalsePositiveWeight => FalsePositiveWeight ?? (CheckJaccard ? 0.1 : 0.5);

    /// <summary>Seed of the hash family. Default 1 (datatrove <c>seed=1</c>). Not the run's seed: clusters stay the same whatever the recipe's seed.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>
    /// Memory for band buckets (12 bytes per record per band). Past it, buckets are sorted and spilled to the run's
    /// work folder and merged afterwards. Default 1024. Not counted: 8 bytes per record for clusters and lengths.
    /// </summary>
    [Range(1, 1_048_576)]
    public int MemoryMb { get; init; } = 1024;

    /// <summary>
    /// Contiguous shards of the input whose signatures and sorted band entries are computed independently and in
    /// parallel, each with memory_mb / shards, then merged per band (datatrove's signatures → buckets stages). The
    /// clusters do not depend on it. Default 1: the signatures of one shard already use every core, and each further
    /// shard reads past the records before its range (measured on bench/minhash, see the README).
    /// </summary>
    [Range(1, 1024)]
    public int Shards { get; init; } = 1;

    internal IEnumerable<(string Key, string Problem)> Validate()
    {
        if (Bands is null != Rows is null)
            yield return (Bands is null ? "bands" : "rows", "set both bands and rows, or neither (then they are chosen for the threshold)");
        else if (Bands * Rows > Permutations)
            yield return ("bands", $"bands × rows ({Bands} × {Rows} = {Bands * Rows}) is more than permutations ({Permutations})");
    }
}
