using Winnow.Core.Records;

namespace Winnow.Augmentation.Guards;

/// <summary>Why a guard turned a variant away: a stable snake_case reason and a human detail.</summary>
public readonly record struct GuardDrop(string Reason, string Detail);

/// <summary>
/// A check every augmenter's variants go through. It sees a batch of (source text, variant) pairs and says, for each,
/// whether to drop it; batched because the checks worth having (embeddings, a classifier) are batched.
/// </summary>
public interface IVariantGuard
{
    Task<IReadOnlyList<GuardDrop?>> CheckAsync(IReadOnlyList<(string Source, Record Variant)> pairs, CancellationToken cancellationToken = default);
}
