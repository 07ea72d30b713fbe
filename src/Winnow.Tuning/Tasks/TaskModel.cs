using TorchSharp.Modules;
using Winnow.Tuning.Backbones.MiniLm;
using Winnow.Tuning.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Winnow.Tuning.Tasks;

/// <summary>
/// A backbone with a task's head: <c>bert</c> (the encoder), dropout and <c>classifier</c> (a new linear head), the
/// module names of transformers' BertFor…Classification, so saved keys read <c>bert.encoder.layer.0…</c> and
/// <c>classifier.weight</c>. A task says only what the head reads (<see cref="forward"/>): the pooled text (sequence
/// classification) or every token (token classification); the bare encoder has no head. Methods wrap modules inside
/// <see cref="Encoder"/>; the head trains in every method.
/// </summary>
public abstract class TaskModel : Module<Tensor, Tensor, Tensor>
{
    /// <summary>The head module's name.</summary>
    public const string HeadName = "classifier";

    // Protected, not private: TorchSharp's RegisterComponents finds a module's children among the fields of its
    // runtime type, which include a base class's protected fields and not its private ones. The subclasses add none,
    // so the registration order (bert, then classifier) is what it was when each task declared its own fields.
    protected readonly BertModel bert;
    protected readonly MaskedDropout? dropout;
    protected readonly Linear? classifier;

    /// <param name="name">the module's name</param>
    /// <param name="encoder">the backbone</param>
    /// <param name="numLabels">outputs of the head; 0 for no head (a bare encoder)</param>
    /// <param name="headDropout">dropout before the head (training mode only)</param>
    protected TaskModel(string name, BertModel encoder, int numLabels, double headDropout) : base(name)
    {
        bert = encoder;
        NumLabels = numLabels;
        if (numLabels > 0)
        {
            dropout = new MaskedDropout(headDropout);
            classifier = Linear(encoder.Config.HiddenSize, numLabels);
        }
        RegisterComponents();
    }

    public BertModel Encoder => bert;

    /// <summary>The head; null for a bare encoder (<see cref="FeatureExtraction.EncoderOnly"/>).</summary>
    public Linear? Head => classifier;

    /// <summary>Outputs per example: labels (sequence tasks) or tags (token tasks); 0 without a head.</summary>
    public int NumLabels { get; }

    /// <summary>The head's parameters with their full names (<c>classifier.weight</c>, <c>classifier.bias</c>).</summary>
    public IEnumerable<(string Name, Parameter Parameter)> HeadParameters() =>
        Head is null ? [] : Head.named_parameters().Select(p => ($"{HeadName}.{p.name}", p.parameter));

    /// <summary>The head: dropout (in training mode) and the classifier, (…, H) → (…, labels).</summary>
    public Tensor Classify(Tensor features)
    {
        if (classifier is null || dropout is null) throw new InvalidOperationException($"{GetName()} has no head");
        using var dropped = dropout.forward(features);
        return classifier.forward(dropped);
    }
}
