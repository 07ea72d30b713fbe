using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Curation.Dedup.MinHash;

/// <summary>
/// <c>dedup.minhash</c> across shards, in datatrove's stages:
/// <list type="number">
/// <item>signatures, in each shard (<see cref="Summarise"/>): per record, in order, its band keys, its length and id,
/// and (with <c>check_jaccard</c>) its sorted shingle set, hashed in parallel batches;</item>
/// <item>buckets and clusters, in one task (<see cref="Plan"/>): the band keys of all shards, in shard order, go to one
/// <see cref="BandBuckets"/> (spilled past <c>memory_mb</c>) with each record's index in the whole input; candidate pairs
/// are checked against the shingle sets read back from the summaries, joined, and clustered as in one process;</item>
/// <item>filter, in each shard (<see cref="Apply"/>): the plan, by index in the whole input.</item>
/// </list>
/// The plan is the one <see cref="MinHashDedupStep.Plan"/> makes over the same records: same pairs, same clusters, same
/// kept records, same ids in the drop details.
/// </summary>
internal static class MinHashStages
{
    private const int Batch = 4096;

    public static void Summarise(MinHashDedupStep step, IRecordSource shard, Stream summary, CancellationToken ct)
    {
        var hasher = step.Hasher();
        var check = step.Options.CheckJaccard;
        var bands = hasher.Bands;
        var keys = new ulong[Batch * bands];
        var has = new bool[Batch];
        var sets = new ulong[Batch][];
        using var w = new BinaryWriter(new BufferedStream(summary, 1 << 20), System.Text.Encoding.UTF8, leaveOpen: true);
        foreach (var batch in shard.Read(ct).Chunk(Batch))
        {
            Parallel.For(0, batch.Length, new ParallelOptions { CancellationToken = ct }, i =>
            {
                var text = batch[i].ContentText;
                has[i] = hasher.BandKeys(text, keys.AsSpan(i * bands, bands));
                if (check) sets[i] = hasher.ShingleSet(text);
            });
            for (var i = 0; i < batch.Length; i++)
            {
                w.Write(has[i]);
                if (has[i]) foreach (var k in keys.AsSpan(i * bands, bands)) w.Write(k);
                w.Write(batch[i].ContentText.Length);
                w.Write(batch[i].Id);
                if (!check) continue;
                w.Write(sets[i].Length);
                foreach (var x in sets[i]) w.Write(x);
            }
        }
    }

    public static void Plan(MinHashDedupStep step, IReadOnlyList<ShardSummary> summaries, Stream plan, string spill, CancellationToken ct)
    {
        var hasher = step.Hasher();
        var options = step.Options;
        var total = checked((int)summaries.Sum(s => s.Records));
        var lengths = new int[total];
        var where = new (int File, long Offset)[options.CheckJaccard ? total : 0];   // each record's shingle set in the summaries
        var ids = new string[total];
        var keys = new ulong[hasher.Bands];
        try
        {
            var sets = new UnionFind(total);
            using (var buckets = new BandBuckets(hasher.Bands, (long)options.MemoryMb << 20, spill))
            {
                var index = 0;
                for (var f = 0; f < summaries.Count; f++)
                {
                    using var r = new BinaryReader(new BufferedStream(File.OpenRead(summaries[f].Path), 1 << 20));
                    for (long n = 0; n < summaries[f].Records; n++, index++)
                    {
                        if (r.ReadBoolean())
                        {
                            for (var b = 0; b < keys.Length; b++) keys[b] = r.ReadUInt64();
                            buckets.Add(index, keys);
                        }
                        lengths[index] = r.ReadInt32();
                        ids[index] = r.ReadString();
                        if (!options.CheckJaccard) continue;
                        where[index] = (f, r.BaseStream.Position);
                        r.BaseStream.Seek(r.ReadInt32() * 8L, SeekOrigin.Current);
                    }
                    ct.ThrowIfCancellationRequested();
                }
                buckets.Seal();
                if (!options.CheckJaccard)
                    foreach (var (first, other) in BandMerge.CandidatePairs([buckets], hasher.Bands, allPairs: false)) sets.Union(first, other);
                else
                {
                    var pairs = BandMerge.CandidatePairs([buckets], hasher.Bands, allPairs: true).ToHashSet().ToArray();
                    var similar = new bool[pairs.Length];
                    var files = summaries.Select(s => s.Path).ToArray();
                    Parallel.For(0, pairs.Length, new ParallelOptions { CancellationToken = ct },
                        () => new ShingleReader(files), (p, _, reader) =>
                        {
                            similar[p] = MinHasher.Jaccard(reader.Read(where[pairs[p].First], 0), reader.Read(where[pairs[p].Other], 1)) >= options.Threshold;
                            return reader;
                        }, reader => reader.Dispose());
                    for (var p = 0; p < pairs.Length; p++)
                        if (similar[p]) sets.Union(pairs[p].First, pairs[p].Other);
                }
            }
            var decided = step.Decide(sets, lengths);
            using var w = new BinaryWriter(plan, System.Text.Encoding.UTF8, leaveOpen: true);
            w.Write(total);
            for (var i = 0; i < total; i++) w.Write(decided.Cluster(i));
            w.Write(decided.Kept.Count);
            foreach (var (cluster, kept) in decided.Kept.OrderBy(kv => kv.Key))
            {
                w.Write(cluster);
                w.Write(kept);
                w.Write(ids[kept]);
            }
        }
        finally
        {
            if (Directory.Exists(spill)) Directory.Delete(spill, recursive: true);
        }
    }

    public static IRecordStep Apply(Stream plan)
    {
        using var r = new BinaryReader(new BufferedStream(plan, 1 << 20), System.Text.Encoding.UTF8, leaveOpen: true);
        var cluster = new int[r.ReadInt32()];
        for (var i = 0; i < cluster.Length; i++) cluster[i] = r.ReadInt32();
        var kept = new Dictionary<int, int>();
        var ids = new Dictionary<int, string>();
        for (var n = r.ReadInt32(); n > 0; n--)
        {
            var c = r.ReadInt32();
            kept[c] = r.ReadInt32();
            ids[c] = r.ReadString();
        }
        var result = new MinHashPlan(cluster, kept);
        foreach (var (c, id) in ids) result.KeptIds[c] = id;
        return result;
    }

    /// <summary>Reads shingle sets back from the summaries (one open file per summary and thread, two buffers).</summary>
    private sealed class ShingleReader(string[] paths) : IDisposable
    {
        private readonly FileStream?[] _files = new FileStream?[paths.Length];
        private readonly ulong[][] _buffers = [[], []];
        private byte[] _bytes = [];

        public ReadOnlySpan<ulong> Read((int File, long Offset) at, int slot)
        {
            var file = _files[at.File] ??= new FileStream(paths[at.File], FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
            file.Position = at.Offset;
            Span<byte> head = stackalloc byte[4];
            file.ReadExactly(head);
            var count = BitConverter.ToInt32(head);
            if (_bytes.Length < count * 8) _bytes = new byte[count * 8];
            file.ReadExactly(_bytes, 0, count * 8);
            if (_buffers[slot].Length < count) _buffers[slot] = new ulong[count];
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(_bytes.AsSpan(0, count * 8)).CopyTo(_buffers[slot]);
            return _buffers[slot].AsSpan(0, count);
        }

        public void Dispose()
        {
            foreach (var f in _files) f?.Dispose();
        }
    }
}
