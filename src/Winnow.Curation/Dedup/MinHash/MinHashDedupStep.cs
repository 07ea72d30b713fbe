using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Curation.Dedup.MinHash;

/// <summary>
/// <c>dedup.minhash</c>: MinHash LSH near-duplicate removal over the whole dataset.
/// <list type="number">
/// <item>Signatures, as datatrove's stages: the input is cut into <c>shards</c> contiguous ranges, read in parallel;
/// band keys of each batch are computed in parallel (<see cref="MinHasher"/>) and added to the shard's own
/// <see cref="BandBuckets"/>, which sorts them and spills past the shard's share of <c>memory_mb</c>.</item>
/// <item>Per band, a k-way merge of all shards' sorted runs (<see cref="BandMerge"/>): records sharing a band key
/// are candidates; each candidate pair joins a union-find, with
/// <c>check_jaccard</c> (the default) only when its true Jaccard reaches the threshold, which needs a second read.</item>
/// <item>Each set of two or more is a cluster, named by its smallest input index (<c>meta.dup_cluster</c>); one
/// record stays (<c>keep: first|longest</c>), the others are dropped as <c>minhash_duplicate</c>, the detail
/// naming the kept record's id (a last read collects those ids).</item>
/// </list>
/// Every choice depends only on the records and their order, never on thread timing: the same input gives the
/// same plan on one core or many, with one shard or many, spilled or not.
/// </summary>
/// <remarks>Sharded, it runs datatrove's stages across tasks (<see cref="MinHashStages"/>): signatures per shard, one
/// task for buckets and clusters, the filter per shard.</remarks>
public sealed class MinHashDedupStep(MinHashOptions options, string workDirectory) : IDatasetStep, IShardedStep
{
    private const int BatchSize = 4096;

    public string Name => "dedup.minhash";

    /// <summary>Threads for signatures; default all cores.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>What the last <see cref="Plan"/> found (for tests, benchmarks and logs).</summary>
    public MinHashReport? LastReport { get; private set; }

    public IRecordStep Plan(IRecordSource input, CancellationToken cancellationToken)
    {
        var hasher = Hasher();
        var (bands, rows) = (hasher.Bands, hasher.Rows);
        var spill = Path.Combine(workDirectory, $"minhash-{Guid.NewGuid():N}");
        try
        {
            var (sets, lengths, pairs, spilledRuns, shards, candidates) = Buckets(input, hasher, spill, cancellationToken);
            var checkSpilled = false;
            Dictionary<int, string>? ids = null;
            if (candidates is not null)
            {
                // After the buckets are gone, so their memory and the check's are not needed at once.
                pairs = candidates.Count;
                ids = [];
                checkSpilled = JoinVerified(input, hasher, candidates, sets, spill, ids, cancellationToken);
            }
            var plan = Decide(sets, lengths);
            // Every kept record of a cluster was a candidate: with the check, its id was read then; else one more read.
            if (ids is not null) foreach (var (c, kept) in plan.Kept) plan.KeptIds[c] = ids[kept];
            else CollectKeptIds(input, plan, cancellationToken);
            LastReport = new MinHashReport(lengths.Length, bands, rows, pairs, plan.Clusters, plan.Dropped, spilledRuns, checkSpilled, shards);
            return plan;
        }
        finally
        {
            if (Directory.Exists(spill)) Directory.Delete(spill, recursive: true);
        }
    }

    internal MinHasher Hasher()
    {
        var (bands, rows) = options.Bands is { } b ? (b, options.Rows!.Value) : MinHashParameters.Optimal(options.Threshold, options.Permutations, options.EffectiveFalsePositiveWeight);
        return new MinHasher(options.Ngram, options.Permutations, bands, rows, options.Seed);
    }

    internal MinHashOptions Options => options;

    public void Summarise(IRecordSource shard, Stream summary, CancellationToken cancellationToken) =>
        MinHashStages.Summarise(this, shard, summary, cancellationToken);

    public void Plan(IReadOnlyList<ShardSummary> summaries, Stream plan, CancellationToken cancellationToken) =>
        MinHashStages.Plan(this, summaries, plan, Path.Combine(workDirectory, $"minhash-{Guid.NewGuid():N}"), cancellationToken);

