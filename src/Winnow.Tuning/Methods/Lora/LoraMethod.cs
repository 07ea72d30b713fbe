using System.Text.Json.Nodes;
using TorchSharp.Modules;
using Winnow.Tuning.Modules;
using Winnow.Tuning.Tasks;

namespace Winnow.Tuning.Methods.Lora;

/// <summary>
/// LoRA (Hu et al. 2021, as Hugging Face PEFT does it): every target linear layer of the encoder is replaced in its
/// parent by a <see cref="LoraLinear"/> around it; the adapters and the head train. Saved in PEFT's layout
/// (<see cref="LoraFiles"/>); merges into the base weights.
/// </summary>
public sealed class LoraMethod(LoraOptions options) : TuningMethod<LoraOptions>(options)
{
    protected override void AddModules(TaskModel model)
    {
        var targets = model.Encoder.named_modules()
            .Where(m => m.module is Linear && Options.TargetModules.Matches(m.name))
            .Select(m => (m.name, (Linear)m.module)).ToList();
        if (targets.Count == 0)
            throw new WinnowException($"LoRA target_modules ({Options.TargetModules}) match no linear layer of the model", 2);
        foreach (var (path, linear) in targets)
            ModuleSwap.Replace(model.Encoder, path, new LoraLinear(linear, Options.R, Options.Alpha, Options.Dropout, Options.UseRslora));
    }

    /// <summary>The module paths LoRA wrapped (relative to the task model: <c>bert.encoder.layer.0.attention.self.query</c>).</summary>
    public static IReadOnlyList<string> Wrapped(TaskModel model) => [.. AdapterModules.Of<LoraLinear>(model).Select(m => m.Path)];

    public override JsonObject? Config(TaskModel model, string baseModel) => LoraFiles.Config(Options, baseModel);

    public override void Save(string dir, TaskModel model, string baseModel) => LoraFiles.Write(dir, model, Options, baseModel);

    public override void Load(string dir, TaskModel model) => LoraFiles.Load(dir, model);

    /// <summary>W ← W + scaling·B·A in every wrapped layer, then each wrapper gives its place back to the base layer.</summary>
    public override void Merge(TaskModel model)
    {
        foreach (var (path, layer) in AdapterModules.Of<LoraLinear>(model).ToList())
        {
            layer.Merge();
            ModuleSwap.Replace(model, path, layer.BaseLayer);
        }
    }
}
