using System.Text.Json;
using Winnow.Annotation.Agreement;
using Winnow.Annotation.Crowd.Aggregation;
using Winnow.Core;
using Winnow.Core.Services;

namespace Winnow.Annotation.Apply;

/// <summary>
/// Decisions from a JSONL file: either decided labels (<c>{"item", "label", "confidence", "votes"}</c>, what
/// <c>annotate import-results --labels-output</c> writes) or annotation rows (<c>{"item", "annotator", "label",
/// "spans"}</c>, what <c>--output</c> writes; pre-label rows are ignored), which are aggregated here by
/// <paramref name="method"/>; spans are taken from the item's last row that has spans.
/// </summary>
public sealed class ResultsFileSource(string path, string method) : IDecidedLabelSource
{
    public string Description => path;

    public IReadOnlyDictionary<string, DecidedLabel> Load(CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) throw new WinnowException($"{path}: no such file", 2);
        var rows = new List<AnnotationRow>();
        var decided = new Dictionary<string, DecidedLabel>(StringComparer.Ordinal);
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            var row = AnnotationRows.ParseLoose(text, path, line, out var root);
            if (row is not null) { if (!row.IsPrediction) rows.Add(row); continue; }
            // A decided label: {item, label, confidence?, votes?}.
            var item = root.GetProperty("item").ToString();
            var label = root.TryGetProperty("label", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString()
                : throw new InputException(path, line, "expected a string", "label");
            double? confidence = root.TryGetProperty("confidence", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDouble() : null;
            var votes = root.TryGetProperty("votes", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 1;
            decided[item] = new DecidedLabel(label, default, confidence, votes);
        }
        if (rows.Count > 0)
        {
            var labelled = rows.Where(r => r.Label is not null).ToList();
            foreach (var a in LabelAggregator.Aggregate(labelled, method).Labels)
                decided[a.Item] = new DecidedLabel(a.Label, default, a.Confidence, a.Votes);
            foreach (var group in rows.Where(r => r.HasSpans).GroupBy(r => r.Item))
            {
                var last = group.Last();
                decided[group.Key] = decided.TryGetValue(group.Key, out var d)
                    ? d with { Spans = last.Spans }
                    : new DecidedLabel(null, last.Spans, null, group.Count());
            }
        }
        return decided;
    }
}
