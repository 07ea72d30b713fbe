using Winnow.Core.Records;
using Winnow.Core.Recipes;

namespace Winnow.Annotation.Rules;

/// <summary>Labeling functions and span rules, compiled from a <see cref="RulesFile"/>.</summary>
public sealed class RuleSet
{
    public RuleSet(RulesFile file, string source, string baseDirectory)
    {
        Functions = [.. file.Functions.Select((f, i) => new LabelingFunction(f, i, source))];
        Spans = [.. file.Spans.Select((s, i) => new SpanRule(s, i, source, baseDirectory))];
        Labels = [.. Functions.Select(f => f.Label).Distinct().Order(StringComparer.Ordinal)];
        var dupes = Functions.GroupBy(f => f.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (dupes.Count > 0) throw new Winnow.Core.WinnowException($"{source}: function names must be unique; repeated: {string.Join(", ", dupes)}", 2);
    }

    public static RuleSet Load(string path) =>
        new(YamlFile.Load<RulesFile>(path), path, Path.GetDirectoryName(Path.GetFullPath(path))!);

    public IReadOnlyList<LabelingFunction> Functions { get; }
    public IReadOnlyList<SpanRule> Spans { get; }
    /// <summary>The labels the functions vote, in ordinal order: the label model's label space.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>[function] → label index, or −1 (abstain).</summary>
    public int[] Votes(Record record)
    {
        var votes = new int[Functions.Count];
        for (var j = 0; j < votes.Length; j++)
            votes[j] = Functions[j].Vote(record) is { } label ? IndexOf(label) : -1;
        return votes;
    }

    private int IndexOf(string label)
    {
        for (var k = 0; k < Labels.Count; k++) if (Labels[k] == label) return k;
        return -1;
    }
}
