using Winnow.Tuning.Files;
using Winnow.Tuning.Tasks;

namespace Winnow.Tuning.Methods.Head;

/// <summary><c>method: {type: head}</c>: a linear probe on the frozen encoder.</summary>
public sealed record HeadOptions : MethodOptions
{
    /// <summary>
    /// Encode the training texts once with the frozen encoder (eval mode, no dropout) and train the head on those
    /// features, instead of running the encoder on every batch (default true): the encoder then costs one pass over
    /// the data instead of one per step. Sequence classification only.
    /// </summary>
    public bool CacheFeatures { get; init; } = true;

    /// <summary>
    /// Keep those features on disk between runs (default true), in <c>$WINNOW_CACHE/features</c>, else
    /// <c>$XDG_CACHE_HOME/winnow/features</c>, else <c>~/.cache/winnow/features</c>, keyed by the backbone's weights,
    /// max length, pooling, device and each example's token ids: a later run encodes only texts no run encoded before,
    /// and gives the same bytes as without the cache. Only with <see cref="CacheFeatures"/>.
    /// </summary>
    public bool FeatureCache { get; init; } = true;

    /// <summary>
    /// The PEFT table (head only: 1e-2). transformers' 5e-5 barely moves a new head: issue #15 found head-only
    /// at 5e-5 useless on SMS spam (it stays at the majority class).
    /// </summary>
    public override double DefaultLr => 1e-2;
}

/// <summary>Head only: the encoder stays frozen; <c>head.safetensors</c> holds <c>classifier.weight</c> and <c>.bias</c>.</summary>
public sealed class HeadMethod(HeadOptions options) : TuningMethod<HeadOptions>(options)
{
    public const string WeightsFile = "head.safetensors";

    public override void Save(string dir, TaskModel model, string baseModel) =>
        TensorFiles.Save(Path.Combine(dir, WeightsFile), model.HeadParameters());

    public override void Load(string dir, TaskModel model) =>
        TensorFiles.LoadInto(Path.Combine(dir, WeightsFile), model.HeadParameters().ToDictionary(p => p.Name, p => p.Parameter, StringComparer.Ordinal), strict: true);

    protected override string WhyNoMerge => "the encoder is the unchanged base model and the head is already in head.safetensors";
}
