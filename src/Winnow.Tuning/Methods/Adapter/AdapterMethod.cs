using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp.Modules;
using Winnow.Tuning.Backbones.MiniLm;
using Winnow.Tuning.Files;
using Winnow.Tuning.Modules;
using Winnow.Tuning.Tasks;

namespace Winnow.Tuning.Methods.Adapter;

/// <summary>
/// Houlsby adapters: a <see cref="BottleneckAdapter"/> after the attention output projection and after the
/// feed-forward output projection of every layer (each swapped into its parent with <see cref="ModuleSwap"/>); the
/// adapters, optionally the LayerNorms, and the head train. Files: <c>adapter_config.json</c> (Winnow's own keys,
/// <c>winnow_adapter_type: houlsby</c>; PEFT has no such method) and <c>adapter_model.safetensors</c> with keys
/// <c>bert.encoder.layer.0.attention.output.dense.adapter_down.weight</c> …, the LayerNorms and the head. An
/// adapter is a nonlinear function of its input, so it cannot be merged into the weights.
/// </summary>
public sealed class AdapterMethod(AdapterOptions options) : TuningMethod<AdapterOptions>(options)
{
    public const string ConfigFile = "adapter_config.json";
    public const string WeightsFile = "adapter_model.safetensors";

    protected override void AddModules(TaskModel model)
    {
        int hidden = model.Encoder.Config.HiddenSize, size = Options.SizeFor(hidden);
        foreach (var path in Blocks(model).Select(b => b.Path + ".dense").ToList())
        {
            var dense = (TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>)ModuleSwap.Find(model.Encoder, path);
            ModuleSwap.Replace(model.Encoder, path, new BottleneckAdapter(dense, hidden, size, Options.Activation));
        }
    }

    /// <summary>The two residual blocks of every layer (attention.output, output) whose projection gets an adapter.</summary>
    private static IEnumerable<(string Path, BertResidualOutput Block)> Blocks(TaskModel model) =>
        model.Encoder.named_modules().Where(m => m.module is BertResidualOutput).Select(m => (m.name, (BertResidualOutput)m.module));

    protected override IEnumerable<Parameter> OpenedParameters(TaskModel model) =>
        Options.TrainLayerNorms ? Blocks(model).SelectMany(b => b.Block.Norm.parameters()) : [];

    public override JsonObject? Config(TaskModel model, string baseModel) => new()
    {
        ["winnow_adapter_type"] = "houlsby",
        ["base_model_name_or_path"] = baseModel,
        ["size"] = Options.SizeFor(model.Encoder.Config.HiddenSize),
        ["activation"] = Options.Activation,
        ["train_layer_norms"] = Options.TrainLayerNorms,
        ["placement"] = new JsonArray("attention.output.dense", "output.dense"),
        ["task_type"] = PeftFiles.TaskType(model),
    };

    public override void Save(string dir, TaskModel model, string baseModel)
    {
        TensorFiles.Save(Path.Combine(dir, WeightsFile), Trainable(model));
        File.WriteAllText(Path.Combine(dir, ConfigFile), Config(model, baseModel)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    public override void Load(string dir, TaskModel model) =>
        TensorFiles.LoadInto(Path.Combine(dir, WeightsFile), Trainable(model).ToDictionary(p => p.Name, p => p.Parameter, StringComparer.Ordinal), strict: true);

    protected override string WhyNoMerge => "an adapter is a nonlinear bottleneck (down-projection, activation, up-projection), not a change to a weight matrix";
}
