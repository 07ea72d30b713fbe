using System.Collections.Immutable;
using Winnow.Core.Records;

namespace Winnow.Augmentation.Translation;

/// <summary>
/// <c>augment.backtranslate</c>'s logic (engine apertium), for a batch: each record's text goes to the pivot
/// language and back in one <see cref="ApertiumRoundTrip"/>; a round trip that comes back as the source (compared
/// after collapsing spaces, ignoring case) is rejected as <c>no_change</c>. The variant's <c>meta.pivot</c> holds the
/// translation it went through. Not yet a recipe step: that waits for the runner's asynchronous batched contract.
/// </summary>
public sealed class BackTranslator(ApertiumRoundTrip roundTrip)
{
    public const string StepName = "augment.backtranslate";

    public async Task<IReadOnlyList<AugmentResult>> AugmentAsync(IReadOnlyList<Record> batch, CancellationToken cancellationToken = default)
    {
        var sources = new List<(int Index, string Text)>();
        for (var i = 0; i < batch.Count; i++)
            if (Variants.Source(batch[i]) is { Length: > 0 } text) sources.Add((i, text));
        var (back, pivot) = await roundTrip.TranslateAsync(sources.Select(s => s.Text).ToList(), cancellationToken);
        var results = batch.Select(AugmentResult.None).ToArray();
        for (var k = 0; k < sources.Count; k++)
        {
            var (i, source) = sources[k];
            var parent = batch[i];
            var variant = Variants.Create(parent, back[k], StepName, "bt", 1);
            variant = variant with { Meta = variant.Meta.Set("pivot", pivot[k]) };
            results[i] = Same(source, back[k])
                ? new AugmentResult(parent, [], [new RejectedVariant(variant, "no_change", $"{roundTrip.Pair} and back gave the source")])
                : new AugmentResult(parent, [variant], []);
        }
        return results;
    }

    private static bool Same(string a, string b) =>
        string.Equals(string.Join(' ', a.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), b, StringComparison.OrdinalIgnoreCase);
}
