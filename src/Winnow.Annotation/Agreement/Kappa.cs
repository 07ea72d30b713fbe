namespace Winnow.Annotation.Agreement;

/// <summary>Chance-corrected agreement on nominal labels: Cohen's κ (two raters) and Fleiss' κ (many).</summary>
public static class Kappa
{
    /// <summary>
    /// Cohen (1960): κ = (p_o − p_e) / (1 − p_e) over the items both raters labelled, p_e = Σ_k p_1k · p_2k from each
    /// rater's own label shares. <paramref name="a"/> and <paramref name="b"/> hold label indices (−1: missing).
    /// NaN when fewer than one shared item, or when p_e = 1 (both always chose the same one label).
    /// </summary>
    public static (double Kappa, double Observed, int Items) Cohen(IReadOnlyList<int> a, IReadOnlyList<int> b, int labels)
    {
        var n = 0;
        var agree = 0;
        var ma = new double[labels];
        var mb = new double[labels];
        for (var i = 0; i < a.Count; i++)
        {
            if (a[i] < 0 || b[i] < 0) continue;
            n++;
            if (a[i] == b[i]) agree++;
            ma[a[i]]++;
            mb[b[i]]++;
        }
        if (n == 0) return (double.NaN, double.NaN, 0);
        var po = agree / (double)n;
        var pe = 0.0;
        for (var k = 0; k < labels; k++) pe += ma[k] / n * (mb[k] / n);
        return (pe >= 1 ? double.NaN : (po - pe) / (1 - pe), po, n);
    }

    /// <summary>
    /// Fleiss (1971), with the number of ratings n_i allowed to vary by item: P_i = Σ_j n_ij(n_ij − 1) / (n_i(n_i − 1)),
    /// P̄ their mean, p_j = Σ_i n_ij / Σ_i n_i, P̄_e = Σ_j p_j², κ = (P̄ − P̄_e) / (1 − P̄_e). Items with fewer than two
    /// ratings say nothing about agreement and are left out. <paramref name="counts"/>: [item][label].
    /// </summary>
    public static (double Kappa, double Observed, double Expected, int Items) Fleiss(IReadOnlyList<int[]> counts)
    {
        var items = 0;
        var sumP = 0.0;
        double[]? totals = null;
        var ratings = 0.0;
        foreach (var row in counts)
        {
            var n = row.Sum();
            if (n < 2) continue;
            totals ??= new double[row.Length];
            items++;
            var pairs = 0.0;
            for (var j = 0; j < row.Length; j++)
            {
                pairs += row[j] * (row[j] - 1.0);
                totals[j] += row[j];
            }
            sumP += pairs / (n * (n - 1.0));
            ratings += n;
        }
        if (items == 0) return (double.NaN, double.NaN, double.NaN, 0);
        var pBar = sumP / items;
        var pe = totals!.Sum(t => (t / ratings) * (t / ratings));
        return (pe >= 1 ? double.NaN : (pBar - pe) / (1 - pe), pBar, pe, items);
    }
}
