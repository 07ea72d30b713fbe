namespace Winnow.Annotation.LabelIssues;

/// <summary>What confident learning (and the outlier test) says about one example.</summary>
/// <param name="IsIssue">Probably mislabelled, or out of distribution.</param>
/// <param name="Suggested">The most probable class (argmax of the out-of-fold probabilities).</param>
/// <param name="Quality">Self-confidence: the probability of the given label (low = likely wrong).</param>
/// <param name="IsOutlier">Out of distribution (<see cref="OutOfDistribution"/>): belongs to no class, so no label fits.</param>
/// <param name="OutlierScore">Average cosine distance to the nearest neighbours (NaN when not computed).</param>
/// <param name="Unplaced">No class reached its per-class threshold: the example is confidently in no class.</param>
/// <param name="Confident">The suggested class reaches its own per-class threshold t_j: confident learning counts the
/// example as confidently in that class (what <see cref="LabelIssuesOptions.RelabelConfident"/> asks of a relabel).</param>
public readonly record struct LabelVerdict(bool IsIssue, int Suggested, double Quality, double SuggestedProbability,
    bool IsOutlier = false, double OutlierScore = double.NaN, bool Unplaced = false, bool Confident = false);

/// <summary>
/// Confident learning (Northcutt, Jiang &amp; Chuang 2021, "Confident Learning: Estimating Uncertainty in Dataset
/// Labels", JAIR 70). Per-class thresholds t_j = mean p̂(j | x) over the examples labelled j; the confident joint
/// C[i][j] counts examples labelled i whose probability reaches t_j for some j (the largest such j); calibrated so
/// each row sums to the count of label i, it estimates the joint Q of given and true labels. Issues are then found by
/// <c>prune_by_noise_rate</c> (cleanlab's default: from each off-diagonal cell (i, j), the n·Q[i][j] examples labelled
/// i with the largest margin p̂(j|x) − p̂(i|x)), by <c>confident_learning</c> (every off-diagonal example of C), or by
/// ranking (cleanlab's <c>low_self_confidence</c> and <c>low_normalized_margin</c>, Kuan &amp; Mueller 2022): the
/// number of issues is estimated as the off-diagonal count of C (cleanlab's <c>num_label_issues</c>, method
/// <c>off_diagonal</c>) and that many examples with the lowest score p̂(given|x), or p̂(given|x) − max other p̂, are issues;
/// or cleanlab's baseline <c>predicted_neq_given</c> (every example whose most probable class is not its label).
/// </summary>
public static class ConfidentLearning
{
    public static IReadOnlyList<string> Filters { get; } =
        ["prune_by_noise_rate", "confident_learning", "low_self_confidence", "low_normalized_margin", "predicted_neq_given"];

    public static LabelVerdict[] Find(IReadOnlyList<float[]> probs, IReadOnlyList<int> labels, int classes, string filter = "prune_by_noise_rate")
    {
        var n = probs.Count;
        var thresholds = new double[classes];
        var counts = new int[classes];
        for (var i = 0; i < n; i++) { thresholds[labels[i]] += probs[i][labels[i]]; counts[labels[i]]++; }
        for (var j = 0; j < classes; j++) thresholds[j] = counts[j] == 0 ? double.PositiveInfinity : thresholds[j] / counts[j];

        // Confident joint: each example counted in (given, confident true) when some class reaches its threshold.
        var joint = new double[classes, classes];
        var confident = new int[n];
        for (var i = 0; i < n; i++)
        {
            confident[i] = -1;
            for (var j = 0; j < classes; j++)
                if (probs[i][j] >= thresholds[j] - 1e-6 && (confident[i] < 0 || probs[i][j] > probs[i][confident[i]])) confident[i] = j;
            if (confident[i] >= 0) joint[labels[i], confident[i]]++;
        }
        var issue = new bool[n];
        if (filter == "confident_learning")
        {
            for (var i = 0; i < n; i++) issue[i] = confident[i] >= 0 && confident[i] != labels[i];
        }
        else if (filter == "predicted_neq_given")
        {
            for (var i = 0; i < n; i++) issue[i] = true; // what the argmax rule below keeps: every example whose argmax is not its label
        }
        else if (filter is "low_self_confidence" or "low_normalized_margin")
        {
            var estimate = 0;
            for (var i = 0; i < n; i++) if (confident[i] >= 0 && confident[i] != labels[i]) estimate++;
            var score = new double[n];
            for (var i = 0; i < n; i++)
            {
                score[i] = probs[i][labels[i]];
                if (filter == "low_self_confidence") continue;
                var other = 0.0;
                for (var j = 0; j < classes; j++) if (j != labels[i]) other = Math.Max(other, probs[i][j]);
                score[i] -= other;
            }
            foreach (var k in Enumerable.Range(0, n).OrderBy(k => score[k]).ThenBy(k => k).Take(estimate)) issue[k] = true;
        }
        else
        {
            var members = new List<int>[classes];
            for (var j = 0; j < classes; j++) members[j] = [];
            for (var k = 0; k < n; k++) members[labels[k]].Add(k);
            // Calibrate each row to the number of examples with that given label, then prune n·Q[i][j] per off-diagonal cell.
            for (var i = 0; i < classes; i++)
            {
                var row = 0.0;
                for (var j = 0; j < classes; j++) row += joint[i, j];
                if (row == 0) continue;
                for (var j = 0; j < classes; j++)
                {
                    if (j == i) continue;
                    var prune = (int)Math.Round(joint[i, j] / row * counts[i]);
                    if (prune == 0) continue;
                    var candidates = members[i].Where(k => !issue[k])
                        .OrderByDescending(k => probs[k][j] - probs[k][i]).ThenBy(k => k).Take(prune);
                    foreach (var k in candidates) issue[k] = true;
                }
            }
        }
        var verdicts = new LabelVerdict[n];
        for (var i = 0; i < n; i++)
        {
            var best = 0;
            for (var j = 1; j < classes; j++) if (probs[i][j] > probs[i][best]) best = j;
            // A pruned example whose argmax is still its own label has no better label to suggest: not an issue.
            verdicts[i] = new LabelVerdict(issue[i] && best != labels[i], best, probs[i][labels[i]], probs[i][best], Unplaced: confident[i] < 0,
                Confident: confident[i] == best);
        }
        return verdicts;
    }
}
