using System.Security.Cryptography;
using System.Text;
using Winnow.Core.IO;
using Winnow.Core.Steps;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Winnow.Core.Recipes;

/// <summary>
/// Reads a recipe file and validates all of it before anything runs: unknown keys and steps, wrong types,
/// values out of range. Errors are <see cref="RecipeException"/>s (exit code 2) that name file, line and key.
/// </summary>
public static class RecipeLoader
{
    private static readonly string[] TopKeys = ["name", "seed", "chunk_size", "inputs", "steps", "outputs", "card", "executor", "llm"];
    private static readonly string[] InputKeys = ["path", "format", "fields", "on_error", "header", "per_file", "meta"];
    private static readonly string[] RecordFields = [.. FieldMapping.RecordFields, "meta"];

    /// <summary>Formats the readers and writers accept; set by the composition root from the format registry.</summary>
    public static Func<IReadOnlyList<string>> InputFormats { get; set; } = () => [];

    public static Func<IReadOnlyList<string>> OutputFormats { get; set; } = () => [];

    public static Recipe Load(string path, StepRegistry registry)
    {
        if (!System.IO.File.Exists(path))
            throw new WinnowException($"{path}: recipe not found", 2);
        var bytes = System.IO.File.ReadAllBytes(path);
        return Parse(Encoding.UTF8.GetString(bytes), path, registry, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    public static Recipe Parse(string yaml, string path, StepRegistry registry, string? sha256 = null)
    {
        var binder = new YamlBinder(path);
        var root = LoadRoot(yaml, path);
        CheckKeys(binder, root, "", TopKeys);

        var fullPath = Path.GetFullPath(path);
        var baseDir = Path.GetDirectoryName(fullPath)!;
        var name = Get(root, "name") is { } n ? binder.Bind<string>(n, "name") : Path.GetFileNameWithoutExtension(path);
        var seed = Get(root, "seed") is { } s ? binder.Bind<long>(s, "seed") : 42L;
        var chunk = Get(root, "chunk_size") is { } c ? binder.Bind<int>(c, "chunk_size") : 10_000;
        if (chunk is < 1 or > 10_000_000)
            throw binder.Error(Get(root, "chunk_size")!, "chunk_size", $"{chunk} is out of range; valid: 1 to 10000000");

        var inputsNode = Get(root, "inputs") as YamlSequenceNode
            ?? throw binder.Error(Get(root, "inputs") ?? root, "inputs", "is required: a list of inputs, each with a path");
        if (inputsNode.Children.Count == 0) throw binder.Error(inputsNode, "inputs", "needs at least one input");
        var inputs = inputsNode.Children.Select((node, i) => BindInput(binder, node, $"inputs[{i}]", baseDir)).ToList();

        var llm = (Get(root, "llm") is { } llmNode ? binder.Bind<Services.LlmSettings>(llmNode, "llm") : new Services.LlmSettings()).Resolve(Environment);
        binder.NestedStep = (node, key) => BindStep(binder, node, key, registry, llm, nested: true);
        var steps = new List<StepSpec>();
        if (Get(root, "steps") is { } stepsNode)
        {
            if (stepsNode is not YamlSequenceNode seq && !IsEmpty(stepsNode))
                throw binder.Error(stepsNode, "steps", "should be a list; each item is one step name with its options, e.g. '- dedup.exact: {}'");
            if (stepsNode is YamlSequenceNode list)
                for (var i = 0; i < list.Children.Count; i++)
                    steps.Add(BindStep(binder, list.Children[i], $"steps[{i}]", registry, llm));
        }

        var outputsNode = Get(root, "outputs") as YamlSequenceNode
            ?? throw binder.Error(Get(root, "outputs") ?? root, "outputs", "is required: a list of outputs, each with a path");
        if (outputsNode.Children.Count == 0) throw binder.Error(outputsNode, "outputs", "needs at least one output");
        var outputs = outputsNode.Children.Select((node, i) => BindOutput(binder, node, $"outputs[{i}]")).ToList();

        return new Recipe
        {
            Name = name,
            File = path,
            BaseDirectory = baseDir,
            Sha256 = sha256 ?? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yaml))),
            Seed = seed,
            ChunkSize = chunk,
            Inputs = inputs,
            Steps = steps,
            Outputs = outputs,
            Card = Get(root, "card") is { } card ? binder.Bind<Reporting.CardOptions>(card, "card") : new(),
            Executor = Get(root, "executor") is { } executor ? binder.Bind<Running.Executors.ExecutorSection>(executor, "executor") : new(),
            Llm = llm,
        };
    }

    private static YamlMappingNode LoadRoot(string yaml, string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new RecipeException(path, (int)e.Start.Line, "yaml", $"not valid YAML: {e.InnerException?.Message ?? e.Message}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up this way on some unclosed flow collections ("[a, b").
            var lines = yaml.Split('\n');
            var open = Array.FindIndex(lines, l => l.Count(c => c is '[' or '{') > l.Count(c => c is ']' or '}'));
            throw new RecipeException(path, open + 1, "yaml", "not valid YAML: a '[' or '{' is not closed");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new RecipeException(path, 1, "recipe", "should be a mapping with keys: " + string.Join(", ", TopKeys));
        return root;
    }

    private static RecipeInput BindInput(YamlBinder binder, YamlNode node, string key, string baseDir)
    {
        if (node is YamlScalarNode scalar) node = new YamlMappingNode(new YamlScalarNode("path"), scalar);
        if (node is not YamlMappingNode map) throw binder.Error(node, key, "should be a mapping with a path");
        CheckKeys(binder, map, key, InputKeys);
        var pathNode = Get(map, "path") ?? throw binder.Error(map, $"{key}.path", "is required");
        string? format = null;
        if (Get(map, "format") is { } f)
        {
            format = binder.Bind<string>(f, $"{key}.format");
            CheckFormat(binder, f, $"{key}.format", format, InputFormats());
        }
        var fields = FieldMapping.Default;
        var required = new HashSet<string>(StringComparer.Ordinal);
        if (Get(map, "fields") is YamlMappingNode fm)
        {
            foreach (var (k, v) in fm.Children)
            {
                var field = ((YamlScalarNode)k).Value ?? "";
                var fkey = $"{key}.fields.{field}";
                if (!RecordFields.Contains(field))
                    throw binder.Error(k, fkey, $"is not a record field{YamlBinder.Suggest(field, RecordFields)}; valid: {string.Join(", ", RecordFields)}");
                if (field == "meta")
                {
                    fields = fields with { Meta = binder.Bind<List<string>>(v, fkey) };
                    continue;
                }
                var source = binder.Bind<string>(v, fkey);
                required.Add(source);
                fields = fields.With(field, source);
            }
        }
        else if (Get(map, "fields") is { } bad && !IsEmpty(bad))
            throw binder.Error(bad, $"{key}.fields", "should be a mapping: record field → source field, e.g. {text: body, label: category}");
        fields = fields with { Required = required };

        return new RecipeInput(
            new InputSpec
            {
                Path = binder.Bind<string>(pathNode, $"{key}.path"),
                BaseDirectory = baseDir,
                Format = format,
                Fields = fields,
                OnError = Get(map, "on_error") is { } oe ? binder.Bind<OnError>(oe, $"{key}.on_error") : OnError.Fail,
                HasHeader = Get(map, "header") is not { } h || binder.Bind<bool>(h, $"{key}.header"),
                TextPerFile = Get(map, "per_file") is { } pf && binder.Bind<bool>(pf, $"{key}.per_file"),
            },
            Get(map, "meta") is { } m ? binder.Bind<Dictionary<string, string>>(m, $"{key}.meta") : new Dictionary<string, string>(),
            (int)pathNode.Start.Line);
    }

    /// <summary>Where <c>WINNOW_LLM_*</c> are read from when a recipe is loaded (tests replace it).</summary>
    public static Func<string, string?> Environment { get; set; } = System.Environment.GetEnvironmentVariable;

    private static StepSpec BindStep(YamlBinder binder, YamlNode node, string key, StepRegistry registry, Services.LlmSettings llm, bool nested = false)
    {
        string name;
        YamlNode options;
        if (node is YamlScalarNode { Value: { } bare })
            (name, options) = (bare, node);
        else if (node is YamlMappingNode { Children.Count: 1 } single)
        {
            var (k, v) = single.Children.First();
            (name, options) = (((YamlScalarNode)k).Value ?? "", v);
        }
        else
            throw binder.Error(node, key, "should be one step name with its options, e.g. '- filter.length: {min_words: 3}'");

        if (!registry.TryGet(name, out var registration))
            throw binder.Error(node, $"{key}.{name}", $"unknown step{YamlBinder.Suggest(name, registry.Names)}; valid steps: {string.Join(", ", registry.Names)}");
        // A nested step's messages name where it is written (balance.fill[0].augment.synonyms.p).
        var label = nested ? $"{key}.{name}" : name;
        RecordCondition? where = null;
        if (options is YamlMappingNode withWhere && Get(withWhere, "where") is { } whereNode)
        {
            if (nested)
                throw binder.Error(whereNode, $"{key}.{name}.where", "a step inside another step's options takes no where: the outer step's where chooses the records");
            // 'where' belongs to the runner, not to the step's options: bind it apart, then hide it.
            where = new RecordCondition(binder.Bind<Dictionary<string, List<string>>>(whereNode, $"{name}.where")
                .ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value));
            var rest = new YamlMappingNode();
            foreach (var (k, v) in withWhere.Children)
                if (((YamlScalarNode)k).Value != "where") rest.Add(k, v);
            options = rest;
            if (rest.Children.Count == 0) options = node;
        }
        var bound = ReferenceEquals(options, node) || options is YamlScalarNode { Value: null or "" or "~" or "null" }
            ? binder.BindDefaults(registration.OptionsType, node, label)
            : binder.Bind(registration.OptionsType, options, label)!;
        foreach (var (optKey, problem) in registration.Validate(bound))
        {
            var at = options is YamlMappingNode om && om.Children.Keys.FirstOrDefault(k => ((YamlScalarNode)k).Value == optKey) is { } kn ? kn : options;
            throw binder.Error(at, $"{label}.{optKey}", problem);
        }
        var line = (int)node.Start.Line;
        // A step that needs a chat model is refused now, at its line, when none is configured: not after hours of run.
        if (bound is Services.INeedsChatModel { NeedsChatModel: true } && llm.Missing() is { } missing)
            throw new RecipeException(binder.File, line, label, missing);
        return new StepSpec(name, bound, line, ctx =>
        {
            try
            {
                return StepScopes.Scope(registration.Create(bound, ctx with { Services = registry.Services, Llm = llm }), where);
            }
            catch (WinnowException e) when (e is not RecipeException)
            {
                throw new RecipeException(binder.File, line, name, e.Message);
            }
        });
    }

    private static OutputSpec BindOutput(YamlBinder binder, YamlNode node, string key)
    {
        if (node is YamlScalarNode scalar) node = new YamlMappingNode(new YamlScalarNode("path"), scalar);
        var spec = binder.Bind<OutputSpec>(node, key);
        // Outputs live in the output folder: a path that leaves it would write over files the run does not own.
        var normalized = spec.Path.Replace('\\', '/');
        if (Path.IsPathRooted(spec.Path) || normalized.Split('/').Contains(".."))
            throw binder.Error(Get((YamlMappingNode)node, "path") ?? node, $"{key}.path",
                $"'{spec.Path}' is outside the output folder; outputs are written relative to it (--output), so give a relative path without '..'");
        if (spec.Format is not null && Get((YamlMappingNode)node, "format") is { } f)
            CheckFormat(binder, f, $"{key}.format", spec.Format, OutputFormats());
        return spec;
    }

    private static void CheckFormat(YamlBinder binder, YamlNode node, string key, string format, IReadOnlyList<string> valid)
    {
        if (valid.Count > 0 && !valid.Contains(format))
            throw binder.Error(node, key, $"unknown format '{format}'{YamlBinder.Suggest(format, valid)}; valid: {string.Join(", ", valid)}");
    }

    private static void CheckKeys(YamlBinder binder, YamlMappingNode map, string key, string[] valid)
    {
        foreach (var k in map.Children.Keys)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            if (!valid.Contains(name))
                throw binder.Error(k, key.Length == 0 ? name : $"{key}.{name}", $"unknown key{YamlBinder.Suggest(name, valid)}; valid keys: {string.Join(", ", valid)}");
        }
    }

    private static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    private static bool IsEmpty(YamlNode node) => node is YamlScalarNode { Value: null or "" or "~" or "null" };
}
