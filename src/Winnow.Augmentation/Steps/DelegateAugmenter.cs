using Winnow.Core.Records;

namespace Winnow.Augmentation.Steps;

/// <summary>An <see cref="IAugmenter"/> from a method (the library's augmenters all have one of this shape).</summary>
internal sealed class DelegateAugmenter(Func<IReadOnlyList<Record>, CancellationToken, Task<IReadOnlyList<AugmentResult>>> augment) : IAugmenter
{
    public Task<IReadOnlyList<AugmentResult>> AugmentAsync(IReadOnlyList<Record> batch, CancellationToken cancellationToken) => augment(batch, cancellationToken);
}
