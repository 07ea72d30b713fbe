using System.Numerics;

namespace Winnow.Annotation.Classifiers;

/// <summary>Training settings of <see cref="SoftmaxRegression"/>.</summary>
/// <param name="Epochs">Passes over the data. Default 30.</param>
/// <param name="LearningRate">Initial step size on standardised features, decayed linearly to a tenth. Default 0.1.</param>
/// <param name="L2">Weight decay per step (ridge penalty). Default 1e-4.</param>
/// <param name="BatchSize">Examples per gradient step. Default 32.</param>
public sealed record SoftmaxOptions(int Epochs = 30, double LearningRate = 0.1, double L2 = 1e-4, int BatchSize = 32);

/// <summary>
/// Multinomial logistic regression on dense vectors (sentence embeddings): features standardised with the
/// training set's mean and deviation, W [classes, dims] and b [classes] fitted by mini-batch SGD on the
/// cross-entropy, seeded shuffling. Deterministic for a seed; small enough to cross-validate in seconds.
/// </summary>
public sealed class SoftmaxRegression
{
    private readonly float[] _w; // [classes × dims], row per class
    private readonly float[] _b;
    private readonly float[] _mean;
    private readonly float[] _scale;

    private SoftmaxRegression(int classes, int dims, float[] mean, float[] scale)
    {
        Classes = classes;
        Dims = dims;
        _w = new float[classes * dims];
        _b = new float[classes];
        _mean = mean;
        _scale = scale;
    }

    public int Classes { get; }
    public int Dims { get; }

    public static SoftmaxRegression Fit(IReadOnlyList<float[]> x, IReadOnlyList<int> y, int classes, SoftmaxOptions options, int seed)
    {
        if (x.Count == 0) throw new ArgumentException("no training examples", nameof(x));
        var dims = x[0].Length;
        var (mean, scale) = Standardisation(x, dims);
        var model = new SoftmaxRegression(classes, dims, mean, scale);
        var z = x.Select(model.Standardise).ToArray();
        var order = Enumerable.Range(0, z.Length).ToArray();
        var random = new Random(seed);
        var grad = new float[classes * dims];
        var gradB = new float[classes];
        var p = new float[classes];
        var steps = options.Epochs * ((z.Length + options.BatchSize - 1) / options.BatchSize);
        var step = 0;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            for (var start = 0; start < order.Length; start += options.BatchSize)
            {
                var end = Math.Min(order.Length, start + options.BatchSize);
                Array.Clear(grad);
                Array.Clear(gradB);
                for (var k = start; k < end; k++)
                {
                    var i = order[k];
                    model.Probabilities(z[i], p);
                    for (var c = 0; c < classes; c++)
                    {
                        var g = p[c] - (y[i] == c ? 1f : 0f);
                        if (Math.Abs(g) < 1e-7f) continue;
                        Axpy(g, z[i], grad.AsSpan(c * dims, dims));
                        gradB[c] += g;
                    }
                }
                var lr = (float)(options.LearningRate * (1 - 0.9 * step++ / steps));
                var decay = 1 - lr * (float)options.L2;
                var scaleGrad = -lr / (end - start);
                var w = model._w.AsSpan();
                for (var j = 0; j < w.Length; j++) w[j] = w[j] * decay + scaleGrad * grad[j];
                for (var c = 0; c < classes; c++) model._b[c] += scaleGrad * gradB[c];
            }
        }
        return model;
    }

    /// <summary>Class probabilities of one raw (unstandardised) vector.</summary>
    public float[] Predict(float[] x)
    {
        var p = new float[Classes];
        Probabilities(Standardise(x), p);
        return p;
    }

    private float[] Standardise(float[] x)
    {
        var z = new float[Dims];
        for (var d = 0; d < Dims; d++) z[d] = (x[d] - _mean[d]) * _scale[d];
        return z;
    }

    private void Probabilities(float[] z, float[] p)
    {
        var max = float.NegativeInfinity;
        for (var c = 0; c < Classes; c++)
        {
            p[c] = _b[c] + Dot(_w.AsSpan(c * Dims, Dims), z);
            if (p[c] > max) max = p[c];
        }
        var sum = 0f;
        for (var c = 0; c < Classes; c++) { p[c] = MathF.Exp(p[c] - max); sum += p[c]; }
        for (var c = 0; c < Classes; c++) p[c] /= sum;
    }

    private static (float[] Mean, float[] Scale) Standardisation(IReadOnlyList<float[]> x, int dims)
    {
        var mean = new double[dims];
        var sq = new double[dims];
        foreach (var v in x)
            for (var d = 0; d < dims; d++) { mean[d] += v[d]; sq[d] += (double)v[d] * v[d]; }
        var m = new float[dims];
        var s = new float[dims];
        for (var d = 0; d < dims; d++)
        {
            var mu = mean[d] / x.Count;
            var sd = Math.Sqrt(Math.Max(sq[d] / x.Count - mu * mu, 0));
            m[d] = (float)mu;
            s[d] = sd > 1e-8 ? (float)(1 / sd) : 1f;
        }
        return (m, s);
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var acc = Vector<float>.Zero;
        var width = Vector<float>.Count;
        var i = 0;
        for (; i + width <= a.Length; i += width) acc += new Vector<float>(a.Slice(i, width)) * new Vector<float>(b.Slice(i, width));
        var total = Vector.Sum(acc);
        for (; i < a.Length; i++) total += a[i] * b[i];
        return total;
    }

    private static void Axpy(float alpha, ReadOnlySpan<float> x, Span<float> y)
    {
        var width = Vector<float>.Count;
        var a = new Vector<float>(alpha);
        var i = 0;
        for (; i + width <= x.Length; i += width) (new Vector<float>(y.Slice(i, width)) + a * new Vector<float>(x.Slice(i, width))).CopyTo(y.Slice(i, width));
        for (; i < x.Length; i++) y[i] += alpha * x[i];
    }
}
