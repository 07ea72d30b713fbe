using System.ComponentModel.DataAnnotations;

namespace Winnow.Tuning.Methods.Adapter;

/// <summary>
/// <c>method: {type: adapter}</c>: Houlsby bottleneck adapters. Defaults are AdapterHub's HoulsbyConfig
/// (reduction factor 16, swish, adapters after the attention output and after the feed-forward block) and Houlsby
/// et al. 2019 (LayerNorms train, near-identity initialisation).
/// </summary>
public sealed record AdapterOptions : MethodOptions
{
    /// <summary>Bottleneck width; default hidden / <see cref="ReductionFactor"/> (384 / 16 = 24 on MiniLM).</summary>
    [Range(1, 65_536)] public int? Size { get; init; }

    /// <summary>hidden / size when <see cref="Size"/> is not set (AdapterHub's HoulsbyConfig: 16).</summary>
    [Range(1, 4096)] public int ReductionFactor { get; init; } = 16;

    /// <summary>The bottleneck's nonlinearity: swish (AdapterHub's HoulsbyConfig), gelu or relu.</summary>
    [AllowedValues("swish", "gelu", "relu")] public string Activation { get; init; } = "swish";

    /// <summary>Train the encoder's LayerNorms with the adapters (Houlsby et al. 2019 do).</summary>
    public bool TrainLayerNorms { get; init; } = true;

    /// <summary>As LoRA's (the PEFT table has no adapter row; Houlsby et al. swept 3e-5 … 3e-3).</summary>
    public override double DefaultLr => 1e-3;

    public int SizeFor(int hidden) => Size ?? Math.Max(1, hidden / ReductionFactor);
}
