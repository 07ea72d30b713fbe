using Microsoft.Extensions.AI;
using Winnow.Core.Embeddings;
using Winnow.Core.Records;

namespace Winnow.Augmentation.Guards;

/// <summary>
/// Keeps a variant whose embedding's cosine similarity to its source is within [min, max]: below min it no longer
/// means the same (<c>too_dissimilar</c>), above max it hardly changed (<c>too_similar</c>). Defaults 0.80–0.98:
/// "changed, but the same meaning" (issue #14). Embeds sources and variants in one call per batch.
/// </summary>
public sealed class SimilarityGuard(IEmbeddingGenerator<string, Embedding<float>> embeddings, double min = 0.80, double max = 0.98) : IVariantGuard
{
    public async Task<IReadOnlyList<GuardDrop?>> CheckAsync(IReadOnlyList<(string Source, Record Variant)> pairs, CancellationToken cancellationToken = default)
    {
        if (pairs.Count == 0) return [];
        var texts = pairs.Select(p => p.Source).Concat(pairs.Select(p => p.Variant.ContentText)).ToList();
        var vectors = await embeddings.GenerateAsync(texts, null, cancellationToken);
        var result = new GuardDrop?[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            var similarity = Cosine(vectors[i].Vector.Span, vectors[pairs.Count + i].Vector.Span);
            result[i] = similarity < min ? new GuardDrop("too_dissimilar", $"cosine {similarity:0.0000} < {min:0.00}")
                : similarity > max ? new GuardDrop("too_similar", $"cosine {similarity:0.0000} > {max:0.00}")
                : null;
        }
        return result;
    }

    /// <summary>Cosine similarity; vectors need not be normalised.</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = EmbeddingBatches.Dot(a, b), na = EmbeddingBatches.Dot(a, a), nb = EmbeddingBatches.Dot(b, b);
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }
}
