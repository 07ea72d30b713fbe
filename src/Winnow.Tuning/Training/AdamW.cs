using TorchSharp;
using static TorchSharp.torch;

namespace Winnow.Tuning.Training;

/// <summary>A set of parameters sharing a base learning rate and weight decay (the schedule scales the rate).</summary>
public sealed record ParamGroup(string Name, IReadOnlyList<(string Name, Tensor Param)> Params, double Lr, double WeightDecay);

/// <summary>
/// AdamW (Loshchilov &amp; Hutter 2019) with PyTorch's update rule: decoupled decay <c>p ← p·(1 − lr·wd)</c>,
/// then <c>p ← p − lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε)</c>. Written out (rather than TorchSharp's) so that its
/// whole state (m, v and the step) is plain named tensors that a checkpoint saves and restores exactly.
/// </summary>
public sealed class AdamW : IDisposable
{
    private readonly double _beta1, _beta2, _eps;
    private readonly Dictionary<string, (Tensor M, Tensor V)> _state = new(StringComparer.Ordinal);

    public AdamW(IReadOnlyList<ParamGroup> groups, double beta1, double beta2, double eps)
    {
        Groups = groups;
        _beta1 = beta1;
        _beta2 = beta2;
        _eps = eps;
        foreach (var g in groups)
            foreach (var (name, p) in g.Params)
                _state[name] = (zeros_like(p), zeros_like(p));
    }

    public IReadOnlyList<ParamGroup> Groups { get; }

    /// <summary>Updates made so far (t in the bias corrections).</summary>
    public long Steps { get; private set; }

    /// <summary>One update with each group's rate times <paramref name="lrFactor"/>; parameters without a gradient are skipped.</summary>
    public void Step(double lrFactor)
    {
        Steps++;
        double bc1 = 1 - Math.Pow(_beta1, Steps), bc2 = 1 - Math.Pow(_beta2, Steps);
        using var noGrad = no_grad();
        foreach (var g in Groups)
        {
            double lr = g.Lr * lrFactor;
            foreach (var (name, p) in g.Params)
            {
                using var grad = p.grad; // a new handle on each read: released here, not by the finalizer
                if (grad is null) continue;
                var (m, v) = _state[name];
                if (g.WeightDecay != 0) p.mul_(1 - lr * g.WeightDecay);
                m.lerp_(grad, 1 - _beta1); // m ← β1·m + (1−β1)·g in one pass
                v.mul_(_beta2).addcmul_(grad, grad, value: 1 - _beta2);
                using var denom = v.sqrt().div_(Math.Sqrt(bc2)).add_(_eps);
                p.addcdiv_(m, denom, value: -lr / bc1);
            }
        }
    }

    public void ZeroGrad()
    {
        foreach (var g in Groups)
            foreach (var (_, p) in g.Params)
                if (p.grad is { } grad) { grad.zero_(); }
    }

    /// <summary>The state as named tensors (<c>exp_avg.NAME</c>, <c>exp_avg_sq.NAME</c>) for a checkpoint.</summary>
    public Dictionary<string, Tensor> StateDict()
    {
        var d = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, (m, v)) in _state)
        {
            d["exp_avg." + name] = m;
            d["exp_avg_sq." + name] = v;
        }
        return d;
    }

    public void LoadState(IReadOnlyDictionary<string, Tensor> state, long steps)
    {
        using var noGrad = no_grad();
        foreach (var (name, (m, v)) in _state)
        {
            if (!state.TryGetValue("exp_avg." + name, out var sm) || !state.TryGetValue("exp_avg_sq." + name, out var sv))
                throw new WinnowException($"checkpoint has no optimizer state for '{name}'");
            m.copy_(sm);
            v.copy_(sv);
        }
        Steps = steps;
    }

    public void Dispose()
    {
        foreach (var (m, v) in _state.Values) { m.Dispose(); v.Dispose(); }
    }
}
