using System.Collections.Immutable;
using System.Text.Json;
using Winnow.Core;
using Winnow.Core.Records;

namespace Winnow.Annotation.Agreement;

/// <summary>
/// Reads annotation rows from JSONL: <c>{"item": …, "annotator": …, "label": …}</c> per line, or
/// <c>"spans": [{"start", "end", "label"}]</c> instead of (or beside) <c>label</c> for span tasks. Items and
/// annotators may be strings or numbers. A bad line is an <see cref="InputException"/> naming file, line and field.
/// </summary>
public static class AnnotationRows
{
    public static List<AnnotationRow> Read(string path)
    {
        if (!File.Exists(path)) throw new WinnowException($"{path}: no such file");
        var rows = new List<AnnotationRow>();
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            rows.Add(Parse(text, path, line));
        }
        return rows;
    }

    /// <summary>
    /// A row when the line has an <c>annotator</c>; null otherwise (another kind of line, e.g. a decided label),
    /// with the parsed object in <paramref name="root"/>. Missing <c>item</c> is an error either way.
    /// </summary>
    internal static AnnotationRow? ParseLoose(string json, string file, long line, out JsonElement root)
    {
        try { root = JsonDocument.Parse(json).RootElement; }
        catch (JsonException e) { throw new InputException(file, line, $"not JSON: {e.Message}"); }
        if (root.ValueKind != JsonValueKind.Object) throw new InputException(file, line, "expected a JSON object");
        if (!root.TryGetProperty("item", out _)) throw new InputException(file, line, "missing", "item");
        return root.TryGetProperty("annotator", out _) ? Parse(json, file, line) : null;
    }

    internal static AnnotationRow Parse(string json, string file, long line)
    {
        JsonElement root;
        try { root = JsonDocument.Parse(json).RootElement; }
        catch (JsonException e) { throw new InputException(file, line, $"not JSON: {e.Message}"); }
        if (root.ValueKind != JsonValueKind.Object) throw new InputException(file, line, "expected a JSON object");
        var item = Scalar(root, "item", file, line) ?? throw new InputException(file, line, "missing", "item");
        var annotator = Scalar(root, "annotator", file, line) ?? throw new InputException(file, line, "missing", "annotator");
        var label = Scalar(root, "label", file, line);
        ImmutableArray<TextSpan> spans = default;
        if (root.TryGetProperty("spans", out var s) && s.ValueKind == JsonValueKind.Array)
            spans = TextSpans.Sorted(s.EnumerateArray().Select((e, i) => SpanOf(e, i, file, line)));
        if (label is null && spans.IsDefault) throw new InputException(file, line, "a row needs a label or spans", "label");
        return new AnnotationRow(item, annotator, label, spans)
        {
            Score = root.TryGetProperty("score", out var sc) && sc.ValueKind == JsonValueKind.Number ? sc.GetDouble() : null,
            IsPrediction = root.TryGetProperty("prediction", out var p) && p.ValueKind == JsonValueKind.True,
        };
    }

    /// <summary>
    /// Writes rows as JSONL in the shape <see cref="Read"/> reads: <c>item, annotator, label, spans, score,
    /// prediction</c> (null and false ones left out), in the order given.
    /// </summary>
    public static void Write(IEnumerable<AnnotationRow> rows, TextWriter writer)
    {
        foreach (var r in rows)
        {
            var o = new System.Text.Json.Nodes.JsonObject { ["item"] = r.Item, ["annotator"] = r.Annotator };
            if (r.Label is not null) o["label"] = r.Label;
            if (r.HasSpans)
                o["spans"] = new System.Text.Json.Nodes.JsonArray([.. r.Spans.Select(s => (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject
                    { ["start"] = s.Start, ["end"] = s.End, ["label"] = s.Label })]);
            if (r.Score is { } score) o["score"] = score;
            if (r.IsPrediction) o["prediction"] = true;
            writer.WriteLine(o.ToJsonString(Crowd.CrowdJson.Compact));
        }
    }

    /// <summary>Known labels from JSONL: <c>{"item", "label"}</c> rows or records (<c>{"id", "label"}</c>).</summary>
    public static Dictionary<string, string> ReadGold(string path)
    {
        if (!File.Exists(path)) throw new WinnowException($"{path}: no such file");
        var gold = new Dictionary<string, string>(StringComparer.Ordinal);
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            JsonElement root;
            try { root = JsonDocument.Parse(text).RootElement; }
            catch (JsonException e) { throw new InputException(path, line, $"not JSON: {e.Message}"); }
            var item = Scalar(root, "item", path, line) ?? Scalar(root, "id", path, line) ?? throw new InputException(path, line, "missing", "item");
            gold[item] = Scalar(root, "label", path, line) ?? throw new InputException(path, line, "missing", "label");
        }
        return gold;
    }

    private static TextSpan SpanOf(JsonElement e, int i, string file, long line)
    {
        int Int(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n)
            ? n : throw new InputException(file, line, "expected an integer", $"spans[{i}].{name}");
        var label = e.TryGetProperty("label", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString()! :
            throw new InputException(file, line, "expected a string", $"spans[{i}].label");
        var span = new TextSpan(Int("start"), Int("end"), label);
        if (span.End <= span.Start) throw new InputException(file, line, $"end {span.End} is not after start {span.Start}", $"spans[{i}].end");
        return span;
    }

    private static string? Scalar(JsonElement root, string name, string file, long line)
    {
        if (!root.TryGetProperty(name, out var v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
            JsonValueKind.Null => null,
            _ => throw new InputException(file, line, "expected a string or a number", name),
        };
    }
}
