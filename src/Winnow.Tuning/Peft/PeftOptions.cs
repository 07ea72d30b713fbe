namespace Winnow.Tuning.Peft;

/// <summary>How the pre-trained encoder is adapted. The classification head is trainable in every method.</summary>
public enum PeftKind
{
    /// <summary>Every weight trains (full fine-tuning).</summary>
    Full,

    /// <summary>Low-rank adapters on the target modules; the encoder is frozen.</summary>
    Lora,

    /// <summary>A linear probe: the encoder is frozen, only the head trains.</summary>
    Head,
}

/// <summary>
/// The method and its LoRA settings. Defaults are Hugging Face PEFT's LoraConfig (r 8, lora_alpha 8,
/// lora_dropout 0, use_rslora false) except the targets: PEFT infers query,value for BERT, written out here.
/// </summary>
public sealed record PeftOptions
{
    public PeftKind Kind { get; init; } = PeftKind.Lora;
    public int R { get; init; } = 8;
    public double Alpha { get; init; } = 8;
    public double Dropout { get; init; }
    public bool UseRsLora { get; init; }
    public TargetModules Targets { get; init; } = TargetModules.Of("query", "value");

    /// <summary>
    /// Head only: encode the training texts once with the frozen encoder (eval mode, no dropout) and train the head on
    /// those features, instead of running the encoder on every batch (default true). A linear probe on fixed
    /// features; the encoder then costs one pass over the data instead of one per epoch and step.
    /// </summary>
    public bool CacheFeatures { get; init; } = true;
}