    public IRecordStep Apply(Stream plan, CancellationToken cancellationToken) => MinHashStages.Apply(plan);

    /// <summary>
    /// The signatures, buckets and (without the check) clusters stages. Signatures: each shard reads its own
    /// contiguous range and sorts its band entries into its own buckets, with its share of <c>memory_mb</c>, shards in
    /// parallel. Buckets: per band, a k-way merge of every shard's sorted runs. Clusters: candidate pairs join a
    /// union-find, or (with the check) are returned to be verified first.
    /// </summary>
    private (UnionFind Sets, int[] Lengths, long Pairs, int SpilledRuns, int Shards, HashSet<(int, int)>? Candidates) Buckets(
        IRecordSource input, MinHasher hasher, string spill, CancellationToken ct)
    {
        var ranges = Ranges(input, options.Shards);
        var signed = new Shard?[ranges.Count];
        try
        {
            var outer = Math.Min(ranges.Count, MaxDegreeOfParallelism);
            var inner = Math.Max(1, MaxDegreeOfParallelism / outer);
            var memory = ((long)options.MemoryMb << 20) / ranges.Count;
            Parallel.For(0, ranges.Count, Parallelism(ct, outer), k =>
            {
                var buckets = new BandBuckets(hasher.Bands, memory, Path.Combine(spill, $"shard{k}"));
                signed[k] = new Shard(buckets, []);
                Sign(input, ranges[k], hasher, signed[k]!, inner, ct);
            });
            var shards = signed.Select(s => s!).ToList();
            var lengths = shards.SelectMany(s => s.Lengths).ToArray();
            var sets = new UnionFind(lengths.Length);
            var spilledRuns = shards.Sum(s => s.Buckets.SpilledRuns);
            var buckets = shards.Select(s => s.Buckets).ToList();
            if (options.CheckJaccard)
                return (sets, lengths, 0, spilledRuns, ranges.Count, [.. BandMerge.CandidatePairs(buckets, hasher.Bands, allPairs: true)]);
            var pairs = 0L;
            foreach (var (first, other) in BandMerge.CandidatePairs(buckets, hasher.Bands, allPairs: false))
            {
                sets.Union(first, other);
                pairs++;
            }
            return (sets, lengths, pairs, spilledRuns, ranges.Count, null);
        }
        finally
        {
            foreach (var shard in signed) shard?.Buckets.Dispose();
        }
    }

    private ParallelOptions Parallelism(CancellationToken ct, int? threads = null) =>
        new() { MaxDegreeOfParallelism = threads ?? MaxDegreeOfParallelism, CancellationToken = ct };

    /// <summary>
    /// The input cut into <paramref name="shards"/> contiguous ranges (start, count), as even as can be; fewer when
    /// there are fewer records. One shard needs no count, so a source without one is not read to count it.
    /// </summary>
    private static List<(long Start, long Count)> Ranges(IRecordSource input, int shards)
    {
        if (shards == 1) return [(0, long.MaxValue)];
        var total = input.Count ?? input.Read().LongCount();
        var n = (int)Math.Clamp(total, 1, shards);
        return Enumerable.Range(0, n).Select(k => (total * k / n, total * (k + 1) / n - total * k / n)).ToList();
    }

    /// <summary>One shard's signatures: its records' band keys (computed in parallel per batch) in its own buckets, sealed.</summary>
    private void Sign(IRecordSource input, (long Start, long Count) range, MinHasher hasher, Shard shard, int threads, CancellationToken ct)
    {
        var bands = hasher.Bands;
        var keys = new ulong[BatchSize * bands];
        var has = new bool[BatchSize];
        foreach (var batch in Batches(input.ReadRange(range.Start, range.Count, ct)))
        {
            Parallel.For(0, batch.Count, Parallelism(ct, threads),
                i => has[i] = hasher.BandKeys(batch[i].ContentText, keys.AsSpan(i * bands, bands)));
            for (var i = 0; i < batch.Count; i++)
            {
                if (has[i]) shard.Buckets.Add(checked((int)range.Start + shard.Lengths.Count), keys.AsSpan(i * bands, bands));
                shard.Lengths.Add(batch[i].ContentText.Length);
            }
        }
        shard.Buckets.Seal();
    }

    private sealed record Shard(BandBuckets Buckets, List<int> Lengths);

