using Winnow.Core.Embeddings;

namespace Winnow.Annotation.Classifiers;

/// <summary>
/// Leave-one-out k-nearest-neighbour probabilities on L2-normalised vectors: each example's k most similar others
/// (cosine) vote for their labels, weighted by similarity; shares smoothed by 0.01 per class. Every example is
/// scored without itself, so these are out-of-sample like out-of-fold probabilities. O(n²·d): for tens of thousands.
/// </summary>
public static class NeighbourVotes
{
    public static float[][] Probabilities(IReadOnlyList<float[]> x, IReadOnlyList<int> y, int classes, int k)
    {
        var result = new float[x.Count][];
        Parallel.For(0, x.Count, i =>
        {
            var top = new PriorityQueue<int, float>();
            for (var j = 0; j < x.Count; j++)
            {
                if (j == i) continue;
                var sim = EmbeddingBatches.Dot(x[i], x[j]);
                if (top.Count < k) top.Enqueue(j, sim);
                else if (top.TryPeek(out _, out var low) && sim > low) { top.Dequeue(); top.Enqueue(j, sim); }
            }
            var votes = new double[classes];
            while (top.TryDequeue(out var j, out var sim)) votes[y[j]] += Math.Max(sim, 0);
            var total = votes.Sum() + 0.01 * classes;
            result[i] = [.. votes.Select(v => (float)((v + 0.01) / total))];
        });
        return result;
    }
}
