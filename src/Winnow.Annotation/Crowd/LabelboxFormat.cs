using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Winnow.Annotation.Agreement;
using Winnow.Core;
using Winnow.Core.Records;

namespace Winnow.Annotation.Crowd;

/// <summary>
/// Labelbox. Export: data rows as NDJSON (<c>{"row_data": text, "global_key": id, "media_type": "TEXT"}</c>) and the
/// pre-labels beside them as <c>OUT.predictions.ndjson</c>, in Labelbox's annotation import format: a radio
/// classification <c>{"name": "label", "answer": {"name": …, "confidence": …}, "dataRow": {"globalKey": id}}</c> and
/// one NER object per span <c>{"name": &lt;entity&gt;, "location": {"start", "end"}, "dataRow": …}</c>. Labelbox's
/// text entity <c>end</c> is inclusive (its SDK checks end ≥ start), ours exclusive: export writes end − 1, import adds 1.
/// Import: Labelbox's export (v2) NDJSON, one data row per line: <c>data_row.global_key</c>, and per project
/// <c>labels[]</c> with <c>label_details.created_by</c> and <c>annotations.classifications[].radio_answer.name</c>
/// and <c>annotations.objects[]</c> (<c>TextEntity</c>); model-run predictions come back under
/// <c>experiments.*.runs.*.labels[]</c> in the same shape (annotator <c>model:&lt;run&gt;</c>).
/// </summary>
public sealed class LabelboxFormat : ICrowdFormat
{
    public const string ClassificationName = "label";

    public string Name => "labelbox";

    public IReadOnlyList<string> Export(IReadOnlyList<CrowdItem> items, CrowdExportSettings settings, string path)
    {
        var predictions = path + ".predictions.ndjson";
        using var rows = new StreamWriter(path);
        using var pre = new StreamWriter(predictions);
        foreach (var i in items)
        {
            rows.WriteLine(CrowdJson.Line(new JsonObject { ["row_data"] = i.Text, ["global_key"] = i.Id, ["media_type"] = "TEXT" }));
            var n = 0;
            string Uuid() => $"{i.Id}-{n++}";
            if (i.Prediction is { } label)
            {
                var answer = new JsonObject { ["name"] = label };
                if (i.Score is { } s) answer["confidence"] = s;
                pre.WriteLine(CrowdJson.Line(new JsonObject
                {
                    ["uuid"] = Uuid(), ["name"] = ClassificationName, ["answer"] = answer, ["dataRow"] = new JsonObject { ["globalKey"] = i.Id },
                }));
            }
            foreach (var s in i.PredictedSpans)
                pre.WriteLine(CrowdJson.Line(new JsonObject
                {
                    ["uuid"] = Uuid(), ["name"] = s.Label, ["location"] = new JsonObject { ["start"] = s.Start, ["end"] = s.End - 1 },
                    ["dataRow"] = new JsonObject { ["globalKey"] = i.Id },
                }));
        }
        return [path, predictions];
    }

    public CrowdResults Import(string path)
    {
        var results = CrowdResults.Empty();
        foreach (var (line, row) in CrowdJson.ReadLines(path))
        {
            var dataRow = row.Get("data_row") ?? throw new InputException(path, line, "missing (not a Labelbox export v2 line)", "data_row");
            var item = dataRow.Text("global_key") ?? dataRow.Text("external_id") ?? dataRow.Text("id")
                ?? throw new InputException(path, line, "a data row needs global_key, external_id or id", "data_row.global_key");
            results.Texts[item] = dataRow.Text("row_data") ?? "";
            if (row.Get("projects") is { ValueKind: JsonValueKind.Object } projects)
                foreach (var project in projects.EnumerateObject())
                    foreach (var label in project.Value.Array("labels"))
                    {
                        var who = label.Get("label_details")?.Text("created_by") ?? "unknown";
                        results.Annotations.Add(Parse(label, item, who, path, line));
                    }
            if (row.Get("experiments") is { ValueKind: JsonValueKind.Object } experiments)
                foreach (var experiment in experiments.EnumerateObject())
                    if (experiment.Value.Get("runs") is { ValueKind: JsonValueKind.Object } runs)
                        foreach (var run in runs.EnumerateObject())
                            foreach (var label in run.Value.Array("labels"))
                            {
                                var parsed = Parse(label, item, "model:" + (run.Value.Text("name") ?? run.Name), path, line);
                                results.Predictions.Add(parsed with { IsPrediction = true });
                            }
        }
        return results;
    }

    private static AnnotationRow Parse(JsonElement label, string item, string who, string path, long line)
    {
        var annotations = label.Get("annotations");
        string? answer = null;
        double? confidence = null;
        var spans = new List<TextSpan>();
        var any = false;
        if (annotations is { } a)
        {
            foreach (var c in a.Array("classifications"))
                if (c.Text("name") == ClassificationName && c.Get("radio_answer") is { } r)
                {
                    answer = r.Text("name");
                    confidence = r.Get("confidence") is { ValueKind: JsonValueKind.Number } conf ? conf.GetDouble() : null;
                }
            foreach (var o in a.Array("objects"))
            {
                if (o.Text("annotation_kind") is { } kind && kind != "TextEntity") continue;
                var location = o.Get("location") ?? throw new InputException(path, line, "a text entity needs a location", "annotations.objects.location");
                var start = location.Int("start", path, line, "annotations.objects.location");
                var end = location.Int("end", path, line, "annotations.objects.location");
                spans.Add(new TextSpan(start, end + 1, o.Text("name") ?? o.Text("value") ?? ""));
                any = true;
            }
        }
        return new AnnotationRow(item, who, answer, any ? TextSpans.Sorted(spans) : default) { Score = confidence };
    }
}
