using System.Text;
using System.Text.Json;
using Winnow.Core;
using Winnow.Core.Formats;
using Winnow.Core.IO;
using Winnow.Core.Records;
using Winnow.Server.Store;

namespace Winnow.Cli.Commands.Annotate;

/// <summary>
/// A pipeline record → an item of the label store. What the pipeline's annotation steps leave on a record
/// becomes what the app shows:
/// <list type="bullet">
/// <item><c>meta.suggestions</c> (<c>[{label, confidence, source}]</c>), and a label that a rule or a model
/// gave (<c>meta.label_source</c> rule|model, with <c>meta.label_confidence</c>) → suggestions;</item>
/// <item>a label people gave before (no <c>label_source</c>, or human) → a suggestion from <c>dataset</c>;</item>
/// <item><c>meta.label_issue</c> true (+ <c>meta.suggested_label</c>) → flagged, first in the queue;</item>
/// <item><c>spans</c> (<c>[{start, end, label}]</c>) → pre-labelled spans;</item>
/// <item><c>meta.cluster</c> or <c>meta.topic</c> → the cluster to search by.</item>
/// </list>
/// A gold record keeps its label (or spans) as the answer annotators are scored against.
/// </summary>
internal static class RecordItems
{
    public static NewItem ToItem(Record r, SourceLocation at, bool gold)
    {
        var text = r.ContentText;
        if (text.Length == 0) throw new InputException(at.File, at.Line, "the record has no text to label", "text");
        var suggestions = new List<Suggestion>();
        if (r.Meta.TryGetValue("suggestions", out var list) && list.ValueKind == JsonValueKind.Array)
            foreach (var s in list.EnumerateArray())
            {
                if (s.ValueKind != JsonValueKind.Object || !s.TryGetProperty("label", out var l) || l.ValueKind != JsonValueKind.String)
                    throw new InputException(at.File, at.Line, "each suggestion is {\"label\": …, \"confidence\": …, \"source\": …}", "meta.suggestions");
                suggestions.Add(new Suggestion(l.GetString(), Number(s, "confidence"), s.TryGetProperty("source", out var src) ? src.GetString() ?? "model" : "model"));
            }
        var source = r.Meta.GetString("label_source");
        var issue = r.Meta.TryGetValue("label_issue", out var flag) && flag.ValueKind == JsonValueKind.True;
        if (!gold && r.Label is not null)
        {
            if (source is "rule" or "model")
                suggestions.Add(new Suggestion(r.Label, r.Meta.TryGetValue("label_confidence", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDouble() : null, source));
            else if (!issue)
                suggestions.Add(new Suggestion(r.Label, null, "dataset"));
        }
        if (issue && r.Meta.GetString("suggested_label") is { } suggested)
            suggestions.Add(new Suggestion(suggested, r.Meta.TryGetValue("label_quality", out var q) && q.ValueKind == JsonValueKind.Number ? 1 - q.GetDouble() : null, "label_issue"));
        var spans = Spans(r);
        if (!gold && spans is not null) suggestions.Add(new Suggestion(null, null, r.Meta.GetString("spans_source") ?? "dataset", spans));
        var cluster = r.Meta.GetString("cluster") ?? r.Meta.GetString("topic");
        return new NewItem(r.Id, text, Encoding.UTF8.GetString(RecordJson.Serialize(r)).TrimEnd('\n'), r.Label,
            suggestions.Where(s => s.Label is not null || s.Spans is not null).ToList(),
            LabelIssue: issue, Cluster: cluster, IsGold: gold, GoldLabel: gold ? r.Label : null, GoldSpans: gold ? spans : null);
    }

    /// <summary>The record's spans (checked against its text by the reader); null when it has none.</summary>
    public static IReadOnlyList<Span>? Spans(Record r) =>
        r.Spans.IsDefaultOrEmpty ? null : [.. r.Spans.Select(s => new Span(s.Start, s.End, s.Label))];

    private static double? Number(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
