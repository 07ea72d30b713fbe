using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace Winnow.Core.Recipes;

/// <summary>
/// Binds YAML nodes to typed options (records with init properties), by snake_case key. Every problem is a
/// <see cref="RecipeException"/> with the file, the line and the key, and says what would be valid.
/// </summary>
public sealed class YamlBinder(string file)
{
    public string File { get; } = file;

    /// <summary>
    /// Binds a step written inside another step's options (an option of type <see cref="StepSpec"/>, e.g. <c>balance</c>'s
    /// <c>fill</c>), exactly as the recipe's own steps are bound; set by <see cref="RecipeLoader"/>.
    /// </summary>
    public Func<YamlNode, string, StepSpec>? NestedStep { get; set; }

    public RecipeException Error(YamlNode node, string key, string problem) =>
        new(File, (int)node.Start.Line, key, problem);

    public T Bind<T>(YamlNode node, string key) => (T)Bind(typeof(T), node, key)!;

    public object? Bind(Type type, YamlNode node, string key)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (IsNull(node))
        {
            if (underlying is not null || !type.IsValueType) return type == typeof(string) || underlying is not null ? null : NewEmpty(type, node, key);
            throw Error(node, key, $"needs a value ({Describe(type)})");
        }
        type = underlying ?? type;

