using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Winnow.Core;
using Winnow.Core.Recipes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Winnow.Compare.Recipe;

/// <summary>A comparison recipe with every default filled in and every path absolute.</summary>
public sealed record CompareRecipe
{
    public required string Name { get; init; }
    public required string File { get; init; }
    public required string Sha256 { get; init; }
    public required IReadOnlyList<string> Methods { get; init; }
    public required IReadOnlyList<DatasetOptions> Datasets { get; init; }
    public required TestOptions Test { get; init; }
    public required IReadOnlyList<long> Seeds { get; init; }
    public required BudgetOptions Budget { get; init; }
    public required IReadOnlyList<double> Fractions { get; init; }
    public required string AblationMethod { get; init; }
    public required SweepOptions Sweep { get; init; }
    public required IReadOnlyDictionary<string, double> Lr { get; init; }
    public required double HeadLr { get; init; }
    public required TrainingOptions Training { get; init; }
    public required double ValidationFraction { get; init; }
    public required long Seed { get; init; }

    /// <summary>Absolute output folders of other comparisons whose matching finished runs are copied, not trained.</summary>
    public IReadOnlyList<string> Reuse { get; init; } = [];

    /// <summary>The main dataset variant: every method trains on it.</summary>
    public DatasetOptions Main => Datasets[0];
}

/// <summary>
/// Reads a comparison recipe through Core's YamlBinder (one binder for every recipe) and checks what the binder cannot:
/// method names, one budget kind, fractions, unique variant names. Every error is a <see cref="RecipeException"/>
/// (exit 2) naming file, line and key, with "did you mean" where a name is close.
/// </summary>
public static class CompareRecipeLoader
{
    public static CompareRecipe Load(string path)
    {
        if (!System.IO.File.Exists(path)) throw new WinnowException($"{path}: comparison recipe not found", 2);
        var bytes = System.IO.File.ReadAllBytes(path);
        return Parse(Encoding.UTF8.GetString(bytes), path, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    public static CompareRecipe Parse(string yaml, string path, string? sha256 = null)
    {
        var binder = new YamlBinder(path);
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
            throw new RecipeException(path, 1, "(root)", "a comparison recipe is a mapping with at least 'datasets', 'test' and 'budget'");
        var o = binder.Bind<CompareOptions>(root, "");
        YamlNode At(string key) => Find(root, key) ?? root;

        var methods = o.Methods ?? [.. MethodNames.All];
        if (methods.Count == 0) throw binder.Error(At("methods"), "methods", $"is empty; list at least one of: {string.Join(", ", MethodNames.All)}");
        for (int i = 0; i < methods.Count; i++)
            CheckMethod(binder, At("methods"), $"methods[{i}]", methods[i]);
        if (methods.Distinct(StringComparer.Ordinal).Count() != methods.Count)
            throw binder.Error(At("methods"), "methods", "lists a method twice");

        if (o.Datasets.Count == 0) throw binder.Error(At("datasets"), "datasets", "needs at least one dataset variant (name and path)");
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < o.Datasets.Count; i++)
        {
            var name = o.Datasets[i].Name;
            if (name.Length == 0 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
                throw binder.Error(At("datasets"), $"datasets[{i}].name", $"'{name}' should be letters, digits, '-', '_' or '.' (it names a folder)");
            if (!names.Add(name)) throw binder.Error(At("datasets"), $"datasets[{i}].name", $"'{name}' is used twice");
        }

        if (o.Budget.Epochs is null == o.Budget.Seconds is null)
            throw binder.Error(At("budget"), "budget", "give exactly one of epochs (e.g. {epochs: 1}) or seconds (e.g. {seconds: 600})");

        var seeds = o.Seeds ?? [42];
        if (seeds.Count == 0 || seeds.Distinct().Count() != seeds.Count)
            throw binder.Error(At("seeds"), "seeds", "needs one or more distinct seeds");

        var fractions = o.Fractions ?? [1.0];
        if (fractions.Count == 0 || fractions.Any(f => f is <= 0 or > 1) || fractions.Distinct().Count() != fractions.Count)
            throw binder.Error(At("fractions"), "fractions", "needs distinct shares of the training data in (0, 1], e.g. [0.1, 0.25, 0.5, 1.0]");

        var ablation = o.AblationMethod ?? (methods.Contains("lora") ? "lora" : methods[0]);
        CheckMethod(binder, At("ablation_method"), "ablation_method", ablation);
        if (!methods.Contains(ablation))
            throw binder.Error(At("ablation_method"), "ablation_method", $"'{ablation}' is not among the recipe's methods ({string.Join(", ", methods)})");

        foreach (var key in (o.Lr ?? []).Keys)
            CheckMethod(binder, At("lr"), $"lr.{key}", key);
        if ((o.Lr ?? []).FirstOrDefault(kv => kv.Value is <= 0 or > 10) is { Key: not null } bad)
            throw binder.Error(At("lr"), $"lr.{bad.Key}", $"{bad.Value.ToString(CultureInfo.InvariantCulture)} is out of range; valid: above 0 to 10");

        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string Resolve(string p) => Path.GetFullPath(Path.Combine(dir, p));
        return new CompareRecipe
        {
            Name = o.Name ?? Path.GetFileNameWithoutExtension(path),
            File = path,
            Sha256 = sha256 ?? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yaml))),
            Methods = methods,
            Datasets = [.. o.Datasets.Select(d => d with { Path = Resolve(d.Path), Validation = d.Validation is null ? null : Resolve(d.Validation) })],
            Test = o.Test with { Path = Resolve(o.Test.Path) },
            Seeds = seeds,
            Budget = o.Budget,
            Fractions = [.. fractions.Order()],
            AblationMethod = ablation,
            Sweep = o.Sweep,
            Lr = o.Lr ?? [],
            HeadLr = o.HeadLr,
            Training = o.Training,
            ValidationFraction = o.ValidationFraction,
            Seed = o.Seed,
            Reuse = [.. (o.Reuse ?? []).Select(Resolve)],
        };
    }

    private static void CheckMethod(YamlBinder binder, YamlNode at, string key, string name)
    {
        if (!MethodNames.All.Contains(name))
            throw binder.Error(at, key, $"unknown method '{name}'{YamlBinder.Suggest(name, MethodNames.All)}; valid: {string.Join(", ", MethodNames.All)}");
    }

    private static YamlNode? Find(YamlMappingNode map, string key) =>
        map.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode { Value: { } v } && v == key).Value;
}
