using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Winnow.Tuning.Modules;

/// <summary>
/// Inverted dropout, as <c>nn.Dropout</c> computes it (each element zeroed with probability p, the rest scaled by
/// 1/(1−p); identity in eval mode), with a cheaper mask on the CPU. libtorch's CPU dropout draws a 64-bit Bernoulli
/// sample per element on one thread; a training step of MiniLM draws ≈ 29 million of them (every hidden state,
/// attention map and LoRA input), which measured ≈ 7% of a step's CPU time, all of it serial while the other
/// threads wait. Here the mask is uniform floats compared with p, drawn in parallel slices, each slice from its own
/// generator seeded from the global torch generator — so masks are reproducible by seed and a resumed run (which
/// restores the global generator's state) draws the same masks.
/// </summary>
public sealed class MaskedDropout(double p) : Module<Tensor, Tensor>("dropout")
{
    public double P { get; } = p;

    /// <param name="x">any shape</param><returns>same shape</returns>
    public override Tensor forward(Tensor x)
    {
        if (!training || P == 0) return x.alias();
        if (x.device_type != DeviceType.CPU) return functional.dropout(x, P, true);
        using var mask = DropoutMask.Make(x.shape, P, x.dtype);
        return x.mul(mask);
    }
}

/// <summary>Dropout masks (0 or 1/(1−p)) drawn in parallel, reproducibly from the global torch generator.</summary>
public static class DropoutMask
{
    /// <summary>Below this many elements one slice is drawn (threads cost more than they save).</summary>
    private const long ParallelFrom = 1 << 16;

    /// <returns>a (<paramref name="shape"/>) tensor of <paramref name="dtype"/> on the CPU, no gradient</returns>
    public static Tensor Make(long[] shape, double p, ScalarType dtype)
    {
        using var noGrad = no_grad();
        var mask = empty(shape, dtype);
        using var flat = mask.view(-1);
        long n = flat.shape[0];
        // One draw from the global generator seeds this mask's slices: the global state alone decides the mask.
        long seed;
        using (var s = randint(long.MaxValue, [1], dtype: ScalarType.Int64)) seed = s.item<long>();
        int slices = n < ParallelFrom ? 1 : Math.Max(1, get_num_threads());
        long per = (n + slices - 1) / slices;
        Parallel.For(0, slices, new ParallelOptions { MaxDegreeOfParallelism = slices }, i =>
        {
            long start = i * per, length = Math.Min(per, n - start);
            if (length <= 0) return;
            using var generator = new Generator(unchecked((ulong)(seed + i)));
            using var slice = flat.narrow(0, start, length);
            slice.uniform_(0, 1, generator);
        });
        mask.ge_(p).mul_(1.0 / (1.0 - p)); // u ≥ p with probability 1 − p
        return mask;
    }
}
