using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Winnow.Annotation.Agreement;
using Winnow.Core;
using Winnow.Core.Records;

namespace Winnow.Annotation.Crowd;

/// <summary>
/// Amazon Mechanical Turk. Export: the batch input CSV (one row per HIT: <c>id, text, prelabel, prelabel_confidence,
/// prespans</c>; the requester UI substitutes <c>${column}</c> in the template) and an HTML question template
/// beside it (<c>OUT.template.html</c>: crowd-html-elements, a <c>crowd-classifier name="label"</c>, or a
/// <c>crowd-entity-recognition name="entities"</c> for span tasks). Import: the batch results CSV MTurk gives back,
/// one row per assignment: <c>WorkerId</c>, <c>AssignmentStatus</c> (rejected assignments are left out), the inputs
/// as <c>Input.&lt;column&gt;</c> (so the pre-labels come back with them) and the answers as
/// <c>Answer.label.label</c> (crowd-classifier) or <c>Answer.label</c> (a plain input), and
/// <c>Answer.entities.entities</c> (JSON <c>[{"startOffset", "endOffset", "label"}]</c>).
/// </summary>
public sealed class MTurkFormat : ICrowdFormat
{
    public string Name => "mturk";

    public IReadOnlyList<string> Export(IReadOnlyList<CrowdItem> items, CrowdExportSettings settings, string path)
    {
        using (var w = new StreamWriter(path, false, new System.Text.UTF8Encoding(false)))
        {
            w.Write("id,text,prelabel,prelabel_confidence,prespans\r\n");
            foreach (var i in items)
                w.Write(Csv.Row([i.Id, i.Text, i.Prediction, i.Score?.ToString("R", CultureInfo.InvariantCulture),
                    i.PredictedSpans.Length == 0 ? "" : SpansJson(i.PredictedSpans)]) + "\r\n");
        }
        var template = path + ".template.html";
        File.WriteAllText(template, Template(settings));
        return [path, template];
    }

    private static string SpansJson(ImmutableArray<TextSpan> spans) => new JsonArray([.. spans.Select(s =>
        (JsonNode)new JsonObject { ["startOffset"] = s.Start, ["endOffset"] = s.End, ["label"] = s.Label })]).ToJsonString(CrowdJson.Compact);

    private static string Template(CrowdExportSettings s)
    {
        static string List(IEnumerable<string> xs) => WebUtility.HtmlEncode(JsonSerializer.Serialize(xs));
        var body = s.SpanLabels.Count > 0
            ? $"""
                <crowd-entity-recognition name="entities" text="${"{text}"}" header="Mark the entities"
                  labels="{WebUtility.HtmlEncode(JsonSerializer.Serialize(s.SpanLabels.Select(l => new { label = l })))}">
                </crowd-entity-recognition>
              """
            : $"""
                <crowd-classifier name="label" categories="{List(s.Labels)}" header="{WebUtility.HtmlEncode(s.Question)}">
                  <classification-target>${"{text}"}</classification-target>
                  <short-instructions>Pick the one label that fits. A suggestion: ${"{prelabel}"}</short-instructions>
                  <full-instructions header="Instructions">Read the text and choose the label that fits it best.</full-instructions>
                </crowd-classifier>
              """;
        return $"""
            <script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
            <crowd-form answer-format="flatten-objects">
            {body}
            </crowd-form>

            """;
    }

    public CrowdResults Import(string path)
    {
        if (!File.Exists(path)) throw new WinnowException($"{path}: no such file");
        var results = CrowdResults.Empty();
        Dictionary<string, int>? columns = null;
        var seenPrediction = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, fields) in Csv.Read(path))
        {
            if (columns is null)
            {
                columns = fields.Select((f, i) => (f, i)).ToDictionary(x => x.f, x => x.i, StringComparer.Ordinal);
                if (!columns.ContainsKey("WorkerId")) throw new InputException(path, line, "no WorkerId column: not an MTurk batch results file");
                if (!columns.ContainsKey("Input.id")) throw new InputException(path, line, "no Input.id column: the batch was not made from winnow's input CSV");
                continue;
            }
            string? Get(string name) => columns.TryGetValue(name, out var i) && i < fields.Count && fields[i].Length > 0 ? fields[i] : null;
            if (fields.Count == 1 && fields[0].Length == 0) continue;
            var item = Get("Input.id") ?? throw new InputException(path, line, "empty", "Input.id");
            results.Texts[item] = Get("Input.text") ?? "";
            if (seenPrediction.Add(item) && (Get("Input.prelabel") is not null || Get("Input.prespans") is not null))
                results.Predictions.Add(new AnnotationRow(item, "model:winnow", Get("Input.prelabel"), ParseSpans(Get("Input.prespans"), path, line, "Input.prespans"))
                {
                    Score = Get("Input.prelabel_confidence") is { } c ? double.Parse(c, CultureInfo.InvariantCulture) : null,
                    IsPrediction = true,
                });
            if (string.Equals(Get("AssignmentStatus"), "Rejected", StringComparison.OrdinalIgnoreCase)) continue;
            var worker = Get("WorkerId") ?? throw new InputException(path, line, "empty", "WorkerId");
            var label = Get("Answer.label.label") ?? Get("Answer.label");
            var spans = ParseSpans(Get("Answer.entities.entities") ?? Get("Answer.entities"), path, line, "Answer.entities.entities");
            if (label is null && spans.IsDefault) continue; // an assignment with no answer says nothing
            results.Annotations.Add(new AnnotationRow(item, worker, label, spans));
        }
        return results;
    }

    private static ImmutableArray<TextSpan> ParseSpans(string? json, string path, long line, string field)
    {
        if (json is null) return default;
        JsonElement root;
        try { root = JsonDocument.Parse(json).RootElement; }
        catch (JsonException e) { throw new InputException(path, line, $"not JSON: {e.Message}", field); }
        if (root.ValueKind != JsonValueKind.Array) throw new InputException(path, line, "expected a JSON array", field);
        return TextSpans.Sorted(root.EnumerateArray().Select((e, i) => new TextSpan(
            e.Int("startOffset", path, line, $"{field}[{i}]"), e.Int("endOffset", path, line, $"{field}[{i}]"), e.Text("label") ?? "")));
    }
}
