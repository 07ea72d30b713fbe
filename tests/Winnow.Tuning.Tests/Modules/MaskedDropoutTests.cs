using Winnow.Tuning.Backbones.MiniLm;
using Winnow.Tuning.Modules;
using Winnow.Tuning.Tasks.SequenceClassification;
using static TorchSharp.torch;

namespace Winnow.Tuning.Tests.Modules;

public sealed class MaskedDropoutTests
{
    [Fact]
    public void Make_LargeMask_DropsShareP_AndScalesTheRestBy1OverOneMinusP()
    {
        manual_seed(7);
        using var mask = DropoutMask.Make([32, 12, 64, 64], 0.1, ScalarType.Float32); // 1.57M elements, parallel slices
        using var zeros = mask.eq(0);
        double dropped = zeros.to(ScalarType.Float64).mean().item<double>();
        Assert.InRange(dropped, 0.099, 0.101); // ±4σ of a binomial share at n = 1.57M is ±0.001
        using var kept = mask.masked_select(zeros.logical_not());
        Assert.Equal(1 / 0.9, kept.min().item<float>(), 5);
        Assert.Equal(1 / 0.9, kept.max().item<float>(), 5);
    }

    [Fact]
    public void Make_SameGlobalSeed_SameMask_OtherSeed_OtherMask()
    {
        manual_seed(11);
        using var a = DropoutMask.Make([300_000], 0.1, ScalarType.Float32);
        manual_seed(11);
        using var b = DropoutMask.Make([300_000], 0.1, ScalarType.Float32);
        manual_seed(12);
        using var c = DropoutMask.Make([300_000], 0.1, ScalarType.Float32);
        Assert.True(a.eq(b).all().item<bool>());
        Assert.False(a.eq(c).all().item<bool>());
    }

    [Fact]
    public void Forward_EvalMode_Identity_TrainMode_GradientIsTheMask()
    {
        using var dropout = new MaskedDropout(0.5);
        using var x = ones(1000, requires_grad: true);
        dropout.eval();
        using (var y = dropout.forward(x)) Assert.True(y.eq(x).all().item<bool>());
        dropout.train();
        manual_seed(3);
        using var z = dropout.forward(x);
        using var loss = z.sum();
        loss.backward();
        Assert.True(x.grad!.eq(z).all().item<bool>()); // d(x·m)/dx = m, and z = 1·m
        long zeroed = z.eq(0).sum().item<long>();
        Assert.InRange(zeroed, 400, 600);
    }
}
