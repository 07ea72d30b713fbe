using System.ComponentModel.DataAnnotations;

namespace Winnow.Tuning.Methods.Prompt;

/// <summary>
/// <c>method: {type: prompt}</c>: prompt tuning (Lester et al. 2021). 20 virtual tokens and lr 3e-2 are the issue's
/// PEFT table; initialisation from sampled vocabulary embeddings is Lester et al.'s (better than random).
/// </summary>
public sealed record PromptOptions : MethodOptions
{
    [Range(1, 512)] public int NumVirtualTokens { get; init; } = 20;

    /// <summary>sample_vocab (rows of random vocabulary tokens), text (the embeddings of <see cref="InitText"/>'s tokens, repeated to fill), random (N(0, 1), PEFT's RANDOM).</summary>
    [AllowedValues("sample_vocab", "text", "random")] public string Init { get; init; } = "sample_vocab";

    /// <summary>The text for <c>init: text</c> (PEFT's prompt_tuning_init_text), e.g. "Classify the intent of this message:".</summary>
    public string? InitText { get; init; }

    /// <summary>The PEFT table (prompt tuning, 20 virtual tokens: 3e-2).</summary>
    public override double DefaultLr => 3e-2;
}
