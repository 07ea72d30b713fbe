using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Curation.Sampling;

/// <summary><c>sample</c> with a fraction: a per-record seeded coin; drops with <c>not_sampled</c>.</summary>
internal sealed class FractionSampleStep(double fraction, long seed) : IRecordStep
{
    public string Name => "sample";

    public Outcome Apply(Record record, long index) =>
        SamplePriority.Of(seed, record) < fraction ? Outcome.Keep(record) : Outcome.Drop("not_sampled");
}

/// <summary>
/// <c>sample</c> with a count: the n records of lowest seeded priority (a uniform sample without replacement),
/// found in one pass with a bounded max-heap (memory ∝ n), then applied per record in input order. Sharded, each
/// shard writes its records' priorities (8 bytes each), one task picks the n lowest, each shard keeps those.
/// </summary>
internal sealed class CountSampleStep(long n, long seed) : IDatasetStep, IShardedStep
{
    public string Name => "sample";

    public IRecordStep Plan(IRecordSource input, CancellationToken cancellationToken) =>
        new Chosen(Lowest(input.Read(cancellationToken).Select(r => SamplePriority.Of(seed, r))));

    public void Summarise(IRecordSource shard, Stream summary, CancellationToken cancellationToken)
    {
        using var w = new BinaryWriter(new BufferedStream(summary, 1 << 16), System.Text.Encoding.UTF8, leaveOpen: true);
        foreach (var record in shard.Read(cancellationToken)) w.Write(SamplePriority.Of(seed, record));
    }

    public void Plan(IReadOnlyList<ShardSummary> summaries, Stream plan, CancellationToken cancellationToken)
    {
        var keep = Lowest(summaries.SelectMany(s => Priorities(s.Path, s.Records)));
        using var w = new BinaryWriter(plan, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(keep.Count);
        foreach (var i in keep.Order()) w.Write(i);
    }

    public IRecordStep Apply(Stream plan, CancellationToken cancellationToken)
    {
        using var r = new BinaryReader(plan, System.Text.Encoding.UTF8, leaveOpen: true);
        var keep = new HashSet<long>();
        for (var k = r.ReadInt32(); k > 0; k--) keep.Add(r.ReadInt64());
        return new Chosen(keep);
    }

    private static IEnumerable<double> Priorities(string path, long records)
    {
        using var r = new BinaryReader(new BufferedStream(File.OpenRead(path), 1 << 16));
        for (long i = 0; i < records; i++) yield return r.ReadDouble();
    }

    /// <summary>Indices of the n lowest (priority, index) pairs.</summary>
    private HashSet<long> Lowest(IEnumerable<double> priorities)
    {
        // Max-heap on (priority, index): the root is the worst of the n kept so far.
        var heap = new PriorityQueue<long, (double, long)>(Comparer<(double P, long I)>.Create((a, b) => b.CompareTo(a)));
        long index = 0;
        foreach (var priority in priorities)
        {
            var key = (priority, index);
            if (heap.Count < n) heap.Enqueue(index, key);
            else if (heap.TryPeek(out _, out var worst) && key.CompareTo(worst) < 0)
                heap.EnqueueDequeue(index, key);
            index++;
        }
        return new HashSet<long>(heap.UnorderedItems.Select(e => e.Element));
    }

    private sealed class Chosen(HashSet<long> keep) : IRecordStep
    {
        public string Name => "sample";

        public Outcome Apply(Record record, long index) =>
            keep.Contains(index) ? Outcome.Keep(record) : Outcome.Drop("not_sampled");
    }
}