        if (type == typeof(string)) return Scalar(node, key, type);
        if (type == typeof(StepSpec))
            return NestedStep is { } nested ? nested(node, key) : throw Error(node, key, "a step cannot be named here");
        if (type == typeof(bool))
        {
            var s = Scalar(node, key, type).ToLowerInvariant();
            return s switch
            {
                "true" or "yes" or "on" => true,
                "false" or "no" or "off" => false,
                _ => throw Error(node, key, $"'{s}' is not a boolean (true or false)"),
            };
        }
        if (type == typeof(int) || type == typeof(long) || type == typeof(double))
        {
            var s = Scalar(node, key, type).Replace("_", "");
            if (type == typeof(double) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
            if (long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
            {
                if (type == typeof(double)) return (double)l;
                if (type == typeof(long)) return l;
                if (l is >= int.MinValue and <= int.MaxValue) return (int)l;
            }
            throw Error(node, key, $"'{s}' is not {Describe(type)}");
        }
        if (type.IsEnum)
        {
            var s = Scalar(node, key, type);
            foreach (var name in Enum.GetNames(type))
                if (string.Equals(SnakeCase(name), s, StringComparison.OrdinalIgnoreCase) || string.Equals(name, s, StringComparison.OrdinalIgnoreCase))
                    return Enum.Parse(type, name);
            throw Error(node, key, $"'{s}' is not valid; use one of: {string.Join(", ", Enum.GetNames(type).Select(SnakeCase))}");
        }
        if (TryListElement(type, out var element))
        {
            var items = node is YamlSequenceNode seq ? seq.Children.ToList() : [node];
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            for (var i = 0; i < items.Count; i++) list.Add(Bind(element, items[i], $"{key}[{i}]"));
            return list;
        }
        if (TryDictionaryValue(type, out var valueType))
        {
            if (node is not YamlMappingNode map) throw Error(node, key, "should be a mapping of names to values");
            var dict = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType))!;
            foreach (var (k, v) in map.Children)
            {
                var name = ((YamlScalarNode)k).Value ?? "";
                dict[name] = Bind(valueType, v, $"{key}.{name}");
            }
            return dict;
        }
        if (type.IsClass)
            return node is YamlMappingNode m
                ? BindObject(type, m, key)
                : throw Error(node, key, $"should be a mapping with keys: {string.Join(", ", Keys(type).Select(k => k.Key))}");
        throw Error(node, key, $"cannot bind a value of type {type.Name}");
    }

    /// <summary>The snake_case keys an options type accepts, with their types, for messages and docs.</summary>
    public static IEnumerable<(string Key, PropertyInfo Property)> Keys(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .Select(p => (SnakeCase(p.Name), p));

    public static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) ||
                              (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
                    sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }

    public static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) return "text";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(int) || type == typeof(long)) return "a whole number";
        if (type == typeof(double)) return "a number";
        if (type.IsEnum) return string.Join(" | ", Enum.GetNames(type).Select(SnakeCase));
        if (TryListElement(type, out var e)) return $"a list of {Describe(e)}";
        if (TryDictionaryValue(type, out var v)) return $"a mapping of names to {Describe(v)}";
        return "a mapping";
    }

    /// <summary>
    /// Binds a mapping to <paramref name="type"/>; keys in <paramref name="custom"/> are bound by their delegate
    /// instead (a polymorphic section, a name looked up in a registry), the others as usual. Unknown keys are errors
    /// listing every valid key, with "did you mean".
    /// </summary>
    public object BindObject(Type type, YamlMappingNode map, string key, IReadOnlyDictionary<string, Func<YamlNode, string, object?>>? custom) =>
        BindObject(type, map, key, null, custom);

    private object BindObject(Type type, YamlMappingNode map, string key, YamlNode? at = null, IReadOnlyDictionary<string, Func<YamlNode, string, object?>>? custom = null)
    {
        var node = at ?? map;
        var instance = Activator.CreateInstance(type)
                       ?? throw Error(node, key, $"cannot create {type.Name}");
        var keys = Keys(type).ToDictionary(k => k.Key, k => k.Property, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            var path = key.Length == 0 ? name : $"{key}.{name}";
            if (!keys.TryGetValue(name, out var property))
                throw Error(k, path, $"unknown option{Suggest(name, keys.Keys)}; valid options: {string.Join(", ", keys.Keys)}");
            var value = custom is not null && custom.TryGetValue(name, out var bind) ? bind(v, path) : Bind(property.PropertyType, v, path);
            Check(property, value, v, path);
            property.SetValue(instance, value);
            seen.Add(name);
        }
        foreach (var (name, property) in keys)
            if (!seen.Contains(name) && property.GetCustomAttribute<RequiredMemberAttribute>() is not null)
                throw Error(node, key.Length == 0 ? name : $"{key}.{name}", $"is required ({Describe(property.PropertyType)})");
        return instance;
    }

    /// <summary>An options object with every default, as if the recipe had written <c>{}</c> at <paramref name="at"/>.</summary>
    public object BindDefaults(Type type, YamlNode at, string key) => BindObject(type, new YamlMappingNode(), key, at);

    private object? NewEmpty(Type type, YamlNode node, string key) =>
        type.IsClass && type.GetConstructor(Type.EmptyTypes) is not null && !TryListElement(type, out _)
            ? BindObject(type, new YamlMappingNode(), key, node)
            : null;

    private void Check(PropertyInfo property, object? value, YamlNode node, string key)
    {
        if (value is null) return;
        foreach (var range in property.GetCustomAttributes<RangeAttribute>())
            if (!range.IsValid(value))
                throw Error(node, key, $"{Convert.ToString(value, CultureInfo.InvariantCulture)} is out of range; valid: {range.Minimum} to {range.Maximum}");
        foreach (var allowed in property.GetCustomAttributes<AllowedValuesAttribute>())
            if (!allowed.IsValid(value))
                throw Error(node, key, $"'{value}' is not valid; use one of: {string.Join(", ", allowed.Values)}");
    }

    private string Scalar(YamlNode node, string key, Type type) =>
        node is YamlScalarNode s ? s.Value ?? "" : throw Error(node, key, $"should be {Describe(type)}, not a {(node is YamlSequenceNode ? "list" : "mapping")}");

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Value: null or "" or "~" or "null", Style: not (YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted) };

    private static bool TryListElement(Type type, out Type element)
    {
        element = typeof(object);
        if (type == typeof(string) || !type.IsGenericType) return false;
        var def = type.GetGenericTypeDefinition();
        if (def == typeof(IReadOnlyList<>) || def == typeof(List<>) || def == typeof(IList<>) || def == typeof(IEnumerable<>) || def == typeof(IReadOnlyCollection<>))
        {
            element = type.GetGenericArguments()[0];
            return true;
        }
        return false;
    }

    private static bool TryDictionaryValue(Type type, out Type value)
    {
        value = typeof(object);
        if (!type.IsGenericType) return false;
        var def = type.GetGenericTypeDefinition();
        if ((def == typeof(IReadOnlyDictionary<,>) || def == typeof(Dictionary<,>) || def == typeof(IDictionary<,>))
            && type.GetGenericArguments()[0] == typeof(string))
        {
            value = type.GetGenericArguments()[1];
            return true;
        }
        return false;
    }

    /// <summary>" (did you mean 'x'?)" when a valid name is within two edits.</summary>
    public static string Suggest(string name, IEnumerable<string> valid)
    {
        var best = valid.Select(v => (v, d: Levenshtein(name, v))).Where(t => t.d <= 2).OrderBy(t => t.d).FirstOrDefault();
        return best.v is null ? "" : $" (did you mean '{best.v}'?)";
    }

    private static int Levenshtein(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
