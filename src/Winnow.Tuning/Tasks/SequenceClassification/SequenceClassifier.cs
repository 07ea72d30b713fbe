using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using Winnow.Tuning.Backbones.MiniLm;
using Winnow.Tuning.Modules;

namespace Winnow.Tuning.Tasks.SequenceClassification;

/// <summary>
/// Sequence classification on a BERT encoder: mean-pooled last hidden state (sentence-transformers' pooling)
/// → dropout → <c>classifier</c> linear layer. Module names follow transformers' BertForSequenceClassification
/// (<c>bert.…</c>, <c>classifier</c>), so PEFT keys read <c>base_model.model.bert.encoder.layer.0…</c>.
/// </summary>
public sealed class SequenceClassifier : TaskModel
{
    private readonly BertModel bert;
    private readonly MaskedDropout dropout;
    private readonly Linear classifier;

    public SequenceClassifier(BertModel encoder, int numLabels, double headDropout) : base("classifier_model")
    {
        bert = encoder;
        dropout = new MaskedDropout(headDropout);
        classifier = Linear(encoder.Config.HiddenSize, numLabels);
        NumLabels = numLabels;
        RegisterComponents();
    }

    public override int NumLabels { get; }

    public override BertModel Encoder => bert;

    public override Linear Head => classifier;

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

    /// <summary>The head: dropout (in training mode) and the classifier, (B, H) → (B, labels).</summary>
    public Tensor Classify(Tensor pooled)
    {
        using var dropped = dropout.forward(pooled);
        return classifier.forward(dropped);
    }
}
