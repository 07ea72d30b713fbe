using Winnow.Tuning.Backbones.MiniLm;
using static TorchSharp.torch;

namespace Winnow.Tuning.Tasks.SequenceClassification;

/// <summary>
/// Sequence classification on a BERT encoder: mean-pooled last hidden state (sentence-transformers' pooling)
/// → dropout → <c>classifier</c> linear layer. Module names follow transformers' BertForSequenceClassification
/// (<c>bert.…</c>, <c>classifier</c>), so PEFT keys read <c>base_model.model.bert.encoder.layer.0…</c>.
/// </summary>
public sealed class SequenceClassifier(BertModel encoder, int numLabels, double headDropout)
    : TaskModel("classifier_model", encoder, numLabels, headDropout)
{
    /// <param name="inputIds">(B, T) int64</param><param name="attentionMask">(B, T) int64</param>
    /// <returns>logits (B, labels)</returns>
    public override Tensor forward(Tensor inputIds, Tensor attentionMask)
    {
        using var pooled = Pool(inputIds, attentionMask);
        return Classify(pooled);
    }

    /// <summary>The encoder's mean-pooled output: (B, T) ids and mask → (B, H).</summary>
    public Tensor Pool(Tensor inputIds, Tensor attentionMask)
    {
        using var scope = NewDisposeScope();
        var hidden = bert.forward(inputIds, attentionMask);   // (B, T, H)
        return BertModel.MeanPool(hidden, attentionMask).MoveToOuterDisposeScope();
    }
}
