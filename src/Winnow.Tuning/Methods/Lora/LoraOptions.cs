using System.ComponentModel.DataAnnotations;

namespace Winnow.Tuning.Methods.Lora;

/// <summary>
/// <c>method: {type: lora}</c>. Defaults are Hugging Face PEFT's LoraConfig (r 8, lora_alpha 8, lora_dropout 0,
/// use_rslora false), except the targets: PEFT infers query,value for BERT, written out here.
/// </summary>
public sealed record LoraOptions : MethodOptions
{
    /// <summary>The adapters' rank (PEFT: 8).</summary>
    [Range(1, 4096)] public int R { get; init; } = 8;

    /// <summary>scaling = alpha / r (PEFT: 8).</summary>
    [Range(0.0, 1e6)] public double Alpha { get; init; } = 8;

    /// <summary>Dropout on the adapters' input (PEFT: 0).</summary>
    [Range(0.0, 0.99)] public double Dropout { get; init; }

    /// <summary>scaling = alpha / √r (Kalajdzievski 2023; PEFT: false).</summary>
    public bool UseRslora { get; init; }

    /// <summary>A list matches exact names or <c>.suffix</c>; a single string is a full-match regex (PEFT's rules).</summary>
    public TargetModules TargetModules { get; init; } = TargetModules.Of("query", "value");

    /// <summary>transformers' TrainingArguments default (5e-5).</summary>
    public override double DefaultLr => 5e-5;
}
