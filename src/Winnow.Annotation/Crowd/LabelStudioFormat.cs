using System.Collections.Immutable;
using System.Globalization;
using System.Security;
using System.Text.Json;
using System.Text.Json.Nodes;
using Winnow.Annotation.Agreement;
using Winnow.Core;
using Winnow.Core.Records;

namespace Winnow.Annotation.Crowd;

/// <summary>
/// Label Studio. Export: a JSON array of tasks <c>{"data": {"text", "winnow_id"}, "predictions": [{"model_version",
/// "score", "result": [...]}]}</c>, with a labeling config (<c>&lt;Choices name="label"&gt;</c> for the label,
/// <c>&lt;Labels name="entities"&gt;</c> for spans) written beside it as <c>OUT.label_config.xml</c>. Import: Label
/// Studio's JSON export, the same tasks with <c>"annotations": [{"completed_by", "result", "was_cancelled"}]</c>;
/// each annotation's <c>choices</c> result gives the label, its <c>labels</c> results the spans (Label Studio's
/// offsets are the same UTF-16 offsets as ours). Cancelled (skipped) annotations are not judgements and are left out.
/// </summary>
public sealed class LabelStudioFormat : ICrowdFormat
{
    public const string ChoiceName = "label";
    public const string SpanName = "entities";

    public string Name => "label-studio";

    public IReadOnlyList<string> Export(IReadOnlyList<CrowdItem> items, CrowdExportSettings settings, string path)
    {
        var tasks = new JsonArray();
        foreach (var item in items)
        {
            var task = new JsonObject { ["data"] = new JsonObject { ["text"] = item.Text, ["winnow_id"] = item.Id } };
            if (item.HasPrediction)
            {
                var prediction = new JsonObject { ["model_version"] = "winnow", ["result"] = Result(item.Prediction, item.PredictedSpans, item.Text, "p") };
                if (item.Score is { } s) prediction["score"] = s;
                task["predictions"] = new JsonArray(prediction);
            }
            tasks.Add(task);
        }
        File.WriteAllText(path, tasks.ToJsonString(CrowdJson.Indented) + "\n");
        var config = path + ".label_config.xml";
        File.WriteAllText(config, Config(settings));
        return [path, config];
    }

    /// <summary>The <c>result</c> list of an annotation or prediction: one choices region, one labels region per span.</summary>
    internal static JsonArray Result(string? label, ImmutableArray<TextSpan> spans, string text, string idPrefix)
    {
        var result = new JsonArray();
        if (label is not null)
            result.Add(new JsonObject
            {
                ["id"] = idPrefix + "0", ["from_name"] = ChoiceName, ["to_name"] = "text", ["type"] = "choices",
                ["value"] = new JsonObject { ["choices"] = new JsonArray(label) },
            });
        var n = 1;
        foreach (var s in spans.IsDefault ? [] : spans)
            result.Add(new JsonObject
            {
                ["id"] = idPrefix + (n++).ToString(CultureInfo.InvariantCulture), ["from_name"] = SpanName, ["to_name"] = "text", ["type"] = "labels",
                ["value"] = new JsonObject { ["start"] = s.Start, ["end"] = s.End, ["text"] = s.Of(text), ["labels"] = new JsonArray(s.Label) },
            });
        return result;
    }

    private static string Config(CrowdExportSettings settings)
    {
        var lines = new List<string> { "<View>", "  <Text name=\"text\" value=\"$text\"/>" };
        if (settings.SpanLabels.Count > 0)
        {
            lines.Add($"  <Labels name=\"{SpanName}\" toName=\"text\">");
            lines.AddRange(settings.SpanLabels.Select(l => $"    <Label value=\"{SecurityElement.Escape(l)}\"/>"));
            lines.Add("  </Labels>");
        }
        if (settings.Labels.Count > 0)
        {
            lines.Add($"  <Header value=\"{SecurityElement.Escape(settings.Question)}\"/>");
            lines.Add($"  <Choices name=\"{ChoiceName}\" toName=\"text\" choice=\"single\">");
            lines.AddRange(settings.Labels.Select(l => $"    <Choice value=\"{SecurityElement.Escape(l)}\"/>"));
            lines.Add("  </Choices>");
        }
        lines.Add("</View>");
        return string.Join("\n", lines) + "\n";
    }

    public CrowdResults Import(string path)
    {
        var root = CrowdJson.ParseFile(path);
        if (root.ValueKind != JsonValueKind.Array) throw new InputException(path, 1, "expected a JSON array of tasks (Label Studio's JSON export)");
        var results = CrowdResults.Empty();
        var t = 0;
        foreach (var task in root.EnumerateArray())
        {
            var field = $"[{t++}]";
            var data = task.Get("data") ?? throw new InputException(path, 0, "missing", field + ".data");
            var text = data.Text("text") ?? "";
            var item = data.Text("winnow_id") ?? data.Text("id") ?? task.Text("id")
                ?? throw new InputException(path, 0, "a task needs data.winnow_id, data.id or id", field);
            results.Texts[item] = text;
            var a = 0;
            foreach (var annotation in task.Array("annotations"))
            {
                var where = $"{field}.annotations[{a++}]";
                if (annotation.Get("was_cancelled") is { ValueKind: JsonValueKind.True }) continue;
                var who = annotation.Get("completed_by") is { } by
                    ? by.ValueKind == JsonValueKind.Object ? by.Text("email") ?? by.Text("id") : by.ValueKind == JsonValueKind.String ? by.GetString() : by.GetRawText()
                    : null;
                var (label, spans) = Parse(annotation, path, where);
                results.Annotations.Add(new AnnotationRow(item, who ?? "unknown", label, spans));
            }
            var p = 0;
            foreach (var prediction in task.Array("predictions"))
            {
                var where = $"{field}.predictions[{p++}]";
                if (prediction.ValueKind != JsonValueKind.Object)
                    throw new InputException(path, 0, "a prediction given by id only: export with predictions included (Label Studio's JSON export)", where);
                var (label, spans) = Parse(prediction, path, where);
                var score = prediction.Get("score") is { ValueKind: JsonValueKind.Number } sc ? sc.GetDouble() : (double?)null;
                results.Predictions.Add(new AnnotationRow(item, "model:" + (prediction.Text("model_version") ?? "unknown"), label, spans) { Score = score, IsPrediction = true });
            }
        }
        return results;
    }

    private static (string? Label, ImmutableArray<TextSpan> Spans) Parse(JsonElement annotation, string path, string where)
    {
        string? label = null;
        var spans = new List<TextSpan>();
        var r = 0;
        foreach (var region in annotation.Array("result"))
        {
            var field = $"{where}.result[{r++}]";
            var value = region.Get("value") ?? throw new InputException(path, 0, "missing", field + ".value");
            switch (region.Text("type"))
            {
                case "choices":
                    label = value.Array("choices").Select(c => c.GetString()).FirstOrDefault() ?? label;
                    break;
                case "labels":
                    var start = value.Int("start", path, 0, field + ".value");
                    var end = value.Int("end", path, 0, field + ".value");
                    foreach (var l in value.Array("labels")) spans.Add(new TextSpan(start, end, l.GetString() ?? ""));
                    break;
            }
        }
        // No labels region at all: not a span task (default), rather than "marked no spans".
        return (label, spans.Count == 0 ? default : TextSpans.Sorted(spans));
    }
}
