using Winnow.Core.Formats;
using Winnow.Core.IO;
using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Core.Running;

/// <summary>
/// A finished phase's records, in record JSONL: a source a dataset step can read as often as it needs. Records are
/// parsed in parallel batches (in order), so a plan's reads use every core, not only the one that consumes them.
/// </summary>
internal sealed class SpillSource(string path, long count) : IRecordSource
{
    private const int Batch = 2048;

    public long? Count => count;

    public IEnumerable<SourceItem> Items(CancellationToken ct) =>
        FormatRegistry.CreateReader(path, Path.GetFileName(path), new InputSpec { Path = path, Format = "jsonl" }).Read(ct);

    public IEnumerable<Record> Read(CancellationToken cancellationToken = default) =>
        ReadWhere(_ => true, cancellationToken).Select(x => x.Record);

    /// <summary>Skipped lines are read but not parsed.</summary>
    public IEnumerable<Record> ReadRange(long start, long count, CancellationToken cancellationToken = default)
    {
        var end = count >= long.MaxValue - start ? long.MaxValue : start + count;
        return Select(i => i >= start, end, cancellationToken).Select(x => x.Record);
    }

    /// <summary>Lines not wanted are read but not parsed; the wanted ones are parsed in parallel batches.</summary>
    public IEnumerable<(long Index, Record Record)> ReadWhere(Func<long, bool> wanted, CancellationToken cancellationToken = default) =>
        Select(wanted, long.MaxValue, cancellationToken);

    /// <summary>Records before <paramref name="end"/> that <paramref name="wanted"/> accepts; reading stops at <paramref name="end"/>.</summary>
    private IEnumerable<(long Index, Record Record)> Select(Func<long, bool> wanted, long end, CancellationToken cancellationToken)
    {
        var items = new List<(long, SourceItem)>(Batch);
        var parsed = new Record[Batch];
        long index = 0;
        foreach (var item in Items(cancellationToken))
        {
            if (index >= end) break;
            if (wanted(index)) items.Add((index, item));
            index++;
            if (items.Count < Batch) continue;
            foreach (var x in Parse(items, parsed, cancellationToken)) yield return x;
            items.Clear();
        }
        foreach (var x in Parse(items, parsed, cancellationToken)) yield return x;
    }

    private static IEnumerable<(long, Record)> Parse(List<(long Index, SourceItem Item)> items, Record[] parsed, CancellationToken ct)
    {
        if (items.Count == 0) yield break;
        if (items.Count < 64) for (var i = 0; i < items.Count; i++) parsed[i] = items[i].Item.Parse();
        else Parallel.For(0, items.Count, new ParallelOptions { CancellationToken = ct }, i => parsed[i] = items[i].Item.Parse());
        for (var i = 0; i < items.Count; i++)
        {
            yield return (items[i].Index, parsed[i]);
            parsed[i] = null!;
        }
    }
}
