namespace Winnow.Annotation.Classifiers;

/// <summary>
/// Out-of-fold predicted probabilities (Northcutt et al. 2021, §2: every example is scored by a model that never
/// saw it): stratified k folds (within each class, a seeded shuffle dealt round-robin), a
/// <see cref="SoftmaxRegression"/> per fold trained on the others. Folds run in parallel; each is seeded on its
/// own, so the result does not depend on the core count.
/// </summary>
public static class OutOfFold
{
    public static float[][] Probabilities(IReadOnlyList<float[]> x, IReadOnlyList<int> y, int classes, int folds, SoftmaxOptions options, long seed)
    {
        var fold = Assign(y, classes, folds, seed);
        var result = new float[x.Count][];
        Parallel.For(0, folds, f =>
        {
            var train = Enumerable.Range(0, x.Count).Where(i => fold[i] != f).ToArray();
            if (train.Length == 0) return;
            var model = SoftmaxRegression.Fit([.. train.Select(i => x[i])], [.. train.Select(i => y[i])], classes, options, unchecked((int)seed + 7919 * f));
            for (var i = 0; i < x.Count; i++)
                if (fold[i] == f) result[i] = model.Predict(x[i]);
        });
        return result;
    }

    internal static int[] Assign(IReadOnlyList<int> y, int classes, int folds, long seed)
    {
        var fold = new int[y.Count];
        var random = new Random(unchecked((int)seed));
        var offset = 0;
        for (var c = 0; c < classes; c++)
        {
            var members = Enumerable.Range(0, y.Count).Where(i => y[i] == c).ToArray();
            random.Shuffle(members);
            // Continue the round-robin across classes so small classes do not all start in fold 0.
            for (var k = 0; k < members.Length; k++) fold[members[k]] = (offset + k) % folds;
            offset = (offset + members.Length) % folds;
        }
        return fold;
    }
}
