using Winnow.Core.Formats;
using Winnow.Core.IO;
using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Core.Running;

/// <summary>A finished phase's records, in record JSONL: a source a dataset step can read as often as it needs.</summary>
internal sealed class SpillSource(string path, long count) : IRecordSource
{
    public long? Count => count;

    public IEnumerable<SourceItem> Items(CancellationToken ct) =>
        FormatRegistry.CreateReader(path, Path.GetFileName(path), new InputSpec { Path = path, Format = "jsonl" }).Read(ct);

    public IEnumerable<Record> Read(CancellationToken cancellationToken = default) =>
        Items(cancellationToken).Select(i => i.Parse());

    /// <summary>Skipped lines are read but not parsed.</summary>
    public IEnumerable<Record> ReadRange(long start, long count, CancellationToken cancellationToken = default) =>
        Items(cancellationToken).Skip(checked((int)start)).Take(checked((int)Math.Min(count, int.MaxValue))).Select(i => i.Parse());
}
