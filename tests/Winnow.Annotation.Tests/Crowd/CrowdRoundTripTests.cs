using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Winnow.Annotation.Agreement;
using Winnow.Annotation.Crowd;
using Winnow.Core.Records;

namespace Winnow.Annotation.Tests.Crowd;

/// <summary>
/// Export → the platform's result format (built here the way each platform writes it) → import: every person's
/// annotation and every pre-label comes back, none lost, none changed.
/// </summary>
public sealed class CrowdRoundTripTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("winnow-crowd-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly Record[] Records =
    [
        new() { Id = "r1", Text = "Jane Doe flew to Paris, \"quoted\", ok", Label = "travel", Spans = [new(0, 8, "person"), new(17, 22, "location")],
            Meta = Meta.Empty.Set("label_confidence", 0.91) },
        new() { Id = "r2", Text = "card, not\narrived yet", Label = "card_arrival", Meta = Meta.Empty.Set("label_confidence", 0.4) },
        new() { Id = "r3", Text = "no proposal here" },
    ];

    private static readonly CrowdExportSettings Settings = new(["card_arrival", "travel", "other"], ["person", "location"]);

    // What three workers say about each item: (item, worker, label, spans).
    private static readonly AnnotationRow[] People =
    [
        new("r1", "w1", "travel", [new(0, 8, "person"), new(17, 22, "location")]),
        new("r1", "w2", "other", [new(0, 4, "person")]),
        new("r2", "w1", "card_arrival", default),
        new("r2", "w3", "card_arrival", default),
        new("r3", "w2", "other", default),
    ];

    private List<CrowdItem> Items() => [.. Records.Select(r => CrowdItem.From(r, predictions: true))];

    [Fact]
    public void LabelStudio_ExportThenJsonExport_LosesNothing()
    {
        var path = Path.Combine(_dir, "tasks.json");
        var files = new LabelStudioFormat().Export(Items(), Settings, path);
        Assert.Contains("<Choice value=\"travel\"/>", File.ReadAllText(files[1]));
        // Label Studio's JSON export: the imported tasks with ids, the predictions kept, annotations added.
        var tasks = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        var id = 100;
        foreach (var task in tasks)
        {
            task!["id"] = id++;
            var item = task["data"]!["winnow_id"]!.GetValue<string>();
            var annotations = new JsonArray();
            foreach (var p in People.Where(p => p.Item == item))
            {
                var result = LabelStudioFormat.Result(p.Label, p.Spans.IsDefault ? [] : p.Spans, task["data"]!["text"]!.GetValue<string>(), "a");
                annotations.Add(new JsonObject
                {
                    ["id"] = id++, ["completed_by"] = new JsonObject { ["id"] = 7, ["email"] = p.Annotator }, ["result"] = result,
                    ["was_cancelled"] = false, ["ground_truth"] = false, ["lead_time"] = 3.2,
                });
            }
            annotations.Add(new JsonObject { ["id"] = id++, ["completed_by"] = 9, ["result"] = new JsonArray(), ["was_cancelled"] = true });
            task["annotations"] = annotations;
        }
        var results = Path.Combine(_dir, "export.json");
        File.WriteAllText(results, tasks.ToJsonString());
        AssertNothingLost(new LabelStudioFormat().Import(results));
    }

    [Fact]
    public void MTurk_ExportThenBatchResults_LosesNothing()
    {
        var path = Path.Combine(_dir, "input.csv");
        var files = new MTurkFormat().Export(Items(), Settings with { SpanLabels = [] }, path);
        Assert.Contains("crowd-classifier", File.ReadAllText(files[1]));
        var input = ReadCsv(path);
        var header = input[0];
        var lines = new List<string>
        {
            string.Join(",", new[] { "HITId", "HITTypeId", "Title", "AssignmentId", "WorkerId", "AssignmentStatus", "WorkTimeInSeconds" }
                .Concat(header.Select(h => "Input." + h)).Concat(["Answer.label.label", "Answer.entities.entities", "Approve", "Reject"])),
        };
        var hit = 0;
        foreach (var row in input.Skip(1))
        {
            hit++;
            var item = row[0];
            foreach (var p in People.Where(p => p.Item == item))
                lines.Add(Row([$"HIT{hit}", "T1", "Classify", $"A{lines.Count}", p.Annotator, "Approved", "31", .. row, p.Label,
                    p.Spans.IsDefault ? "" : JsonSerializer.Serialize(p.Spans.Select(s => new { startOffset = s.Start, endOffset = s.End, label = s.Label })), "", ""]));
            lines.Add(Row([$"HIT{hit}", "T1", "Classify", $"A{lines.Count}", "spammer", "Rejected", "2", .. row, "other", "", "", "x"]));
        }
        var results = Path.Combine(_dir, "Batch_1_batch_results.csv");
        File.WriteAllText(results, string.Join("\r\n", lines) + "\r\n");
        AssertNothingLost(new MTurkFormat().Import(results));
    }

    [Fact]
    public void Labelbox_ExportThenExportV2_LosesNothing()
    {
        var path = Path.Combine(_dir, "rows.ndjson");
        var files = new LabelboxFormat().Export(Items(), Settings, path);
        var predictions = File.ReadLines(files[1]).Select(l => JsonNode.Parse(l)!).ToList();
        var lines = new List<string>();
        foreach (var line in File.ReadLines(path))
        {
            var dataRow = JsonNode.Parse(line)!;
            var key = dataRow["global_key"]!.GetValue<string>();
            var labels = new JsonArray();
            foreach (var p in People.Where(p => p.Item == key))
                labels.Add(Label(p.Annotator, p.Label, p.Spans.IsDefault ? [] : [.. p.Spans.Select(s => (s.Label, s.Start, s.End - 1))], null));
            var mine = predictions.Where(p => p["dataRow"]!["globalKey"]!.GetValue<string>() == key).ToList();
            var export = new JsonObject
            {
                ["data_row"] = new JsonObject { ["id"] = "ck" + key, ["global_key"] = key, ["row_data"] = dataRow["row_data"]!.GetValue<string>() },
                ["media_attributes"] = new JsonObject { ["mime_type"] = "text/plain" },
                ["projects"] = new JsonObject { ["proj1"] = new JsonObject { ["name"] = "intents", ["labels"] = labels } },
            };
            if (mine.Count > 0)
            {
                var answer = mine.FirstOrDefault(p => p["answer"] is not null)?["answer"];
                var run = Label("model", answer?["name"]?.GetValue<string>(),
                    [.. mine.Where(p => p["location"] is not null).Select(p => (p["name"]!.GetValue<string>(), p["location"]!["start"]!.GetValue<int>(), p["location"]!["end"]!.GetValue<int>()))],
                    answer?["confidence"]?.GetValue<double>());
                export["experiments"] = new JsonObject { ["exp1"] = new JsonObject { ["runs"] = new JsonObject { ["run1"] = new JsonObject { ["name"] = "winnow", ["labels"] = new JsonArray(run) } } } };
            }
            lines.Add(export.ToJsonString());
        }
        var results = Path.Combine(_dir, "export.ndjson");
        File.WriteAllLines(results, lines);
        AssertNothingLost(new LabelboxFormat().Import(results), predictionAnnotator: "model:winnow");
    }

    private static JsonObject Label(string who, string? answer, (string Name, int Start, int End)[] entities, double? confidence)
    {
        var classifications = new JsonArray();
        if (answer is not null)
        {
            var radio = new JsonObject { ["name"] = answer, ["value"] = answer, ["classifications"] = new JsonArray() };
            if (confidence is { } c) radio["confidence"] = c;
            classifications.Add(new JsonObject { ["feature_id"] = "f1", ["name"] = "label", ["value"] = "label", ["radio_answer"] = radio });
        }
        var objects = new JsonArray([.. entities.Select(e => (JsonNode)new JsonObject
        {
            ["feature_id"] = "o", ["name"] = e.Name, ["value"] = e.Name, ["annotation_kind"] = "TextEntity",
            ["location"] = new JsonObject { ["start"] = e.Start, ["end"] = e.End },
        })]);
        return new JsonObject
        {
            ["id"] = "l1", ["label_details"] = new JsonObject { ["created_by"] = who, ["created_at"] = "2026-11-30T12:00:00+00:00" },
            ["annotations"] = new JsonObject { ["objects"] = objects, ["classifications"] = classifications, ["relationships"] = new JsonArray() },
        };
    }

    private static void AssertNothingLost(CrowdResults results, string predictionAnnotator = "model:winnow")
    {
        static string Key(AnnotationRow r) =>
            $"{r.Item}|{r.Annotator}|{r.Label}|{(r.Spans.IsDefault ? "-" : string.Join(";", r.Spans))}|{r.Score?.ToString(CultureInfo.InvariantCulture)}";
        Assert.Equal(People.Select(Key).Order(), results.Annotations.Select(Key).Order());
        var expected = Records.Where(r => r.Label is not null).Select(r => new AnnotationRow(r.Id, predictionAnnotator, r.Label,
            r.Spans.Length > 0 ? r.Spans : default) { Score = r.Meta.TryGetValue("label_confidence", out var c) ? c.GetDouble() : null });
        Assert.Equal(expected.Select(Key).Order(), results.Predictions.Select(Key).Order());
        Assert.Equal(Records.Select(r => r.Text), Records.Select(r => results.Texts[r.Id]));
    }

    private static List<List<string>> ReadCsv(string path) => [.. Csv.Read(path).Select(r => r.Fields)];

    private static string Row(IEnumerable<string?> fields) => Csv.Row(fields);
}
