using Winnow.Augmentation.Guards;
using Winnow.Core.Steps;

namespace Winnow.Augmentation.Steps;

/// <summary>
/// An augmenter step that must read its input once before it runs: to learn the existing texts (<c>guards.dedup</c>, a
/// 64-bit hash each) and, for EDA without <c>copies</c>, to count the records (its n_aug table). It then runs as the
/// step <paramref name="build"/> makes (an <see cref="AugmentStep"/>, which is an <see cref="IBatchStep"/>) from the count and the texts. A whole-dataset step, so a
/// sharded run plans it over all shards' records: the same bytes as one process.
/// </summary>
public sealed class AugmentPlanStep(string name, bool dedup, Func<long, IReadOnlySet<ulong>?, IRecordStep> build) : IDatasetStep
{
    public string Name => name;

    public IRecordStep Plan(IRecordSource input, CancellationToken cancellationToken)
    {
        HashSet<ulong>? texts = dedup ? [] : null;
        long count = 0;
        foreach (var record in input.Read(cancellationToken))
        {
            texts?.Add(ExistingTextGuard.Hash(record.ContentText));
            count++;
        }
        return build(count, texts);
    }
}
