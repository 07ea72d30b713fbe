using System.IO.Hashing;
using System.Runtime.InteropServices;
using Winnow.Core;
using Winnow.Core.Records;
using Winnow.Core.Steps;
using Winnow.Curation.Normalize;

namespace Winnow.Curation.Dedup;

/// <summary>
/// <c>dedup.exact</c>: keeps the first record of each distinct normalised content and drops the rest with
/// reason <c>exact_duplicate</c>. Keys are 64-bit XxHash3 values: at 10⁸ distinct records the chance of one
/// collision is ≈3·10⁻⁴; <see cref="ExactDedupOptions.MaxMemoryMb"/> bounds the set.
/// </summary>
/// <remarks>Sharded, it runs in stages (<see cref="ExactDedupStages"/>): keys per shard, one plan, a drop per shard.</remarks>
internal sealed class ExactDedupStep(ExactDedupOptions options) : IKeyedSequentialStep, IShardedStep
{
    private const int BytesPerEntry = 24;
    private readonly HashSet<ulong> _seen = [];
    private readonly long _capacity = (long)options.MaxMemoryMb * 1024 * 1024 / BytesPerEntry;

    public string Name => "dedup.exact";

    public Outcome Apply(Record record, long index) => Apply(record, index, Key(record));

    public Outcome Apply(Record record, long index, ulong key)
    {
        if (!_seen.Add(key)) return Outcome.Drop("exact_duplicate");
        if (_seen.Count > _capacity)
            throw new WinnowException(
                $"dedup.exact: more than {_capacity:N0} distinct records do not fit in max_memory_mb: {options.MaxMemoryMb}; raise it in the recipe");
        return Outcome.Keep(record);
    }

    public void Summarise(IRecordSource shard, Stream summary, CancellationToken cancellationToken) =>
        ExactDedupStages.Summarise(this, shard, summary, cancellationToken);

    public void Plan(IReadOnlyList<ShardSummary> summaries, Stream plan, CancellationToken cancellationToken) =>
        ExactDedupStages.Plan(_capacity, options.MaxMemoryMb, summaries, plan, cancellationToken);

    public IRecordStep Apply(Stream plan, CancellationToken cancellationToken) => ExactDedupStages.Apply(plan);

    public ulong Key(Record record)
    {
        var text = record.ContentText;
        if (options.Whitespace) text = TextNormalizer.CollapseWhitespace(text);
        if (options.IgnoreCase) text = text.ToLowerInvariant();
        if (options.GroupBy is { } group) text = $"{record.Meta.GetString(group)}\u001d{text}";
        if (options.IncludeLabel) text = $"{text}\u001f{record.Label}\u001f{string.Join('\u001e', record.Labels)}";
        // The UTF-16 code units, hashed as they are (little-endian on every platform .NET runs on): no encoding copy.
        return XxHash3.HashToUInt64(MemoryMarshal.AsBytes(text.AsSpan()));
    }
}
