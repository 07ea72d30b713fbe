namespace Winnow.Annotation.Prelabel;

/// <summary>
/// Isotonic calibration of the top label's confidence (Zadrozny &amp; Elkan 2002; top-label calibration as in Gupta
/// &amp; Ramdas 2022): a non-decreasing map from the model's confidence in its most probable label to the chance
/// that label is right, fitted on labelled held-out examples by pool-adjacent-violators (least squares on the 0/1
/// outcomes). Each pooled block becomes a point (its mean confidence, its accuracy); between points the map is
/// linear, outside them clipped to the end values (like scikit-learn's <c>out_of_bounds="clip"</c>). The label does
/// not change, only its confidence.
/// </summary>
public sealed class IsotonicCalibration
{
    private readonly double[] _x;
    private readonly double[] _y;

    private IsotonicCalibration(double[] x, double[] y) { _x = x; _y = y; }

    /// <summary>The fitted points (confidence, calibrated), one per pooled block, by increasing confidence.</summary>
    public IReadOnlyList<(double Confidence, double Calibrated)> Points => [.. _x.Select((c, i) => (c, _y[i]))];

    public static IsotonicCalibration Fit(IReadOnlyList<(double Confidence, bool Correct)> examples)
    {
        if (examples.Count == 0) return new IsotonicCalibration([0, 1], [0, 1]);
        var sorted = examples.OrderBy(e => e.Confidence).ThenBy(e => e.Correct).ToArray();
        // Blocks of (sum of outcomes, weight, mean confidence); merge while the last two violate monotonicity.
        var sum = new List<double>();
        var weight = new List<double>();
        var conf = new List<double>();
        foreach (var (c, ok) in sorted)
        {
            sum.Add(ok ? 1 : 0);
            weight.Add(1);
            conf.Add(c);
            while (sum.Count > 1 && sum[^2] / weight[^2] >= sum[^1] / weight[^1])
            {
                var k = sum.Count - 1;
                conf[k - 1] = (conf[k - 1] * weight[k - 1] + conf[k] * weight[k]) / (weight[k - 1] + weight[k]);
                sum[k - 1] += sum[k];
                weight[k - 1] += weight[k];
                sum.RemoveAt(k);
                weight.RemoveAt(k);
                conf.RemoveAt(k);
            }
        }
        return new IsotonicCalibration([.. conf], [.. sum.Zip(weight, (s, w) => s / w)]);
    }

    /// <summary>The calibrated confidence of a raw one.</summary>
    public double Apply(double confidence)
    {
        if (confidence <= _x[0]) return _y[0];
        if (confidence >= _x[^1]) return _y[^1];
        var hi = Array.BinarySearch(_x, confidence);
        if (hi >= 0) return _y[hi];
        hi = ~hi;
        var lo = hi - 1;
        return _y[lo] + (confidence - _x[lo]) / (_x[hi] - _x[lo]) * (_y[hi] - _y[lo]);
    }
}
