using Winnow.Tuning.Backbones.MiniLm;
using static TorchSharp.torch;

namespace Winnow.Tuning.Tasks.FeatureExtraction;

/// <summary>
/// The bare encoder as a task model (PEFT's FEATURE_EXTRACTION): no head, the output is the last hidden state. What
/// <c>winnow inspect embed --adapter</c> runs, so an adapter applies to it exactly as to a classifier.
/// </summary>
public sealed class EncoderOnly(BertModel encoder) : TaskModel("encoder_only", encoder, numLabels: 0, headDropout: 0)
{
    /// <returns>last hidden state (B, T, H)</returns>
    public override Tensor forward(Tensor inputIds, Tensor attentionMask) => bert.forward(inputIds, attentionMask);
}
