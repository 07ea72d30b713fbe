namespace Winnow.Curation.Dedup.MinHash;

/// <summary>
/// The buckets stage of datatrove's MinHash: per band, a k-way merge of every shard's sorted runs (in memory or
/// spilled) by band key; records that share a key in a band are candidates. Ties between runs come out in any
/// order, which changes nothing: a bucket's pairs are built from its sorted members, so one shard or many, spilled
/// or not, give the same set of pairs.
/// </summary>
internal static class BandMerge
{
    /// <summary>Largest bucket whose pairs are all listed (≈5,000 pairs); bigger ones list star edges from their first record.</summary>
    public const int AllPairsLimit = 100;

    /// <summary>
    /// Per band and per bucket of two or more records: (smallest index, other index) for each other record, as
    /// text-dedup builds its edges, enough to join clusters. With <paramref name="allPairs"/>, every pair (earlier,
    /// later) of a bucket of up to <see cref="AllPairsLimit"/> records instead, so a Jaccard check can find the
    /// member a record really resembles, not only the bucket's first. A pair found in several bands comes several times.
    /// </summary>
    public static IEnumerable<(int First, int Other)> CandidatePairs(IReadOnlyList<BandBuckets> shards, int bands, bool allPairs)
    {
        var group = new List<int>();
        for (var b = 0; b < bands; b++)
        {
            ulong current = 0;
            foreach (var (key, doc) in Merge(shards.SelectMany(s => s.SortedRuns(b)).ToList()))
            {
                if (group.Count > 0 && key != current)
                {
                    foreach (var pair in Pairs(group, allPairs)) yield return pair;
                    group.Clear();
                }
                current = key;
                group.Add(doc);
            }
            foreach (var pair in Pairs(group, allPairs)) yield return pair;
            group.Clear();
        }
    }

    /// <summary>K-way merge of sorted runs by key (a heap of the runs' heads); one run passes through.</summary>
    private static IEnumerable<(ulong Key, int Doc)> Merge(List<IEnumerable<(ulong Key, int Doc)>> runs)
    {
        if (runs.Count == 1)
        {
            foreach (var entry in runs[0]) yield return entry;
            yield break;
        }
        var readers = runs.Select(r => r.GetEnumerator()).ToList();
        try
        {
            var heads = new PriorityQueue<int, ulong>(readers.Count);
            for (var r = 0; r < readers.Count; r++)
                if (readers[r].MoveNext()) heads.Enqueue(r, readers[r].Current.Key);
            while (heads.TryDequeue(out var r, out _))
            {
                yield return readers[r].Current;
                if (readers[r].MoveNext()) heads.Enqueue(r, readers[r].Current.Key);
            }
        }
        finally
        {
            foreach (var reader in readers) reader.Dispose();
        }
    }

    private static IEnumerable<(int, int)> Pairs(List<int> group, bool allPairs)
    {
        if (group.Count < 2) yield break;
        if (allPairs && group.Count <= AllPairsLimit)
        {
            group.Sort();
            for (var i = 0; i < group.Count; i++)
                for (var j = i + 1; j < group.Count; j++) yield return (group[i], group[j]);
            yield break;
        }
        var first = group.Min();
        foreach (var doc in group)
            if (doc != first) yield return (first, doc);
    }
}
