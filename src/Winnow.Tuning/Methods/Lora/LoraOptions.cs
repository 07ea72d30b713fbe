using System.ComponentModel.DataAnnotations;

namespace Winnow.Tuning.Methods.Lora;

/// <summary>
/// <c>method: {type: lora}</c>. Defaults are the PEFT table row (r 8, α 16, query and value, lr 1e-3) and
/// otherwise Hugging Face PEFT's LoraConfig (lora_dropout 0, use_rslora false; PEFT infers query,value for BERT).
/// </summary>
public sealed record LoraOptions : MethodOptions
{
    /// <summary>The adapters' rank (PEFT: 8).</summary>
    [Range(1, 4096)] public int R { get; init; } = 8;

    /// <summary>scaling = alpha / r (the table: 16, scaling 2; PEFT's own default is 8).</summary>
    [Range(0.0, 1e6)] public double Alpha { get; init; } = 16;

    /// <summary>Dropout on the adapters' input (PEFT: 0).</summary>
    [Range(0.0, 0.99)] public double Dropout { get; init; }

    /// <summary>scaling = alpha / √r (Kalajdzievski 2023; PEFT: false).</summary>
    public bool UseRslora { get; init; }

    /// <summary>A list matches exact names or <c>.suffix</c>; a single string is a full-match regex (PEFT's rules).</summary>
    public TargetModules TargetModules { get; init; } = TargetModules.Of("query", "value");

    /// <summary>The PEFT table (LoRA r8 α16 query,value: 1e-3).</summary>
    public override double DefaultLr => 1e-3;
}
