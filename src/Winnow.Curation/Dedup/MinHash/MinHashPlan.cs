using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Curation.Dedup.MinHash;

/// <summary>
/// The per-record result of <see cref="MinHashDedupStep.Plan"/>: by input index, the record's cluster (−1: none)
/// and which record of each cluster stays. Members of a cluster get <c>meta.dup_cluster</c>; all but the kept one
/// are dropped as <c>minhash_duplicate</c>. Memory: 4 bytes per record plus a few per cluster.
/// </summary>
internal sealed class MinHashPlan(int[] cluster, Dictionary<int, int> kept) : IRecordStep
{
    public string Name => "dedup.minhash";

    /// <summary>Cluster → index of the record that stays.</summary>
    public IReadOnlyDictionary<int, int> Kept => kept;

    /// <summary>Cluster → id of the record that stays (filled by a read after planning).</summary>
    public Dictionary<int, string> KeptIds { get; } = [];

    public int Clusters => kept.Count;

    /// <summary>The cluster of the record at <paramref name="index"/> (−1: none).</summary>
    public int Cluster(int index) => cluster[index];

    public int Dropped => cluster.Count(c => c >= 0) - kept.Count;

    public Outcome Apply(Record record, long index)
    {
        var c = index < cluster.Length ? cluster[index] : -1;
        if (c < 0) return Outcome.Keep(record);
        if (kept[c] != index)
            return Outcome.Drop("minhash_duplicate", $"near duplicate of {KeptIds.GetValueOrDefault(c, $"record #{kept[c]}")} (cluster {c})");
        return Outcome.Keep(record with { Meta = record.Meta.Set("dup_cluster", c) });
    }
}
