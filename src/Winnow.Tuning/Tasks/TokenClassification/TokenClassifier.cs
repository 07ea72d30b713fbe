using Winnow.Tuning.Backbones.MiniLm;
using static TorchSharp.torch;

namespace Winnow.Tuning.Tasks.TokenClassification;

/// <summary>
/// Token classification on a BERT encoder (transformers' BertForTokenClassification): last hidden state → dropout →
/// <c>classifier</c>, one tag distribution per token.
/// </summary>
public sealed class TokenClassifier(BertModel encoder, int numTags, double headDropout)
    : TaskModel("token_classifier", encoder, numTags, headDropout)
{
    /// <param name="inputIds">(B, T) int64</param><param name="attentionMask">(B, T) int64</param>
    /// <returns>logits (B, T, tags)</returns>
    public override Tensor forward(Tensor inputIds, Tensor attentionMask)
    {
        using var hidden = bert.forward(inputIds, attentionMask); // (B, T, H)
        return Classify(hidden);
    }
}
