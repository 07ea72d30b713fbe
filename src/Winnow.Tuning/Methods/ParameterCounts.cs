using System.Globalization;
using static TorchSharp.torch.nn;

namespace Winnow.Tuning.Methods;

/// <summary>Trainable and total parameter counts, printed as PEFT's print_trainable_parameters does.</summary>
public readonly record struct ParameterCounts(long Trainable, long Total)
{
    public double TrainablePercent => Total == 0 ? 0 : 100.0 * Trainable / Total;

    /// <summary>PEFT's line (<c>{:,d}</c> and <c>{:.4f}</c>): comma thousands and a point, whatever the culture.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"trainable params: {Trainable:N0} || all params: {Total:N0} || trainable%: {TrainablePercent:F4}");

    /// <summary>Counts the parameters of <paramref name="model"/> that require gradients, and all of them.</summary>
    public static ParameterCounts Of(Module model)
    {
        long trainable = 0, total = 0;
        foreach (var p in model.parameters())
        {
            total += p.numel();
            if (p.requires_grad) trainable += p.numel();
        }
        return new ParameterCounts(trainable, total);
    }
}
