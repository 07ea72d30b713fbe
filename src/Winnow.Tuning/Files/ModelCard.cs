using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Winnow.Tuning.Backbones;
using Winnow.Tuning.Methods;
using Winnow.Tuning.Methods.Lora;
using Winnow.Tuning.Training;
using Winnow.Tuning.Tasks;

namespace Winnow.Tuning.Files;

/// <summary>LoRA settings as cards before the method protocol saved them (PEFT's names); still read.</summary>
public sealed record LoraCard(
    [property: JsonPropertyName("r")] int R,
    [property: JsonPropertyName("lora_alpha")] double Alpha,
    [property: JsonPropertyName("lora_dropout")] double Dropout,
    [property: JsonPropertyName("use_rslora")] bool UseRsLora,
    [property: JsonPropertyName("target_modules")] IReadOnlyList<string>? TargetModules,
    [property: JsonPropertyName("target_pattern")] string? TargetPattern);

/// <summary>
/// <c>winnow_model.json</c>: what Winnow needs to rebuild a trained classifier from a folder: the base model, the
/// method and its options (which say which files are there and how to rebuild it), the task, the labels in index
/// order, and the tokenization length.
/// </summary>
public sealed record ModelCard
{
    public const string FileName = "winnow_model.json";
    public const string CurrentFormat = "winnow-classifier/1";

    [JsonPropertyName("format")] public string Format { get; init; } = CurrentFormat;
    [JsonPropertyName("base_model")] public string BaseModel { get; init; } = Backbones.MiniLm.MiniLm.ModelId;
    [JsonPropertyName("model")] public string Model { get; init; } = "minilm";
    /// <summary>A <see cref="MethodRegistry"/> type; a merged model is saved as full.</summary>
    [JsonPropertyName("method")] public required string Method { get; init; }
    [JsonPropertyName("task")] public string Task { get; init; } = "single_label";
    [JsonPropertyName("labels")] public required IReadOnlyList<string> Labels { get; init; }
    [JsonPropertyName("max_length")] public int MaxLength { get; init; } = 64;
    /// <summary>The method's options, under the recipe's keys.</summary>
    [JsonPropertyName("method_options")] public JsonObject? MethodOptions { get; init; }
    [JsonPropertyName("lora")] public LoraCard? Lora { get; init; }
    [JsonPropertyName("step")] public int Step { get; init; }

    [JsonIgnore] public bool MultiLabel => Task == "multi_label";

    public static ModelCard From(TrainRecipe recipe, IReadOnlyList<string> labels, int step) => new()
    {
        BaseModel = BackboneRegistry.Get(recipe.Model).BaseModelId,
        Model = recipe.Model,
        Method = recipe.Method.Type,
        MethodOptions = MethodRegistry.ToJson(recipe.Method),
        Task = TaskNames.Of(recipe.Task),
        Labels = labels,
        MaxLength = recipe.Data.MaxLength,
        Step = step,
    };

    /// <summary>The method's options as saved (a card written before <c>method_options</c> existed: from <c>lora</c>).</summary>
    public MethodOptions ToMethodOptions()
    {
        if (MethodOptions is { } o) return MethodRegistry.FromJson(Method, o);
        if (Method == "lora" && Lora is { } l)
            return new LoraOptions
            {
                Type = "lora", R = l.R, Alpha = l.Alpha, Dropout = l.Dropout, UseRslora = l.UseRsLora,
                TargetModules = l.TargetPattern is { } p ? TargetModules.Regex(p) : TargetModules.Of([.. l.TargetModules ?? ["query", "value"]]),
            };
        return MethodRegistry.Defaults(Method);
    }

    internal static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public void Write(string dir) => File.WriteAllText(Path.Combine(dir, FileName), JsonSerializer.Serialize(this, Json));

    public static ModelCard Read(string dir)
    {
        var path = Path.Combine(dir, FileName);
        if (!File.Exists(path)) throw new InputException(path, 0, "not a Winnow model folder (no winnow_model.json); pass the folder `winnow train` wrote, e.g. OUTPUT/best");
        try
        {
            var card = JsonSerializer.Deserialize<ModelCard>(File.ReadAllText(path), Json) ?? throw new InputException(path, 1, "empty");
            if (card.Format != CurrentFormat) throw new InputException(path, 1, $"format '{card.Format}' is not {CurrentFormat}", "format");
            return card;
        }
        catch (JsonException e)
        {
            throw new InputException(path, (e.LineNumber ?? -1) + 1, e.Message);
        }
    }
}
