using System.ComponentModel.DataAnnotations;

namespace Winnow.Tuning.Methods.Prefix;

/// <summary>
/// <c>method: {type: prefix}</c>: prefix tuning (Li &amp; Liang 2021). 20 virtual tokens are the PEFT table;
/// the MLP reparameterisation while training is Li &amp; Liang's (PEFT's <c>prefix_projection</c>), its hidden size
/// PEFT's default (<c>encoder_hidden_size</c> = the model's hidden size). The default rate depends on the MLP: the
/// PEFT row's 1e-2 is for the bare table (no projection); through the MLP, 1e-2 drives every layer's attention onto
/// the prefixes within the first steps and the encoder's output stops depending on the input (banking77: loss
/// stays at ln 77, accuracy 1/77 for 3 epochs), while 1e-3 trains (measured on 2,000 banking77 texts, one epoch:
/// 1e-2 → 0.080, 1e-3 → 0.946, bare table at 1e-2 → 0.928).
/// </summary>
public sealed record PrefixOptions : MethodOptions
{
    [Range(1, 512)] public int NumVirtualTokens { get; init; } = 20;

    /// <summary>Train the prefixes through an MLP (embedding → Linear → tanh → Linear); only its output is saved.</summary>
    public bool Projection { get; init; } = true;

    /// <summary>The MLP's hidden width; default the model's hidden size.</summary>
    [Range(1, 65_536)] public int? ProjectionHiddenSize { get; init; }

    /// <summary>1e-3 through the MLP (measured, see above); 1e-2 for the bare table (the PEFT row).</summary>
    public override double DefaultLr => Projection ? 1e-3 : 1e-2;
}
