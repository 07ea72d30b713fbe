using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Augmentation.Steps;

/// <summary>
/// What an augmenter does for a batch of parents: its variants of each (and those it made and threw away itself, such
/// as a round trip that came back unchanged). <see cref="AugmentStep"/> runs the guards on the rest. A parent's variants
/// must depend on the parent alone (ids, seeds and requests keyed on its id), not on the rest of the batch.
/// </summary>
public interface IAugmenter
{
    Task<IReadOnlyList<AugmentResult>> AugmentAsync(IReadOnlyList<Record> batch, CancellationToken cancellationToken);
}

/// <summary>A per-record augmenter (synonyms, EDA: CPU work, no service) as an <see cref="IAugmenter"/>: its created records are the variants.</summary>
internal sealed class RecordStepAugmenter(IRecordStep step) : IAugmenter
{
    public Task<IReadOnlyList<AugmentResult>> AugmentAsync(IReadOnlyList<Record> batch, CancellationToken cancellationToken)
    {
        var results = new AugmentResult[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var o = step.Apply(batch[i], 0); // keyed on the record's id, not its position
            results[i] = new AugmentResult(batch[i], o.Created.IsDefault ? [] : o.Created, []);
        }
        return Task.FromResult<IReadOnlyList<AugmentResult>>(results);
    }
}
