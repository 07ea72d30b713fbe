namespace Winnow.Annotation.Classifiers;

/// <summary>
/// Leave-one-out k-nearest-neighbour probabilities on L2-normalised vectors: each example's k most similar others
/// (cosine) vote for their labels, weighted by similarity; shares smoothed by 0.01 per class. Every example is
/// scored without itself and without its near-duplicates (its group, when groups are given: a copy is not a second
/// opinion), so these are out-of-sample like out-of-fold probabilities.
/// </summary>
public static class NeighbourVotes
{
    public static float[][] Probabilities(IReadOnlyList<float[]> x, IReadOnlyList<int> y, int classes, int k) =>
        Probabilities(NeighbourGraph.Build(x, k), y, classes, k, null, null);

    /// <param name="groups">Near-duplicate group per example (null: none); a group's members do not vote for each other.</param>
    /// <param name="active">Which examples may vote (null: all); the graph should hold a margin of neighbours beyond k for those left out.</param>
    public static float[][] Probabilities(NeighbourGraph graph, IReadOnlyList<int> y, int classes, int k, int[]? groups, bool[]? active)
    {
        var result = new float[graph.Count][];
        for (var i = 0; i < graph.Count; i++)
        {
            var votes = new double[classes];
            var used = 0;
            for (var r = 0; r < graph.Indices[i].Length && used < k; r++)
            {
                var j = graph.Indices[i][r];
                if ((groups is not null && groups[j] == groups[i]) || (active is not null && !active[j])) continue;
                votes[y[j]] += Math.Max(graph.Similarities[i][r], 0);
                used++;
            }
            var total = votes.Sum() + 0.01 * classes;
            result[i] = [.. votes.Select(v => (float)((v + 0.01) / total))];
        }
        return result;
    }
}
