using System.Text.RegularExpressions;
using Winnow.Core;
using Winnow.Core.Records;

namespace Winnow.Annotation.Rules;

/// <summary>A compiled <see cref="SpanRuleSpec"/>: every regex match, or whole-word gazetteer term, becomes a span.</summary>
public sealed class SpanRule
{
    private readonly Regex _regex;

    public SpanRule(SpanRuleSpec spec, int position, string source, string baseDirectory)
    {
        Label = string.IsNullOrWhiteSpace(spec.Label) ? throw new WinnowException($"{source}: spans[{position}] needs a label", 2) : spec.Label;
        var options = RegexOptions.CultureInvariant | RegexOptions.Compiled | (spec.CaseSensitive ? RegexOptions.None : RegexOptions.IgnoreCase);
        var terms = new List<string>(spec.Terms ?? []);
        if (spec.Gazetteer is { } file)
        {
            var path = Path.GetFullPath(Path.Combine(baseDirectory, file));
            if (!File.Exists(path)) throw new WinnowException($"{source}: spans[{position}].gazetteer: {path}: no such file", 2);
            terms.AddRange(File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')));
        }
        string pattern;
        if (spec.Regex is { } r) pattern = r;
        else if (terms.Count > 0)
            // Longest terms first, so "New York City" wins over "New York".
            pattern = @"(?<!\w)(?:" + string.Join("|", terms.Distinct().OrderByDescending(t => t.Length).ThenBy(t => t, StringComparer.Ordinal).Select(Regex.Escape)) + @")(?!\w)";
        else throw new WinnowException($"{source}: spans[{position}] ({Label}) needs a regex, terms or a gazetteer", 2);
        try { _regex = new Regex(pattern, options, TimeSpan.FromSeconds(1)); }
        catch (ArgumentException e) { throw new WinnowException($"{source}: spans[{position}]: bad regular expression: {e.Message}", 2); }
    }

    public string Label { get; }

    public IEnumerable<TextSpan> Find(string text) =>
        _regex.Matches(text).Where(m => m.Length > 0).Select(m => new TextSpan(m.Index, m.Index + m.Length, Label));

    /// <summary>
    /// <paramref name="existing"/> plus every span the rules find that overlaps neither an existing span nor an
    /// earlier rule's span (rules in file order, matches left to right), sorted.
    /// </summary>
    public static (System.Collections.Immutable.ImmutableArray<TextSpan> Spans, int Added) Apply(IReadOnlyList<SpanRule> rules, string text,
        System.Collections.Immutable.ImmutableArray<TextSpan> existing)
    {
        var all = new List<TextSpan>(existing.IsDefault ? [] : existing);
        var added = 0;
        foreach (var rule in rules)
            foreach (var s in rule.Find(text))
                if (!all.Any(a => a.Overlaps(s))) { all.Add(s); added++; }
        return (TextSpans.Sorted(all), added);
    }
}
