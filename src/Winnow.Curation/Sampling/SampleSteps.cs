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
/// found in one pass with a bounded max-heap (memory ∝ n), then applied per record in input order.
/// </summary>
internal sealed class CountSampleStep(long n, long seed) : IDatasetStep
{
    public string Name => "sample";

    public IRecordStep Plan(IRecordSource input, CancellationToken cancellationToken)
    {
        // Max-heap on (priority, index): the root is the worst of the n kept so far.
        var heap = new PriorityQueue<long, (double, long)>(Comparer<(double P, long I)>.Create((a, b) => b.CompareTo(a)));
        long index = 0;
        foreach (var record in input.Read(cancellationToken))
        {
            var key = (SamplePriority.Of(seed, record), index);
            if (heap.Count < n) heap.Enqueue(index, key);
            else if (heap.TryPeek(out _, out var worst) && key.CompareTo(worst) < 0)
                heap.EnqueueDequeue(index, key);
            index++;
        }
        var keep = new HashSet<long>(heap.UnorderedItems.Select(e => e.Element));
        return new Chosen(keep);
    }

    private sealed class Chosen(HashSet<long> keep) : IRecordStep
    {
        public string Name => "sample";

        public Outcome Apply(Record record, long index) =>
            keep.Contains(index) ? Outcome.Keep(record) : Outcome.Drop("not_sampled");
    }
}
