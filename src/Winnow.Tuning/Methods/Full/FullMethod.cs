using Winnow.Tuning.Files;
using Winnow.Tuning.Tasks;
using static TorchSharp.torch.nn;

namespace Winnow.Tuning.Methods.Full;

/// <summary><c>method: {type: full}</c>: no options of its own.</summary>
public sealed record FullOptions : MethodOptions
{
    /// <summary>The PEFT table and transformers' TrainingArguments default (5e-5).</summary>
    public override double DefaultLr => 5e-5;
}

/// <summary>
/// Full fine-tuning: every weight trains. Saved as one <c>model.safetensors</c> with transformers' names
/// (<c>bert.embeddings.word_embeddings.weight</c>, …, <c>classifier.weight</c>).
/// </summary>
public sealed class FullMethod(FullOptions options) : TuningMethod<FullOptions>(options)
{
    public const string WeightsFile = "model.safetensors";

    public override bool LoadsPretrained => false;

    protected override IEnumerable<TorchSharp.Modules.Parameter> OpenedParameters(TaskModel model) => model.parameters();

    public override void Save(string dir, TaskModel model, string baseModel) =>
        TensorFiles.Save(Path.Combine(dir, WeightsFile), model.named_parameters().Select(p => (p.name, p.parameter)));

    public override void Load(string dir, TaskModel model) =>
        TensorFiles.LoadInto(Path.Combine(dir, WeightsFile), model.named_parameters().ToDictionary(p => p.name, p => p.parameter, StringComparer.Ordinal), strict: true);

    /// <summary>Nothing to fold: every weight is already in place, so the merged model is the model itself.</summary>
    public override void Merge(TaskModel model) { }
}
