using TorchSharp;
using Winnow.Tuning.Methods;
using Winnow.Tuning.Methods.Full;
using Winnow.Tuning.Methods.Head;
using Winnow.Tuning.Methods.Lora;
using Winnow.Tuning.Tasks;
using static TorchSharp.torch;

namespace Winnow.Tuning.Tests.Methods.Lora;

public sealed class LoraLinearTests
{
    [Fact]
    public void Forward_FreshAdapter_EqualsBaseLayer()
    {
        torch.manual_seed(1);
        var baseLayer = nn.Linear(16, 12);
        var lora = new LoraLinear(baseLayer, r: 4, alpha: 8, dropout: 0, useRsLora: false);
        using var x = randn(3, 16);
        using var expected = baseLayer.forward(x);
        using var actual = lora.forward(x);
        Assert.True(actual.allclose(expected, rtol: 0, atol: 0));
        Assert.Equal(0.0, lora.LoraB.abs().sum().item<float>());
        Assert.True(lora.LoraA.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void Scaling_RsLora_IsAlphaOverSqrtRank()
    {
        Assert.Equal(2.0, new LoraLinear(nn.Linear(8, 8), 16, 32, 0, useRsLora: false).Scaling);
        Assert.Equal(8.0, new LoraLinear(nn.Linear(8, 8), 16, 32, 0, useRsLora: true).Scaling);
    }

    [Fact]
    public void Merge_TrainedAdapter_SameOutputAndUnmergeRestoresBase()
    {
        torch.manual_seed(2);
        var baseLayer = nn.Linear(16, 12);
        using var original = baseLayer.weight!.detach().clone();
        var lora = new LoraLinear(baseLayer, r: 4, alpha: 8, dropout: 0, useRsLora: false);
        using (no_grad()) lora.LoraB.normal_(); // as after training
        using var x = randn(5, 16);
        using var unmerged = lora.forward(x);
        Assert.False(unmerged.allclose(baseLayer.forward(x), atol: 1e-3));

        lora.Merge();
        using var merged = lora.forward(x);
        Assert.True(merged.allclose(unmerged, atol: 1e-5));
        using var expectedWeight = original + lora.LoraB.matmul(lora.LoraA) * 2.0;
        Assert.True(baseLayer.weight!.allclose(expectedWeight, atol: 1e-5));

        lora.Unmerge();
        Assert.True(baseLayer.weight!.allclose(original, atol: 1e-5));
    }
}
