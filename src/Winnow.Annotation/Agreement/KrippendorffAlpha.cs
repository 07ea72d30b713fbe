namespace Winnow.Annotation.Agreement;

/// <summary>
/// Krippendorff's α for nominal data (Krippendorff, "Computing Krippendorff's Alpha-Reliability", 2011): build
/// the coincidence matrix o_ck = Σ_u (number of c–k pairs in unit u) / (m_u − 1) over units with m_u ≥ 2 values,
/// n_c = Σ_k o_ck, n = Σ_c n_c; then α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k. Any number of coders,
/// missing values allowed.
/// </summary>
public static class KrippendorffAlpha
{
    /// <param name="counts">[unit][value]: how many coders gave the unit each value.</param>
    /// <returns>α, and the number of pairable values n; NaN when there is no variation at all (D_e = 0).</returns>
    public static (double Alpha, double Pairable) Nominal(IReadOnlyList<int[]> counts)
    {
        if (counts.Count == 0) return (double.NaN, 0);
        var values = counts[0].Length;
        var o = new double[values, values];
        foreach (var unit in counts)
        {
            var m = unit.Sum();
            if (m < 2) continue;
            for (var c = 0; c < values; c++)
                for (var k = 0; k < values; k++)
                    o[c, k] += unit[c] * (c == k ? unit[k] - 1.0 : unit[k]) / (m - 1.0);
        }
        var nc = new double[values];
        for (var c = 0; c < values; c++)
            for (var k = 0; k < values; k++) nc[c] += o[c, k];
        var n = nc.Sum();
        double observed = 0, expected = 0;
        for (var c = 0; c < values; c++)
            for (var k = 0; k < values; k++)
                if (c != k) { observed += o[c, k]; expected += nc[c] * nc[k]; }
        if (expected == 0) return (double.NaN, n);
        return (1 - (n - 1) * observed / expected, n);
    }
}
