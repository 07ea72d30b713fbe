using TorchSharp.Modules;
using Winnow.Tuning.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Winnow.Tuning.Methods.Adapter;

/// <summary>
/// A Houlsby adapter around a projection (Houlsby et al. 2019): <c>y = base_layer(x)</c>, then
/// <c>y + adapter_up(act(adapter_down(y)))</c> — a bottleneck with a residual, so with small weights it starts near
/// the identity. It sits on the projection's output, before the block's dropout, residual add and LayerNorm.
/// </summary>
public sealed class BottleneckAdapter : Module<Tensor, Tensor>, IAdapterModule
{
    private readonly Module<Tensor, Tensor> base_layer;
    private readonly Linear adapter_down, adapter_up;
    private readonly string _activation;

    public BottleneckAdapter(Module<Tensor, Tensor> baseLayer, int hidden, int size, string activation) : base("adapter")
    {
        base_layer = baseLayer;
        adapter_down = Linear(hidden, size);
        adapter_up = Linear(size, hidden);
        _activation = activation;
        using (no_grad())
        {
            // Near-identity: zero-mean Gaussian, σ = 1e-2, truncated at 2σ (Houlsby et al. 2019, section 2.1).
            foreach (var w in new[] { adapter_down.weight!, adapter_up.weight! }) w.normal_(0, 1e-2).clamp_(-2e-2, 2e-2);
            init.zeros_(adapter_down.bias!);
            init.zeros_(adapter_up.bias!);
        }
        RegisterComponents();
    }

    public IEnumerable<(string Name, Parameter Parameter)> AdapterParameters() =>
        adapter_down.named_parameters().Select(p => ("adapter_down." + p.name, p.parameter))
            .Concat(adapter_up.named_parameters().Select(p => ("adapter_up." + p.name, p.parameter)));

    /// <param name="x">(…, in)</param><returns>(…, H)</returns>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var y = base_layer.forward(x);
        var down = adapter_down.forward(y);
        var h = _activation switch
        {
            "gelu" => functional.gelu(down),
            "relu" => functional.relu(down),
            _ => functional.silu(down),
        };
        return y.add(adapter_up.forward(h)).MoveToOuterDisposeScope();
    }
}
