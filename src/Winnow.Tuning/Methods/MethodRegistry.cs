using System.Text.Json;
using System.Text.Json.Nodes;
using Winnow.Core.Recipes;
using Winnow.Tuning.Methods.Adapter;
using Winnow.Tuning.Methods.Full;
using Winnow.Tuning.Methods.Head;
using Winnow.Tuning.Methods.Lora;
using Winnow.Tuning.Methods.Prefix;
using Winnow.Tuning.Methods.Prompt;
using YamlDotNet.RepresentationModel;

namespace Winnow.Tuning.Methods;

/// <summary>One method: its recipe name, options record, constructor, and keys its options bind in their own way.</summary>
public sealed record MethodRegistration(
    string Type,
    Type OptionsType,
    Func<MethodOptions, ITuningMethod> Create,
    string Summary,
    IReadOnlyDictionary<string, Func<YamlBinder, YamlNode, string, object?>>? CustomKeys = null);

/// <summary>
/// The fine-tuning methods by <c>method.type</c> (as PEFT registers its tuners and Winnow its pipeline steps): a new
/// method is a folder under <c>Methods/</c> and one line here.
/// </summary>
public static class MethodRegistry
{
    /// <summary>The default <c>method.type</c>.</summary>
    public const string DefaultType = "lora";

    private static readonly MethodRegistration[] All =
    [
        new("full", typeof(FullOptions), o => new FullMethod((FullOptions)o), "every weight trains"),
        new("lora", typeof(LoraOptions), o => new LoraMethod((LoraOptions)o), "low-rank adapters on the target linear layers",
            new Dictionary<string, Func<YamlBinder, YamlNode, string, object?>> { ["target_modules"] = BindTargets }),
        new("adapter", typeof(AdapterOptions), o => new AdapterMethod((AdapterOptions)o), "Houlsby bottleneck adapters after attention and feed-forward"),
        new("prefix", typeof(PrefixOptions), o => new PrefixMethod((PrefixOptions)o), "learned keys and values before every attention layer's own"),
        new("prompt", typeof(PromptOptions), o => new PromptMethod((PromptOptions)o), "soft tokens before the input embeddings"),
        new("head", typeof(HeadOptions), o => new HeadMethod((HeadOptions)o), "a linear probe: only the head trains"),
    ];

    private static readonly Dictionary<string, MethodRegistration> ByType = All.ToDictionary(r => r.Type, StringComparer.Ordinal);

    public static IReadOnlyList<string> Types { get; } = [.. All.Select(r => r.Type)];

    public static IReadOnlyList<MethodRegistration> Registrations => All;

    public static MethodRegistration Get(string type) =>
        ByType.TryGetValue(type, out var r) ? r : throw new WinnowException($"unknown method '{type}'; valid: {string.Join(", ", Types)}", 2);

    public static ITuningMethod Create(MethodOptions options) => Get(options.Type).Create(options);

    /// <summary>A method's options with every default (<c>method: {type: T}</c>).</summary>
    public static MethodOptions Defaults(string type) => (MethodOptions)Activator.CreateInstance(Get(type).OptionsType)! with { Type = type };

    /// <summary>Binds the recipe's <c>method:</c> mapping: <c>type</c> picks the options record, the other keys bind to it.</summary>
    public static MethodOptions Bind(YamlBinder binder, YamlNode node, string key)
    {
        if (node is YamlScalarNode { Value: null or "" or "~" or "null" }) return Defaults(DefaultType);
        if (node is not YamlMappingNode map) throw binder.Error(node, key, $"should be a mapping with a type ({string.Join(" | ", Types)}) and that method's options");
        var type = DefaultType;
        if (map.Children.TryGetValue(new YamlScalarNode("type"), out var typeNode))
        {
            type = (typeNode as YamlScalarNode)?.Value ?? "";
            if (!ByType.ContainsKey(type))
                throw binder.Error(typeNode, $"{key}.type", $"unknown method '{type}'{YamlBinder.Suggest(type, Types)}; valid: {string.Join(", ", Types)}");
        }
        var registration = ByType[type];
        var custom = new Dictionary<string, Func<YamlNode, string, object?>>(StringComparer.Ordinal) { ["type"] = (_, _) => type };
        foreach (var (name, bind) in registration.CustomKeys ?? new Dictionary<string, Func<YamlBinder, YamlNode, string, object?>>())
            custom[name] = (n, k) => bind(binder, n, k);
        var options = (MethodOptions)binder.BindObject(registration.OptionsType, map, key, custom);
        return options with { Type = type };
    }

    /// <summary>PEFT's target_modules: a list of names (exact or <c>.suffix</c>), or one string that is a full-match regex.</summary>
    private static object? BindTargets(YamlBinder binder, YamlNode node, string key)
    {
        switch (node)
        {
            case YamlSequenceNode seq:
                var names = seq.Children.Select(c => (c as YamlScalarNode)?.Value ?? throw binder.Error(c, key, "should be a module name")).ToArray();
                if (names.Length == 0) throw binder.Error(node, key, "is empty; name at least one module");
                return TargetModules.Of(names);
            case YamlScalarNode { Value: { Length: > 0 } pattern }:
                return TargetModules.Regex(pattern);
            default:
                throw binder.Error(node, key, "should be a list of module names, or one regular expression");
        }
    }

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>The options as saved in <c>winnow_model.json</c> (the recipe's keys).</summary>
    public static JsonObject ToJson(MethodOptions options) => (JsonObject)JsonSerializer.SerializeToNode(options, options.GetType(), Json)!;

    public static MethodOptions FromJson(string type, JsonObject json) =>
        ((MethodOptions)json.Deserialize(Get(type).OptionsType, Json)!) with { Type = type };
}
