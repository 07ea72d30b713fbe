namespace Winnow.Annotation.Rules;

/// <summary>The decided label of one item (null: every function abstained, or a tie under majority) and its confidence.</summary>
public readonly record struct RuleDecision(string? Label, double Confidence, int Votes);

/// <summary>
/// Combines labeling-function votes. <c>majority</c>: the most-voted label; a tie abstains (Snorkel's
/// MajorityLabelVoter default); confidence = the winner's share of the votes. <c>label_model</c>: a Dawid–Skene-style
/// one-coin model fitted by EM: each function j has an accuracy α_j (P(vote = true label | it votes)), a wrong vote
/// spreads (1 − α_j) evenly over the other labels; the posterior of each item's label ∝ uniform class balance ×
/// Π_voting functions; α_j is re-estimated from the posteriors as a MAP estimate under a Beta prior of 10 votes at
/// 0.7, clipped to [1/L + 0.01, 0.99].
/// Abstentions carry no evidence. Confidence = the posterior of the decided label.
/// </summary>
public static class LabelModel
{
    public static IReadOnlyList<string> Methods { get; } = ["majority", "label_model"];

    /// <summary>The accuracy a function is assumed to have before the votes say otherwise (Snorkel's LabelModel starts at 0.7).</summary>
    public const double PriorAccuracy = 0.7;

    /// <summary>How many votes' worth of evidence that assumption carries.</summary>
    public const double PriorWeight = 10;

    /// <param name="votes">[item][function] → label index, or −1 (abstain).</param>
    /// <returns>Per item a decision, and per function its estimated accuracy (label model; null for majority).</returns>
    public static (RuleDecision[] Decisions, double[]? Accuracies) Combine(int[][] votes, IReadOnlyList<string> labels, string method, int iterations = 100)
    {
        var n = votes.Length;
        var m = n == 0 ? 0 : votes[0].Length;
        var L = Math.Max(labels.Count, 2);
        var decisions = new RuleDecision[n];
        if (method == "majority")
        {
            for (var i = 0; i < n; i++)
            {
                var counts = new int[labels.Count];
                var total = 0;
                foreach (var v in votes[i]) if (v >= 0) { counts[v]++; total++; }
                if (total == 0) { decisions[i] = new(null, 0, 0); continue; }
                var top = counts.Max();
                var winners = Enumerable.Range(0, counts.Length).Where(k => counts[k] == top).ToList();
                decisions[i] = winners.Count > 1 ? new(null, 0, total) : new(labels[winners[0]], top / (double)total, total);
            }
            return (decisions, null);
        }
        var alpha = Enumerable.Repeat(PriorAccuracy, m).ToArray();
        // Class balance stays uniform (Snorkel's default): with most records under one vote, fitting it as well
        // lets EM explain every vote away as an error of a rare function.
        var prior = Enumerable.Repeat(1.0 / labels.Count, labels.Count).ToArray();
        var floor = 1.0 / L + 0.01; // a function no better than chance carries no evidence; keep it above that
        var posterior = new double[n][];
        for (var it = 0; it < iterations; it++)
        {
            for (var i = 0; i < n; i++) posterior[i] = Posterior(votes[i], alpha, prior, L);
            var change = 0.0;
            for (var j = 0; j < m; j++)
            {
                double right = 0, count = 0;
                for (var i = 0; i < n; i++)
                    if (votes[i][j] >= 0) { right += posterior[i][votes[i][j]]; count++; }
                // MAP with a Beta prior worth PriorWeight votes at PriorAccuracy: a function that votes rarely, or
                // only where nothing else votes, keeps close to the prior instead of running to 0 or 1.
                var next = Math.Clamp((right + PriorAccuracy * PriorWeight) / (count + PriorWeight), floor, 0.99);
                change = Math.Max(change, Math.Abs(next - alpha[j]));
                alpha[j] = next;
            }
            if (change < 1e-6) break;
        }
        for (var i = 0; i < n; i++)
        {
            var p = Posterior(votes[i], alpha, prior, L);
            var total = votes[i].Count(v => v >= 0);
            if (total == 0) { decisions[i] = new(null, 0, 0); continue; }
            var best = 0;
            for (var k = 1; k < p.Length; k++) if (p[k] > p[best]) best = k;
            decisions[i] = new(labels[best], p[best], total);
        }
        return (decisions, alpha);
    }

    private static double[] Posterior(int[] votes, double[] alpha, double[] prior, int L)
    {
        var log = new double[prior.Length];
        for (var k = 0; k < log.Length; k++)
        {
            log[k] = Math.Log(prior[k]);
            for (var j = 0; j < votes.Length; j++)
                if (votes[j] >= 0) log[k] += Math.Log(votes[j] == k ? alpha[j] : (1 - alpha[j]) / (L - 1));
        }
        var max = log.Max();
        var p = log.Select(x => Math.Exp(x - max)).ToArray();
        var s = p.Sum();
        for (var k = 0; k < p.Length; k++) p[k] /= s;
        return p;
    }
}
