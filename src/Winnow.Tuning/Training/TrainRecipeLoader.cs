using Winnow.Core.Recipes;
using Winnow.Tuning.Backbones;
using Winnow.Tuning.Methods;
using Winnow.Tuning.Tasks;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Winnow.Tuning.Training;

/// <summary>
/// Binds a training recipe's YAML to <see cref="TrainRecipe"/> with Core's <see cref="YamlBinder"/> (the binder of
/// pipeline recipes: snake_case keys, ranges, "did you mean"), and validates it before anything runs. <c>method</c>
/// binds through <see cref="MethodRegistry"/>, <c>model</c> is looked up in <see cref="BackboneRegistry"/>. Paths in
/// the YAML are relative to its folder. Every error is a <see cref="RecipeException"/> naming file, line and key
/// (exit code 2).
/// </summary>
public static class TrainRecipeLoader
{
    public static TrainRecipe Load(string path)
    {
        if (!File.Exists(path)) throw new RecipeException(path, 0, "(file)", "no such training recipe");
        string yaml;
        try { yaml = File.ReadAllText(path); }
        catch (IOException e) { throw new RecipeException(path, 0, "(file)", e.Message); }
        return Parse(yaml, path);
    }

    public static TrainRecipe Parse(string yaml, string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new RecipeException(path, (int)e.Start.Line, "(yaml)", e.Message);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new RecipeException(path, 1, "(root)", "a training recipe is a mapping with at least 'data' (and usually 'method')");
        var binder = new YamlBinder(path);
        var custom = new Dictionary<string, Func<YamlNode, string, object?>>(StringComparer.Ordinal)
        {
            ["method"] = (node, key) => MethodRegistry.Bind(binder, node, key),
            ["model"] = (node, key) =>
            {
                var name = (node as YamlScalarNode)?.Value ?? "";
                return BackboneRegistry.Contains(name) ? name
                    : throw binder.Error(node, key, $"unknown model '{name}'{YamlBinder.Suggest(name, BackboneRegistry.Names)}; valid: {string.Join(", ", BackboneRegistry.Names)}");
            },
            ["device"] = (node, key) =>
            {
                var device = (node as YamlScalarNode)?.Value ?? "";
                return device == "cpu" || device.StartsWith("cuda", StringComparison.Ordinal) ? device
                    : throw binder.Error(node, key, $"'{device}' is not cpu, cuda or cuda:N");
            },
        };
        if (!root.Children.ContainsKey(new YamlScalarNode("data")))
            throw new RecipeException(path, (int)root.Start.Line, "data", "is required (a mapping with at least 'train')");
        var r = (TrainRecipe)binder.BindObject(typeof(TrainRecipe), root, "", custom);

        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string Resolve(string p) => Path.GetFullPath(Path.Combine(dir, p));
        bool Has(YamlMappingNode map, string key) => map.Children.ContainsKey(new YamlScalarNode(key));
        var name = Has(root, "name") ? r.Name : Path.GetFileNameWithoutExtension(path);
        var data = r.Data with { Train = Resolve(r.Data.Train), Eval = r.Data.Eval is null ? null : Resolve(r.Data.Eval) };
        var dataMap = (YamlMappingNode)root.Children[new YamlScalarNode("data")];
        if (r.Task == TaskKind.MultiLabel && !Has(dataMap, "label_field")) data = data with { LabelField = "labels" };
        return r with
        {
            Name = name,
            Data = data,
            Output = Resolve(Has(root, "output") ? r.Output : Path.Combine("out", "train", name)),
        };
    }
}
