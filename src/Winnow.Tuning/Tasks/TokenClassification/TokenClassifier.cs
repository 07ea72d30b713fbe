using TorchSharp.Modules;
using Winnow.Tuning.Backbones.MiniLm;
using Winnow.Tuning.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Winnow.Tuning.Tasks.TokenClassification;

/// <summary>
/// Token classification on a BERT encoder (transformers' BertForTokenClassification): last hidden state → dropout →
/// <c>classifier</c>, one tag distribution per token.
/// </summary>
public sealed class TokenClassifier : TaskModel
{
    private readonly BertModel bert;
    private readonly MaskedDropout dropout;
    private readonly Linear classifier;

    public TokenClassifier(BertModel encoder, int numTags, double headDropout) : base("token_classifier")
    {
        bert = encoder;
        dropout = new MaskedDropout(headDropout);
        classifier = Linear(encoder.Config.HiddenSize, numTags);
        NumLabels = numTags;
        RegisterComponents();
    }

    public override int NumLabels { get; }

    public override BertModel Encoder => bert;

    public override Linear Head => classifier;

    /// <param name="inputIds">(B, T) int64</param><param name="attentionMask">(B, T) int64</param>
    /// <returns>logits (B, T, tags)</returns>
    public override Tensor forward(Tensor inputIds, Tensor attentionMask)
    {
        using var hidden = bert.forward(inputIds, attentionMask);
        using var dropped = dropout.forward(hidden);
        return classifier.forward(dropped);
    }
}
