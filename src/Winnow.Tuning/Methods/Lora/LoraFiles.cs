using System.Text.Json;
using System.Text.Json.Nodes;
using Winnow.Tuning.Files;
using Winnow.Tuning.Modules;
using Winnow.Tuning.Tasks;

namespace Winnow.Tuning.Methods.Lora;

/// <summary>
/// LoRA adapters in Hugging Face PEFT's layout: <c>adapter_config.json</c> (peft_type LORA, r, lora_alpha,
/// target_modules, …, the classification head in modules_to_save) and <c>adapter_model.safetensors</c> with keys
/// <c>base_model.model.&lt;module path&gt;.lora_A.weight</c> / <c>lora_B.weight</c> (the adapter name is not in saved
/// keys) and the head as <c>base_model.model.classifier.weight</c> / <c>.bias</c>.
/// </summary>
public static class LoraFiles
{
    public const string ConfigFile = PeftFiles.ConfigFile;
    public const string WeightsFile = PeftFiles.WeightsFile;

    public static void Write(string dir, TaskModel model, LoraOptions options, string baseModel)
    {
        TensorFiles.Save(Path.Combine(dir, WeightsFile),
            AdapterModules.Parameters(model).Concat(model.HeadParameters()).Select(p => (PeftFiles.SavedKey(model, p.Name), p.Parameter)));
        var config = Config(options, baseModel, PeftFiles.TaskType(model));
        File.WriteAllText(Path.Combine(dir, ConfigFile), config.ToJsonString(PeftFiles.Json));
    }

    /// <summary>Every key real <c>peft</c> writes for a LoRA adapter.</summary>
    public static JsonObject Config(LoraOptions options, string baseModel, string taskType = "SEQ_CLS") => new()
    {
        ["alpha_pattern"] = new JsonObject(),
        ["base_model_name_or_path"] = baseModel,
        ["bias"] = "none",
        ["fan_in_fan_out"] = false,
        ["inference_mode"] = true,
        ["init_lora_weights"] = true,
        ["layers_pattern"] = null,
        ["layers_to_transform"] = null,
        ["lora_alpha"] = options.Alpha,
        ["lora_dropout"] = options.Dropout,
        ["modules_to_save"] = taskType == "FEATURE_EXTRACTION" ? null : new JsonArray(TaskModel.HeadName),
        ["peft_type"] = "LORA",
        ["r"] = options.R,
        ["rank_pattern"] = new JsonObject(),
        ["revision"] = null,
        ["target_modules"] = options.TargetModules.Pattern is { } pattern ? JsonValue.Create(pattern) : new JsonArray([.. options.TargetModules.Names.Select(n => (JsonNode?)JsonValue.Create(n))]),
        ["task_type"] = taskType,
        ["use_dora"] = false,
        ["use_rslora"] = options.UseRslora,
    };

    /// <summary>Loads adapter and head weights into a model that <see cref="LoraMethod"/> already wrapped.</summary>
    public static void Load(string dir, TaskModel model)
    {
        var path = Path.Combine(dir, WeightsFile);
        if (!File.Exists(path)) throw new InputException(path, 0, "missing: a LoRA model folder holds adapter_model.safetensors");
        var parameters = AdapterModules.Parameters(model).Concat(model.HeadParameters()).ToDictionary(p => p.Name, p => p.Parameter, StringComparer.Ordinal);
        TensorFiles.LoadInto(path, parameters, strict: false, key => PeftFiles.ParameterName(key, parameters), " (different target_modules?)");
    }

    /// <summary>Reads a PEFT LoRA adapter_config.json into options (r, lora_alpha, lora_dropout, use_rslora, target_modules).</summary>
    public static LoraOptions ReadConfig(string dir)
    {
        var (path, root) = PeftFiles.ReadConfig(dir, "LORA");
        var targets = root["target_modules"] switch
        {
            JsonArray a => TargetModules.Of([.. a.Select(n => n!.GetValue<string>())]),
            JsonValue v => TargetModules.Regex(v.GetValue<string>()),
            _ => throw new InputException(path, 0, "target_modules is missing", "target_modules"),
        };
        return new LoraOptions
        {
            Type = "lora",
            R = root["r"]?.GetValue<int>() ?? 8,
            Alpha = root["lora_alpha"]?.GetValue<double>() ?? 8,
            Dropout = root["lora_dropout"]?.GetValue<double>() ?? 0,
            UseRslora = root["use_rslora"]?.GetValue<bool>() ?? false,
            TargetModules = targets,
        };
    }
}
