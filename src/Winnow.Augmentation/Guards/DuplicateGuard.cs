using System.Collections.Concurrent;
using Winnow.Core.Records;
using Winnow.Core.Text;

namespace Winnow.Augmentation.Guards;

/// <summary>
/// Drops a variant whose text (case and spacing ignored) is already a record's (<c>duplicate_of_existing</c>) or an
/// earlier kept variant's (<c>duplicate_variant</c>). Knows the existing records from <see cref="Add"/>; remembers
/// each variant it lets through. Batches are checked in order, so which duplicate is kept is deterministic.
/// </summary>
public sealed class DuplicateGuard : IVariantGuard
{
    private readonly ConcurrentDictionary<string, byte> _existing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _variants = new(StringComparer.Ordinal);
    private readonly object _order = new();

    public DuplicateGuard(IEnumerable<Record>? existing = null)
    {
        foreach (var r in existing ?? []) Add(r);
    }

    /// <summary>Makes <paramref name="record"/>'s text known as existing data.</summary>
    public void Add(Record record) => _existing.TryAdd(TextKey.Folded(record.ContentText), 0);

    public Task<IReadOnlyList<GuardDrop?>> CheckAsync(IReadOnlyList<(string Source, Record Variant)> pairs, CancellationToken cancellationToken = default)
    {
        var result = new GuardDrop?[pairs.Count];
        lock (_order)
        {
            for (var i = 0; i < pairs.Count; i++)
            {
                var text = TextKey.Folded(pairs[i].Variant.ContentText);
                if (_existing.ContainsKey(text)) result[i] = new GuardDrop("duplicate_of_existing", "the same text is already a record");
                else if (!_variants.TryAdd(text, 0)) result[i] = new GuardDrop("duplicate_variant", "an earlier variant has the same text");
            }
        }
        return Task.FromResult<IReadOnlyList<GuardDrop?>>(result);
    }

}
