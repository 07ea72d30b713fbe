using Winnow.Annotation.Agreement;

namespace Winnow.Annotation.Crowd.Aggregation;

/// <summary>
/// Many workers' labels → one label per item. <c>majority</c>: the most frequent label (ties: the label first in
/// ordinal order), confidence = its share of the votes. <c>dawid-skene</c>: Dawid &amp; Skene (1979), each worker a
/// confusion matrix π_w[true, given], EM from the majority vote's soft labels; gold items (known labels) are held at
/// their label in every E step, so they anchor the worker matrices. Per-worker quality: accuracy on gold items, the
/// estimated accuracy Σ_k p_k π_w[k, k] (Dawid–Skene only) and agreement with the decided labels.
/// </summary>
public static class LabelAggregator
{
    public static IReadOnlyList<string> Methods { get; } = ["majority", "dawid-skene"];

    public static Aggregation Aggregate(IReadOnlyList<AnnotationRow> rows, string method, IReadOnlyDictionary<string, string>? gold = null,
        int maxIterations = 100, double tolerance = 1e-6)
    {
        gold ??= new Dictionary<string, string>();
        var labelled = rows.Where(r => r.Label is not null).ToList();
        var table = new RatingTable(labelled.Concat(gold.Select(g => new AnnotationRow(g.Key, "\0gold", g.Value))));
        var labels = table.Labels;
        var workers = table.Annotators.Where(a => a != "\0gold").ToList();
        var goldIndex = table.Annotators.ToList().IndexOf("\0gold");
        var items = table.Items;
        int L = labels.Count, W = workers.Count, I = items.Count;
        // votes[i] = (worker column, label) pairs, without the gold column.
        var workerColumn = workers.Select(w => table.Annotators.ToList().IndexOf(w)).ToArray();
        var t = new double[I][];
        var votes = new int[I];
        for (var i = 0; i < I; i++)
        {
            t[i] = new double[L];
            for (var w = 0; w < W; w++)
                if (table.Ratings[i, workerColumn[w]] is var l and >= 0) { t[i][l]++; votes[i]++; }
            Normalise(t[i]);
        }
        var goldOf = new int[I];
        for (var i = 0; i < I; i++) goldOf[i] = goldIndex >= 0 ? table.Ratings[i, goldIndex] : -1;
        double[][,]? pi = null;
        double[]? prior = null;
        if (method == "dawid-skene")
            (pi, prior) = DawidSkene(table, workerColumn, t, goldOf, L, maxIterations, tolerance);
        else if (method != "majority")
            throw new Winnow.Core.WinnowException($"unknown aggregation method '{method}'; valid: {string.Join(", ", Methods)}", 2);

        var decided = new List<AggregatedLabel>();
        var decidedIndex = new int[I];
        for (var i = 0; i < I; i++)
        {
            decidedIndex[i] = -1;
            if (votes[i] == 0) continue; // a gold-only item: nobody labelled it
            var best = 0;
            for (var k = 1; k < L; k++) if (t[i][k] > t[i][best] + 1e-12) best = k;
            decidedIndex[i] = best;
            decided.Add(new AggregatedLabel(items[i], labels[best], Math.Round(t[i][best], 6), votes[i], method));
        }
        var quality = new List<WorkerQuality>();
        for (var w = 0; w < W; w++)
        {
            int n = 0, goldN = 0, goldRight = 0, agree = 0;
            for (var i = 0; i < I; i++)
            {
                var l = table.Ratings[i, workerColumn[w]];
                if (l < 0) continue;
                n++;
                if (l == decidedIndex[i]) agree++;
                if (goldOf[i] >= 0) { goldN++; if (goldOf[i] == l) goldRight++; }
            }
            double? estimated = null;
            if (pi is not null) { var e = 0.0; for (var k = 0; k < L; k++) e += prior![k] * pi[w][k, k]; estimated = Math.Round(e, 6); }
            quality.Add(new WorkerQuality(workers[w], n, goldN, goldN == 0 ? null : Math.Round(goldRight / (double)goldN, 6), estimated,
                n == 0 ? 0 : Math.Round(agree / (double)n, 6)));
        }
        return new Aggregation(decided, quality);
    }

    private static (double[][,] Pi, double[] Prior) DawidSkene(RatingTable table, int[] workerColumn, double[][] t, int[] gold, int L, int maxIterations, double tolerance)
    {
        int I = t.Length, W = workerColumn.Length;
        for (var i = 0; i < I; i++) if (gold[i] >= 0) Hold(t[i], gold[i]);
        var pi = new double[W][,];
        var prior = new double[L];
        const double smoothing = 0.01; // keeps every π_w[k, l] > 0, so one odd vote never zeroes a posterior
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            // M step: class prior and each worker's confusion matrix from the soft labels.
            Array.Clear(prior);
            for (var i = 0; i < I; i++) for (var k = 0; k < L; k++) prior[k] += t[i][k];
            Normalise(prior);
            for (var w = 0; w < W; w++)
            {
                var m = new double[L, L];
                for (var k = 0; k < L; k++) for (var l = 0; l < L; l++) m[k, l] = smoothing;
                for (var i = 0; i < I; i++)
                    if (table.Ratings[i, workerColumn[w]] is var given and >= 0)
                        for (var k = 0; k < L; k++) m[k, given] += t[i][k];
                for (var k = 0; k < L; k++)
                {
                    var row = 0.0;
                    for (var l = 0; l < L; l++) row += m[k, l];
                    for (var l = 0; l < L; l++) m[k, l] /= row;
                }
                pi[w] = m;
            }
            // E step: posterior of each item's true label, in log space.
            var change = 0.0;
            for (var i = 0; i < I; i++)
            {
                if (gold[i] >= 0) continue;
                var log = new double[L];
                for (var k = 0; k < L; k++)
                {
                    log[k] = Math.Log(Math.Max(prior[k], 1e-300));
                    for (var w = 0; w < W; w++)
                        if (table.Ratings[i, workerColumn[w]] is var given and >= 0) log[k] += Math.Log(pi[w][k, given]);
                }
                var max = log.Max();
                var next = log.Select(x => Math.Exp(x - max)).ToArray();
                Normalise(next);
                for (var k = 0; k < L; k++) change = Math.Max(change, Math.Abs(next[k] - t[i][k]));
                t[i] = next;
            }
            if (change < tolerance) break;
        }
        return (pi, prior);
    }

    private static void Hold(double[] row, int label) { Array.Clear(row); row[label] = 1; }

    private static void Normalise(double[] v)
    {
        var s = v.Sum();
        if (s <= 0) return;
        for (var k = 0; k < v.Length; k++) v[k] /= s;
    }
}
