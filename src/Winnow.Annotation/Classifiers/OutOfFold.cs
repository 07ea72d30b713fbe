namespace Winnow.Annotation.Classifiers;

/// <summary>
/// Out-of-fold predicted probabilities (Northcutt et al. 2021, §2: every example is scored by a model that never
/// saw it): stratified k folds (within each class, a seeded shuffle dealt round-robin), a
/// <see cref="SoftmaxRegression"/> per fold trained on the others. With near-duplicate groups, a group goes whole
/// into one fold (its first member's), so no example is scored by a model that saw its copy. Folds run in
/// parallel; each is seeded on its own, so the result does not depend on the core count.
/// </summary>
public static class OutOfFold
{
    /// <summary>The ridge penalties <see cref="SelectL2"/> tries.</summary>
    public static IReadOnlyList<double> L2Grid { get; } = [1e-4, 1e-3, 1e-2, 3e-2, 1e-1];

    public static float[][] Probabilities(IReadOnlyList<float[]> x, IReadOnlyList<int> y, int classes, int folds, SoftmaxOptions options, long seed,
        int[]? groups = null)
    {
        var fold = Assign(y, classes, folds, seed, groups);
        var result = new float[x.Count][];
        Parallel.For(0, folds, f =>
        {
            var model = FitWithout(x, y, classes, fold, f, options, seed);
            if (model is null) return;
            for (var i = 0; i < x.Count; i++)
                if (fold[i] == f) result[i] = model.Predict(x[i]);
        });
        return result;
    }

    /// <summary>
    /// The ridge penalty of <see cref="L2Grid"/> with the lowest log-loss of the given labels on one held-out fold
    /// (trained on the other folds): chosen on the data being cleaned, never on a test split. Label noise favours
    /// more regularisation; this finds how much.
    /// </summary>
    public static double SelectL2(IReadOnlyList<float[]> x, IReadOnlyList<int> y, int classes, int folds, SoftmaxOptions options, long seed,
        int[]? groups = null)
    {
        var fold = Assign(y, classes, folds, seed, groups);
        var held = Enumerable.Range(0, x.Count).Where(i => fold[i] == 0).ToArray();
        var loss = new double[L2Grid.Count];
        Parallel.For(0, L2Grid.Count, g =>
        {
            var model = FitWithout(x, y, classes, fold, 0, options with { L2 = L2Grid[g] }, seed);
            loss[g] = model is null ? double.PositiveInfinity : held.Sum(i => -Math.Log(Math.Max(model.Predict(x[i])[y[i]], 1e-9)));
        });
        var best = 0;
        for (var g = 1; g < loss.Length; g++) if (loss[g] < loss[best]) best = g;
        return L2Grid[best];
    }

    private static SoftmaxRegression? FitWithout(IReadOnlyList<float[]> x, IReadOnlyList<int> y, int classes, int[] fold, int f, SoftmaxOptions options, long seed)
    {
        var train = Enumerable.Range(0, x.Count).Where(i => fold[i] != f).ToArray();
        return train.Length == 0 ? null
            : SoftmaxRegression.Fit([.. train.Select(i => x[i])], [.. train.Select(i => y[i])], classes, options, unchecked((int)seed + 7919 * f));
    }

    internal static int[] Assign(IReadOnlyList<int> y, int classes, int folds, long seed, int[]? groups = null)
    {
        var fold = new int[y.Count];
        var random = new Random(unchecked((int)seed));
        var offset = 0;
        for (var c = 0; c < classes; c++)
        {
            // Only a group's first member (or every example, without groups) is dealt; the others follow it.
            var members = Enumerable.Range(0, y.Count).Where(i => y[i] == c && (groups is null || groups[i] == i)).ToArray();
            random.Shuffle(members);
            // Continue the round-robin across classes so small classes do not all start in fold 0.
            for (var k = 0; k < members.Length; k++) fold[members[k]] = (offset + k) % folds;
            offset = (offset + members.Length) % folds;
        }
        if (groups is not null)
            for (var i = 0; i < y.Count; i++) fold[i] = fold[groups[i]];
        return fold;
    }
}
