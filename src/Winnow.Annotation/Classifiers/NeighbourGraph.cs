using Winnow.Core.Embeddings;

namespace Winnow.Annotation.Classifiers;

/// <summary>
/// Each example's <c>k</c> most similar others by cosine similarity (dot product of L2-normalised vectors), most
/// similar first, ties by index: computed once (O(n²·d), parallel, for tens of thousands of vectors) and shared by
/// <see cref="NeighbourVotes"/>, <see cref="LabelIssues.OutOfDistribution"/> and the near-duplicate groups.
/// </summary>
public sealed class NeighbourGraph
{
    private NeighbourGraph(int[][] indices, float[][] similarities) { Indices = indices; Similarities = similarities; }

    /// <summary>Per example, the indices of its neighbours, most similar first.</summary>
    public IReadOnlyList<int[]> Indices { get; }

    /// <summary>Per example, the cosine similarity of each neighbour in <see cref="Indices"/>.</summary>
    public IReadOnlyList<float[]> Similarities { get; }

    public int Count => Indices.Count;

    public static NeighbourGraph Build(IReadOnlyList<float[]> x, int k)
    {
        k = Math.Min(k, Math.Max(x.Count - 1, 0));
        var indices = new int[x.Count][];
        var similarities = new float[x.Count][];
        Parallel.For(0, x.Count, i =>
        {
            // A min-heap of the best k so far; the priority orders by similarity, then prefers the lower index.
            var top = new PriorityQueue<int, (float Sim, int Neg)>();
            for (var j = 0; j < x.Count; j++)
            {
                if (j == i) continue;
                var key = (EmbeddingBatches.Dot(x[i], x[j]), -j);
                if (top.Count < k) top.Enqueue(j, key);
                else if (top.TryPeek(out _, out var low) && key.CompareTo(low) > 0) { top.Dequeue(); top.Enqueue(j, key); }
            }
            var n = top.Count;
            var idx = new int[n];
            var sim = new float[n];
            for (var r = n - 1; r >= 0; r--) { top.TryDequeue(out var j, out var key); idx[r] = j; sim[r] = key.Sim; }
            indices[i] = idx;
            similarities[i] = sim;
        });
        return new NeighbourGraph(indices, similarities);
    }

    /// <summary>
    /// Groups of near-duplicates: examples joined (transitively) when their similarity reaches
    /// <paramref name="threshold"/>, as far as the graph's neighbours reach. Returns a group id per example (the
    /// smallest member index).
    /// </summary>
    public int[] NearDuplicateGroups(double threshold)
    {
        var parent = Enumerable.Range(0, Count).ToArray();
        int Find(int a) { while (parent[a] != a) a = parent[a] = parent[parent[a]]; return a; }
        for (var i = 0; i < Count; i++)
            for (var r = 0; r < Indices[i].Length && Similarities[i][r] >= threshold; r++)
            {
                int a = Find(i), b = Find(Indices[i][r]);
                if (a != b) parent[Math.Max(a, b)] = Math.Min(a, b);
            }
        return [.. Enumerable.Range(0, Count).Select(Find)];
    }
}
