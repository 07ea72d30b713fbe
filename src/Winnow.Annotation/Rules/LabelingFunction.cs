using System.Text.RegularExpressions;
using Winnow.Core;
using Winnow.Core.Records;

namespace Winnow.Annotation.Rules;

/// <summary>A compiled <see cref="LabelingFunctionSpec"/>: <see cref="Vote"/> returns its label, or null (abstain).</summary>
public sealed class LabelingFunction
{
    private readonly Regex? _keywords;
    private readonly Regex? _regex;
    private readonly string? _field;
    private readonly HashSet<string>? _values;
    private readonly Regex? _matches;

    public LabelingFunction(LabelingFunctionSpec spec, int position, string source)
    {
        Name = spec.Name ?? $"lf_{position}";
        Label = string.IsNullOrWhiteSpace(spec.Label) ? throw new WinnowException($"{source}: functions[{position}] ({Name}) needs a label", 2) : spec.Label;
        var options = RegexOptions.CultureInvariant | (spec.CaseSensitive ? RegexOptions.None : RegexOptions.IgnoreCase);
        if (spec.Keywords is { Count: > 0 } words)
            _keywords = Compile(@"(?<!\w)(?:" + string.Join("|", words.Select(System.Text.RegularExpressions.Regex.Escape)) + @")(?!\w)", options, source, position);
        if (spec.Regex is { } r) _regex = Compile(r, options, source, position);
        _field = spec.Field is { } f && f.StartsWith("meta.", StringComparison.Ordinal) ? f[5..] : spec.Field;
        if (spec.Values is { } values) _values = new HashSet<string>(values, spec.CaseSensitive ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
        if (spec.Matches is { } m) _matches = Compile(m, options, source, position);
        if (_field is null && (_values is not null || _matches is not null))
            throw new WinnowException($"{source}: functions[{position}] ({Name}): values and matches need a field", 2);
        if (_keywords is null && _regex is null && _field is null)
            throw new WinnowException($"{source}: functions[{position}] ({Name}) has no condition: give keywords, regex or a field", 2);
    }

    public string Name { get; }
    public string Label { get; }

    public string? Vote(Record record)
    {
        var text = record.ContentText;
        if (_keywords is not null && !_keywords.IsMatch(text)) return null;
        if (_regex is not null && !_regex.IsMatch(text)) return null;
        if (_field is not null)
        {
            var value = _field switch
            {
                "id" => record.Id,
                "text" => text,
                "label" => record.Label,
                _ => record.Meta.GetString(_field),
            };
            if (value is null) return null;
            if (_values is not null && !_values.Contains(value)) return null;
            if (_matches is not null && !_matches.IsMatch(value)) return null;
        }
        return Label;
    }

    private static Regex Compile(string pattern, RegexOptions options, string source, int position)
    {
        try { return new Regex(pattern, options | RegexOptions.Compiled, TimeSpan.FromSeconds(1)); }
        catch (ArgumentException e) { throw new WinnowException($"{source}: functions[{position}]: bad regular expression: {e.Message}", 2); }
    }
}
