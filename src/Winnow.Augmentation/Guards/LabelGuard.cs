using Winnow.Core.Classification;
using Winnow.Core.Records;

namespace Winnow.Augmentation.Guards;

/// <summary>
/// Label preservation: a classifier must still predict the variant's label (its parent's); otherwise the variant is
/// dropped as <c>label_changed</c>, naming what was predicted. Variants without a label pass.
/// </summary>
public sealed class LabelGuard(ILabelClassifier classifier) : IVariantGuard
{
    public async Task<IReadOnlyList<GuardDrop?>> CheckAsync(IReadOnlyList<(string Source, Record Variant)> pairs, CancellationToken cancellationToken = default)
    {
        var labelled = Enumerable.Range(0, pairs.Count).Where(i => pairs[i].Variant.Label is not null).ToList();
        var result = new GuardDrop?[pairs.Count];
        if (labelled.Count == 0) return result;
        var predicted = await classifier.PredictAsync(labelled.Select(i => pairs[i].Variant.ContentText).ToList(), cancellationToken);
        for (var k = 0; k < labelled.Count; k++)
        {
            var expected = pairs[labelled[k]].Variant.Label!;
            if (!string.Equals(predicted[k], expected, StringComparison.Ordinal))
                result[labelled[k]] = new GuardDrop("label_changed", $"predicted {predicted[k]}, expected {expected}");
        }
        return result;
    }
}
