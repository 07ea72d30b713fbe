using Winnow.Core.Records;

namespace Winnow.Core.Steps;

/// <summary>
/// A whole-dataset step under <c>where</c>: it plans over the matching records only (numbered among themselves),
/// and its plan applies to them; other records pass through. A bitset with per-block ranks maps a record's
/// position in the stream to its position among the matching ones (≈1.1 bits per record).
/// </summary>
internal sealed class ScopedDatasetStep(IDatasetStep inner, RecordCondition condition) : IDatasetStep
{
    public string Name => inner.Name;

    public IRecordStep Plan(IRecordSource input, CancellationToken cancellationToken)
    {
        var matches = new List<ulong>();
        long n = 0;
        foreach (var record in input.Read(cancellationToken))
        {
            if ((n & 63) == 0) matches.Add(0);
            if (condition.Matches(record)) matches[^1] |= 1UL << (int)(n & 63);
            n++;
        }
        var ranks = new long[matches.Count + 1];
        for (var i = 0; i < matches.Count; i++) ranks[i + 1] = ranks[i] + System.Numerics.BitOperations.PopCount(matches[i]);
        var plan = inner.Plan(new Filtered(input, condition, ranks[^1]), cancellationToken);
        var bits = matches.ToArray();
        if (plan is IBatchStep batches)
            return new ScopedBatchStep(batches, (_, i) => IsMatch(bits, i), i => Rank(bits, ranks, i));
        // The plan's details (balance's classes before and after, …) describe the scoped records: pass them on.
        return plan is IStepDetails details
            ? new ScopedWithDetails(plan, details, bits, ranks)
            : new Scoped(plan, bits, ranks);
    }

    private static bool IsMatch(ulong[] matches, long index) => (matches[index >> 6] & (1UL << (int)(index & 63))) != 0;

    private static long Rank(ulong[] matches, long[] ranks, long index) =>
        ranks[index >> 6] + System.Numerics.BitOperations.PopCount(matches[index >> 6] & ((1UL << (int)(index & 63)) - 1));

    private sealed class Filtered(IRecordSource source, RecordCondition condition, long count) : IRecordSource
    {
        public long? Count => count;
        public IEnumerable<Record> Read(CancellationToken cancellationToken = default) =>
            source.Read(cancellationToken).Where(condition.Matches);
    }

    private sealed class ScopedWithDetails(IRecordStep plan, IStepDetails details, ulong[] matches, long[] ranks)
        : Scoped(plan, matches, ranks), IStepDetails
    {
        public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Details => details.Details;
    }

    private class Scoped(IRecordStep plan, ulong[] matches, long[] ranks) : IRecordStep
    {
        public string Name => plan.Name;

        public Outcome Apply(Record record, long index)
        {
            var word = matches[index >> 6];
            var bit = (int)(index & 63);
            if ((word & (1UL << bit)) == 0) return Outcome.Keep(record);
            var inner = ranks[index >> 6] + System.Numerics.BitOperations.PopCount(word & ((1UL << bit) - 1));
            return plan.Apply(record, inner);
        }
    }
}
