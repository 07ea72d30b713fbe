using TorchSharp.Modules;
using Winnow.Tuning.Backbones.MiniLm;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Winnow.Tuning.Tasks;

/// <summary>
/// A backbone with a task's head: <c>bert</c> (the encoder) and <c>classifier</c> (a new linear head), the module
/// names of transformers' BertFor…Classification, so saved keys read <c>bert.encoder.layer.0…</c> and
/// <c>classifier.weight</c>. Methods wrap modules inside <see cref="Encoder"/>; the head trains in every method.
/// </summary>
public abstract class TaskModel(string name) : Module<Tensor, Tensor, Tensor>(name)
{
    /// <summary>The head module's name.</summary>
    public const string HeadName = "classifier";

    public abstract BertModel Encoder { get; }

    /// <summary>The head; null for a bare encoder (<see cref="FeatureExtraction.EncoderOnly"/>).</summary>
    public abstract Linear? Head { get; }

    /// <summary>Outputs per example: labels (sequence tasks) or tags (token tasks).</summary>
    public abstract int NumLabels { get; }

    /// <summary>The head's parameters with their full names (<c>classifier.weight</c>, <c>classifier.bias</c>).</summary>
    public IEnumerable<(string Name, Parameter Parameter)> HeadParameters() =>
        Head is null ? [] : Head.named_parameters().Select(p => ($"{HeadName}.{p.name}", p.parameter));
}
