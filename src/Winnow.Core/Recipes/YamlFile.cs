using System.Text;
using YamlDotNet.RepresentationModel;

namespace Winnow.Core.Recipes;

/// <summary>
/// A YAML file other than a recipe (labeling functions, …) bound to typed options by the same binder as recipes:
/// snake_case keys, defaults, range and allowed-value checks, and errors naming the file, line and key (exit 2).
/// </summary>
public static class YamlFile
{
    public static T Load<T>(string path) where T : class
    {
        if (!File.Exists(path)) throw new WinnowException($"{path}: no such file", 2);
        return Parse<T>(File.ReadAllText(path, Encoding.UTF8), path);
    }

    public static T Parse<T>(string yaml, string path) where T : class
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlDotNet.Core.YamlException e) { throw new RecipeException(path, (int)e.Start.Line, "", e.Message); }
        var binder = new YamlBinder(path);
        if (stream.Documents.Count == 0) return (T)binder.BindDefaults(typeof(T), new YamlMappingNode(), "");
        return binder.Bind<T>(stream.Documents[0].RootNode, "");
    }
}
