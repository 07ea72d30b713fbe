using System.Text.RegularExpressions;

namespace Winnow.Tuning.Methods.Lora;

/// <summary>
/// Which modules a PEFT method wraps, with Hugging Face PEFT's rules: a list of names matches a module path
/// that equals a name or ends with <c>.name</c>; a single pattern matches when the whole path matches the
/// regular expression (PEFT's <c>re.fullmatch</c>).
/// </summary>
public sealed record TargetModules
{
    /// <summary>Exact names or suffixes (<c>query</c> matches <c>bert.encoder.layer.0.attention.self.query</c>).</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>A full-match regular expression over the module path; used instead of <see cref="Names"/> when set.</summary>
    public string? Pattern { get; init; }

    public static TargetModules Of(params string[] names) => new() { Names = names };

    public static TargetModules Regex(string pattern) => new() { Pattern = pattern };

    /// <summary>True when the module at <paramref name="path"/> (dot-separated) is a target.</summary>
    public bool Matches(string path)
    {
        if (Pattern is not null)
            return System.Text.RegularExpressions.Regex.IsMatch(path, $"^(?:{Pattern})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        foreach (var name in Names)
            if (path == name || path.EndsWith("." + name, StringComparison.Ordinal))
                return true;
        return false;
    }

    /// <summary>What PEFT's adapter_config.json stores: the list, or the pattern string.</summary>
    public object ToConfigValue() => Pattern is not null ? Pattern : Names.ToArray();

    public override string ToString() => Pattern is not null ? $"regex {Pattern}" : string.Join(",", Names);
}
