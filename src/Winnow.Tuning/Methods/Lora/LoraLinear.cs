using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using Winnow.Tuning.Modules;

namespace Winnow.Tuning.Methods.Lora;

/// <summary>
/// A LoRA wrapper around a frozen linear layer (Hu et al. 2021; Hugging Face PEFT's <c>lora.Linear</c>):
/// <c>y = base_layer(x) + scaling · lora_B(lora_A(dropout(x)))</c>, with <c>scaling = alpha / r</c>, or
/// <c>alpha / √r</c> for rsLoRA (Kalajdzievski 2023). A is Kaiming-uniform (a = √5, as nn.Linear and PEFT), B
/// starts at zero, so the wrapped layer first computes exactly what the base layer did. Merge and unmerge both go
/// through <see cref="DeltaWeight"/>. Module names (base_layer, lora_A, lora_B) are PEFT's.
/// </summary>
public sealed class LoraLinear : Module<Tensor, Tensor>, IAdapterModule
{
    private readonly Linear base_layer;
    private readonly Linear lora_A, lora_B;
    private readonly MaskedDropout lora_dropout;

    public LoraLinear(Linear baseLayer, int r, double alpha, double dropout, bool useRsLora) : base("lora")
    {
        if (r <= 0) throw new ArgumentOutOfRangeException(nameof(r), "LoRA rank must be positive");
        long inFeatures = baseLayer.weight!.shape[1], outFeatures = baseLayer.weight.shape[0];
        base_layer = baseLayer;
        lora_A = Linear(inFeatures, r, hasBias: false, device: baseLayer.weight.device);
        lora_B = Linear(r, outFeatures, hasBias: false, device: baseLayer.weight.device);
        lora_dropout = new MaskedDropout(dropout);
        Rank = r;
        Scaling = useRsLora ? alpha / Math.Sqrt(r) : alpha / r;
        using (no_grad())
        {
            init.kaiming_uniform_(lora_A.weight!, a: Math.Sqrt(5));
            init.zeros_(lora_B.weight!);
        }
        RegisterComponents();
    }

    public int Rank { get; }

    /// <summary>alpha / r (or alpha / √r with rsLoRA).</summary>
    public double Scaling { get; }

    /// <summary>True while the delta is folded into the base weight (forward then skips the adapter).</summary>
    public bool Merged { get; private set; }

    public Linear BaseLayer => base_layer;

    public Parameter LoraA => lora_A.weight!;

    public Parameter LoraB => lora_B.weight!;

    public IEnumerable<(string Name, Parameter Parameter)> AdapterParameters() =>
        [("lora_A.weight", lora_A.weight!), ("lora_B.weight", lora_B.weight!)];

    /// <param name="x">(…, in)</param><returns>(…, out)</returns>
    public override Tensor forward(Tensor x)
    {
        var y = base_layer.forward(x);
        if (Merged) return y;
        using var scope = NewDisposeScope();
        var a = lora_A.forward(lora_dropout.forward(x)); // (…, r)
        var delta = lora_B.forward(a).mul_(Scaling);      // (…, out)
        return y.add_(delta).MoveToOuterDisposeScope();
    }

    /// <summary>ΔW = scaling · B·A, shaped like the base weight (out, in).</summary>
    public Tensor DeltaWeight() => lora_B.weight!.matmul(lora_A.weight!).mul_(Scaling);

    public void Merge()
    {
        if (Merged) return;
        using (no_grad()) using (var d = DeltaWeight()) base_layer.weight!.add_(d);
        Merged = true;
    }

    public void Unmerge()
    {
        if (!Merged) return;
        using (no_grad()) using (var d = DeltaWeight()) base_layer.weight!.sub_(d);
        Merged = false;
    }
}
