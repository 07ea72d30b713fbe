using Winnow.Annotation.Classifiers;

namespace Winnow.Annotation.LabelIssues;

/// <summary>
/// Out-of-distribution examples (texts that belong to no class, which confident learning cannot see: it asks which
/// class an example really is, and no class reaches its threshold): cleanlab's <c>OutOfDistribution</c> feature score
/// and Datalab's outlier rule. An example's score is its average cosine distance (1 − similarity) to its k nearest
/// neighbours outside its near-duplicate group; it is an outlier when the score exceeds
/// Q3 + (1/t − 1)·IQR of all scores, with t = 0.37037 by default (cleanlab's <c>OutlierIssueManager</c> default,
/// a fence 1.7 interquartile ranges above the third quartile). <see cref="LabelIssuesStep"/> calls a record an outlier
/// only when, besides, no class reaches its confident-learning threshold on it: a far record the classifier places
/// confidently is a rare phrasing of its class, and dropping those cost test accuracy on the bench.
/// </summary>
public static class OutOfDistribution
{
    public const double DefaultThreshold = 0.37037;

    /// <summary>Average cosine distance to the k nearest neighbours outside the example's group (null: no groups).</summary>
    public static double[] Scores(NeighbourGraph graph, int k, int[]? groups)
    {
        var scores = new double[graph.Count];
        for (var i = 0; i < graph.Count; i++)
        {
            double sum = 0;
            var used = 0;
            for (var r = 0; r < graph.Indices[i].Length && used < k; r++)
            {
                if (groups is not null && groups[graph.Indices[i][r]] == groups[i]) continue;
                sum += 1 - graph.Similarities[i][r];
                used++;
            }
            scores[i] = used == 0 ? 0 : sum / used;
        }
        return scores;
    }

    /// <summary>The fence Q3 + (1/t − 1)·IQR over <paramref name="scores"/> (quartiles by linear interpolation, as numpy's default).</summary>
    public static double Fence(IReadOnlyList<double> scores, double threshold = DefaultThreshold)
    {
        if (scores.Count == 0) return double.PositiveInfinity;
        var sorted = scores.Order().ToArray();
        double q1 = Percentile(sorted, 0.25), q3 = Percentile(sorted, 0.75);
        return threshold <= 0 ? double.PositiveInfinity : q3 + (1 / threshold - 1) * (q3 - q1);
    }

    private static double Percentile(double[] sorted, double q)
    {
        var pos = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
