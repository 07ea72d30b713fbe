using Winnow.Core.IO;
using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Core.Running.Sharding;

/// <summary>The shards' spills one after another, in shard order: the whole dataset, as one process would spill it.</summary>
internal sealed class ConcatSource(IReadOnlyList<SpillSource> parts) : IRecordSource
{
    public long? Count => parts.Sum(p => p.Count);

    public IEnumerable<SourceItem> Items(CancellationToken ct) => parts.SelectMany(p => p.Items(ct));

    public IEnumerable<Record> Read(CancellationToken cancellationToken = default) => parts.SelectMany(p => p.Read(cancellationToken));

    public IEnumerable<(long Index, Record Record)> ReadWhere(Func<long, bool> wanted, CancellationToken cancellationToken = default)
    {
        long offset = 0;
        foreach (var part in parts)
        {
            var at = offset;
            foreach (var (i, r) in part.ReadWhere(i => wanted(at + i), cancellationToken)) yield return (at + i, r);
            offset += part.Count ?? 0;
        }
    }

    public IEnumerable<Record> ReadRange(long start, long count, CancellationToken cancellationToken = default)
    {
        foreach (var part in parts)
        {
            var n = part.Count ?? 0;
            if (count <= 0) yield break;
            if (start >= n) { start -= n; continue; }
            var take = Math.Min(count, n - start);
            foreach (var r in part.ReadRange(start, take, cancellationToken)) yield return r;
            count -= take;
            start = 0;
        }
    }
}

/// <summary>A shard's part of a whole-dataset plan: the plan sees each record at its index in the whole input.</summary>
internal sealed class OffsetStep(IRecordStep plan, long offset) : IRecordStep
{
    public string Name => plan.Name;

    public IRecordStep Inner => plan;

    public Outcome Apply(Record record, long index) => plan.Apply(record, offset + index);
}

/// <summary><see cref="OffsetStep"/> for a plan that runs in batches.</summary>
internal sealed class OffsetBatchStep(IBatchStep plan, long offset) : IBatchStep
{
    public string Name => plan.Name;

    public int BatchSize => plan.BatchSize;

    public int Concurrency => plan.Concurrency;

    public Task<BatchOutcome> ApplyAsync(IReadOnlyList<Record> batch, long firstIndex, CancellationToken cancellationToken) =>
        plan.ApplyAsync(batch, offset + firstIndex, cancellationToken);
}
