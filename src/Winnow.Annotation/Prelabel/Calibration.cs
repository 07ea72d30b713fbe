namespace Winnow.Annotation.Prelabel;

/// <summary>
/// Temperature scaling (Guo et al. 2017, "On Calibration of Modern Neural Networks"): probabilities are
/// softmax(logits / T), T fitted on labelled held-out examples by minimising the negative log-likelihood (a log-spaced
/// grid over [0.005, 200], then a finer one around the best). Expected calibration error: 15 equal-width confidence
/// bins, Σ_b |B_b|/n · |accuracy(B_b) − mean confidence(B_b)| (Guo et al.'s definition).
/// </summary>
public static class Calibration
{
    public static double[] Softmax(IReadOnlyList<double> logits, double temperature)
    {
        var max = double.NegativeInfinity;
        foreach (var l in logits) max = Math.Max(max, l / temperature);
        var p = logits.Select(l => Math.Exp(l / temperature - max)).ToArray();
        var s = p.Sum();
        for (var k = 0; k < p.Length; k++) p[k] /= s;
        return p;
    }

    public static double FitTemperature(IReadOnlyList<double[]> logits, IReadOnlyList<int> labels)
    {
        if (logits.Count == 0) return 1;
        double Nll(double t)
        {
            var sum = 0.0;
            for (var i = 0; i < logits.Count; i++) sum -= Math.Log(Math.Max(Softmax(logits[i], t)[labels[i]], 1e-12));
            return sum;
        }
        var best = 1.0;
        var bestNll = double.PositiveInfinity;
        for (var e = Math.Log(0.005); e <= Math.Log(200); e += 0.25)
            if (Nll(Math.Exp(e)) is var v && v < bestNll) { bestNll = v; best = Math.Exp(e); }
        var centre = best;
        for (var e = Math.Log(centre) - 0.25; e <= Math.Log(centre) + 0.25; e += 0.01)
            if (Nll(Math.Exp(e)) is var v && v < bestNll) { bestNll = v; best = Math.Exp(e); }
        return best;
    }

    /// <summary>ECE of (confidence, correct) pairs with <paramref name="bins"/> equal-width bins (default 15).</summary>
    public static double ExpectedCalibrationError(IReadOnlyList<(double Confidence, bool Correct)> predictions, int bins = 15)
    {
        if (predictions.Count == 0) return double.NaN;
        var count = new int[bins];
        var conf = new double[bins];
        var right = new double[bins];
        foreach (var (c, ok) in predictions)
        {
            var b = Math.Min(bins - 1, (int)(c * bins));
            count[b]++;
            conf[b] += c;
            if (ok) right[b]++;
        }
        var ece = 0.0;
        for (var b = 0; b < bins; b++)
            if (count[b] > 0) ece += count[b] / (double)predictions.Count * Math.Abs(right[b] / count[b] - conf[b] / count[b]);
        return ece;
    }
}
