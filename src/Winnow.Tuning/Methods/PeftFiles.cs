using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp.Modules;
using Winnow.Tuning.Tasks;
using Winnow.Tuning.Tasks.FeatureExtraction;
using Winnow.Tuning.Tasks.SequenceClassification;

namespace Winnow.Tuning.Methods;

/// <summary>What Hugging Face PEFT's saved adapters share: file names, key prefix, task types, the config file.</summary>
public static class PeftFiles
{
    public const string ConfigFile = "adapter_config.json";
    public const string WeightsFile = "adapter_model.safetensors";

    /// <summary>PEFT saves parameter keys under the wrapped model (<c>base_model.model.</c>), without the adapter name.</summary>
    public const string KeyPrefix = "base_model.model.";

    internal static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>PEFT's task_type for a model: SEQ_CLS, TOKEN_CLS, or FEATURE_EXTRACTION (a bare encoder).</summary>
    public static string TaskType(TaskModel model) => model switch
    {
        SequenceClassifier => "SEQ_CLS",
        EncoderOnly => "FEATURE_EXTRACTION",
        _ => "TOKEN_CLS",
    };

    /// <summary>
    /// The key PEFT saves a parameter under: <c>base_model.model.</c> + its path; a bare encoder's (FEATURE_EXTRACTION)
    /// paths start below <c>bert.</c>, as PEFT's BertModel keys (<c>base_model.model.encoder.layer.0…</c>).
    /// </summary>
    public static string SavedKey(TaskModel model, string name) =>
        KeyPrefix + (model is EncoderOnly && name.StartsWith("bert.", StringComparison.Ordinal) ? name["bert.".Length..] : name);

    /// <summary>
    /// The parameter a saved key names: without PEFT's prefix and in-memory adapter name (<c>.default.</c>); a key
    /// of a bare-encoder adapter (<c>encoder.layer.0…</c>, FEATURE_EXTRACTION) finds the same module under <c>bert.</c>.
    /// </summary>
    public static string ParameterName(string key, IReadOnlyDictionary<string, Parameter> parameters)
    {
        var name = key.StartsWith(KeyPrefix, StringComparison.Ordinal) ? key[KeyPrefix.Length..] : key;
        name = name.Replace(".default.", ".", StringComparison.Ordinal);
        return parameters.ContainsKey(name) || !parameters.ContainsKey("bert." + name) ? name : "bert." + name;
    }

    /// <summary>Reads <c>adapter_config.json</c> and checks its <c>peft_type</c>.</summary>
    public static (string Path, JsonObject Root) ReadConfig(string dir, string peftType)
    {
        var path = Path.Combine(dir, ConfigFile);
        if (!File.Exists(path)) throw new InputException(path, 0, "missing: a PEFT adapter folder holds adapter_config.json");
        JsonObject root;
        try { root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InputException(path, 1, "not a JSON object"); }
        catch (JsonException e) { throw new InputException(path, (e.LineNumber ?? 0) + 1, e.Message); }
        var type = root["peft_type"]?.GetValue<string>();
        if (type != peftType) throw new InputException(path, 0, $"peft_type is '{type}', expected {peftType}", "peft_type");
        return (path, root);
    }

    /// <summary>The peft_type of an adapter folder, or null when it has no adapter_config.json.</summary>
    public static string? PeftType(string dir)
    {
        var path = Path.Combine(dir, ConfigFile);
        if (!File.Exists(path)) return null;
        try { return (JsonNode.Parse(File.ReadAllText(path)) as JsonObject)?["peft_type"]?.GetValue<string>(); }
        catch (JsonException e) { throw new InputException(path, (e.LineNumber ?? 0) + 1, e.Message); }
    }
}
