using Winnow.Tuning.Backbones;
using Winnow.Tuning.Methods;
using Winnow.Tuning.Methods.Full;
using Winnow.Tuning.Tasks;
using static TorchSharp.torch;

namespace Winnow.Tuning.Files;

/// <summary>
/// A trained model on disk: <c>winnow_model.json</c> (<see cref="ModelCard"/>) plus the files its method writes
/// (<see cref="ITuningMethod.Save"/>): PEFT's adapter files (lora, prefix, prompt), <c>adapters.safetensors</c>
/// (adapter), <c>head.safetensors</c> (head), or the whole model in <c>model.safetensors</c> (full, or a merged
/// model), with transformers' names (<c>bert.…</c>, <c>classifier.…</c>).
/// </summary>
public static class ModelFolder
{
    public const string FullWeightsFile = FullMethod.WeightsFile;

    /// <summary>Writes the folder through a temporary name, so a kill never leaves a half-written model.</summary>
    public static void Save(string dir, TaskModel model, ModelCard card)
    {
        var method = MethodRegistry.Create(card.ToMethodOptions());
        WriteAtomically(dir, tmp =>
        {
            method.Save(tmp, model, card.BaseModel);
            card.Write(tmp);
        });
    }

    /// <summary>Rebuilds the model a folder holds, in evaluation mode, on <paramref name="device"/>.</summary>
    public static (TaskModel Model, ModelCard Card) Load(string dir, Device? device = null)
    {
        if (!Directory.Exists(dir)) throw new InputException(dir, 0, "no such model folder");
        var card = ModelCard.Read(dir);
        var cardPath = Path.Combine(dir, ModelCard.FileName);
        if (!BackboneRegistry.Contains(card.Model)) throw new InputException(cardPath, 0, $"unknown base model '{card.Model}'", "model");
        if (!MethodRegistry.Types.Contains(card.Method)) throw new InputException(cardPath, 0, $"unknown method '{card.Method}'", "method");
        var backbone = BackboneRegistry.Get(card.Model);
        var method = MethodRegistry.Create(card.ToMethodOptions()).ForLoading();
        var model = TaskRegistry.CreateModel(TaskNames.Parse(card.Task), method.LoadsPretrained ? backbone.Pretrained() : backbone.Untrained(), card.Labels.Count, 0);
        method.Apply(model);
        method.Load(dir, model);
        if (device is not null && device.type != TorchSharp.DeviceType.CPU) TorchSharp.ModuleExtensionMethods.to(model, device);
        model.eval();
        return (model, card);
    }

    /// <summary>
    /// Folds a model's method into its base weights (<see cref="ITuningMethod.Merge"/>) and writes the result as a
    /// full model (transformers' names: <c>…query.weight</c>, no <c>base_layer</c> or adapter tensors).
    /// </summary>
    public static ModelCard Merge(string modelDir, string outputDir)
    {
        var (model, card) = Load(modelDir);
        var method = MethodRegistry.Create(card.ToMethodOptions());
        method.Merge(model);
        var merged = card with { Method = "full", MethodOptions = MethodRegistry.ToJson(MethodRegistry.Defaults("full")), Lora = null };
        Save(outputDir, model, merged);
        return merged;
    }

    private static void WriteAtomically(string dir, Action<string> write)
    {
        var tmp = dir.TrimEnd('/', '\\') + ".tmp";
        if (Directory.Exists(tmp)) Directory.Delete(tmp, true);
        Directory.CreateDirectory(tmp);
        write(tmp);
        if (Directory.Exists(dir)) Directory.Delete(dir, true);
        Directory.Move(tmp, dir);
    }
}