    private static IEnumerable<List<T>> Batches<T>(IEnumerable<T> records)
    {
        var batch = new List<T>(BatchSize);
        foreach (var record in records)
        {
            batch.Add(record);
            if (batch.Count == BatchSize)
            {
                yield return batch;
                batch = new List<T>(BatchSize);
            }
        }
        if (batch.Count > 0) yield return batch;
    }

    /// <summary>
    /// Second read: the sorted shingle sets of the candidates only (<see cref="CandidateShingles"/>, spilled past
    /// memory_mb); the pairs are checked in parallel and those whose true Jaccard reaches the threshold join.
    /// </summary>
    private bool JoinVerified(IRecordSource input, MinHasher hasher, HashSet<(int First, int Other)> candidates, UnionFind sets, string spill,
        Dictionary<int, string> ids, CancellationToken ct)
    {
        var wanted = new HashSet<int>();
        foreach (var (a, b) in candidates) { wanted.Add(a); wanted.Add(b); }
        using var shingles = new CandidateShingles((long)options.MemoryMb << 20, Path.Combine(spill, "check"));
        // Only the candidates are parsed again (a spill skips the other lines unparsed); their ids serve the drop details.
        foreach (var batch in Batches(input.ReadWhere(i => wanted.Contains((int)i), ct)))
        {
            var found = new ulong[batch.Count][];
            Parallel.For(0, batch.Count, Parallelism(ct), i => found[i] = hasher.ShingleSet(batch[i].Record.ContentText));
            for (var i = 0; i < batch.Count; i++)
            {
                var doc = (int)batch[i].Index;
                shingles.Add(doc, found[i]);
                ids[doc] = batch[i].Record.Id;
            }
        }
        shingles.Seal();
        var pairs = candidates.ToArray();
        var similar = new bool[pairs.Length];
        Parallel.For(0, pairs.Length, Parallelism(ct), () => (A: (ulong[]?)null, B: (ulong[]?)null), (p, _, scratch) =>
        {
            var a = shingles.Get(pairs[p].First, ref scratch.A);
            var b = shingles.Get(pairs[p].Other, ref scratch.B);
            similar[p] = MinHasher.Jaccard(a, b) >= options.Threshold;
            return scratch;
        }, _ => { });
        for (var p = 0; p < pairs.Length; p++)
            if (similar[p]) sets.Union(pairs[p].First, pairs[p].Other);
        return shingles.Spilled;
    }

    internal MinHashPlan Decide(UnionFind sets, int[] lengths)
    {
        var n = sets.Count;
        var cluster = new int[n];        // smallest index of the record's set, or −1 when it is alone
        var kept = new Dictionary<int, int>();   // cluster → index of the record that stays
        var longest = options.Keep == "longest";
        var clusterOfRoot = new Dictionary<int, int>();
        for (var i = 0; i < n; i++)
        {
            if (sets.SizeOf(i) < 2) { cluster[i] = -1; continue; }
            var root = sets.Find(i);
            if (!clusterOfRoot.TryGetValue(root, out var c))
            {
                clusterOfRoot[root] = c = i;   // ascending scan: the first member seen is the smallest index
                kept[c] = i;
            }
            else if (longest && lengths[i] > lengths[kept[c]]) kept[c] = i;
            cluster[i] = c;
        }
        return new MinHashPlan(cluster, kept);
    }

    /// <summary>Last read: the ids of the records that stay, so each drop can name its kept duplicate.</summary>
    private static void CollectKeptIds(IRecordSource input, MinHashPlan plan, CancellationToken ct)
    {
        if (plan.Clusters == 0) return;
        var keptIndexes = plan.Kept.ToDictionary(kv => kv.Value, kv => kv.Key);
        var index = 0;
        foreach (var record in input.Read(ct))
        {
            if (keptIndexes.TryGetValue(index, out var c)) plan.KeptIds[c] = record.Id;
            index++;
        }
    }
}

/// <summary>What a <c>dedup.minhash</c> plan found: records read, LSH shape, candidate pairs, clusters, drops, spill runs per band (all shards), whether the check's shingles spilled, shards.</summary>
public sealed record MinHashReport(int Records, int Bands, int Rows, long CandidatePairs, int Clusters, int Dropped, int SpilledRuns, bool CheckSpilled, int Shards = 1);
