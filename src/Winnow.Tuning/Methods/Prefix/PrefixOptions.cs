using System.ComponentModel.DataAnnotations;

namespace Winnow.Tuning.Methods.Prefix;

/// <summary>
/// <c>method: {type: prefix}</c>: prefix tuning (Li &amp; Liang 2021). 20 virtual tokens and lr 1e-2 are the issue's
/// PEFT table; the MLP reparameterisation while training is Li &amp; Liang's (PEFT's <c>prefix_projection</c>), its
/// hidden size PEFT's default (<c>encoder_hidden_size</c> = the model's hidden size).
/// </summary>
public sealed record PrefixOptions : MethodOptions
{
    [Range(1, 512)] public int NumVirtualTokens { get; init; } = 20;

    /// <summary>Train the prefixes through an MLP (embedding → Linear → tanh → Linear); only its output is saved.</summary>
    public bool Projection { get; init; } = true;

    /// <summary>The MLP's hidden width; default the model's hidden size.</summary>
    [Range(1, 65_536)] public int? ProjectionHiddenSize { get; init; }

    /// <summary>The PEFT table (prefix tuning, 20 virtual tokens: 1e-2).</summary>
    public override double DefaultLr => 1e-2;
}
