using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Winnow.Core;
using Winnow.Server.Store;

namespace Winnow.Cli.Commands.Annotate;

/// <summary>
/// <c>winnow annotate export [--db DB] [--project NAME] [--output OUT.jsonl] [--decided-only]</c>: every item of a
/// project as its record, with the label (or spans) it ends with and <c>meta.annotation</c> (status, each
/// person's label, reviews). Undecided items keep their record as loaded and say why (tie, unlabelled,
/// rejected), so nothing is lost. Written to a temporary name and renamed when complete.
/// </summary>
internal static class AnnotateExportCommand
{
    public static Command Create()
    {
        var db = AnnotateCommand.DbOption();
        var project = AnnotateCommand.ProjectOption("Project name (default: the store's first project).");
        var output = new Option<string?>("--output", "-o") { Description = "Output JSONL (default: PROJECT.labels.jsonl)." };
        var decidedOnly = new Option<bool>("--decided-only") { Description = "Only items with a decided label or spans." };
        var command = new Command("export", "Write a project's records with the labels people decided (JSONL).") { db, project, output, decidedOnly };
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            var store = LabelStore.OpenAsync(parse.GetValue(db)!).GetAwaiter().GetResult();
            var p = store.ProjectAsync(parse.GetValue(project)).GetAwaiter().GetResult()
                ?? throw new WinnowException(parse.GetValue(project) is { } n ? $"no project '{n}' in {store.Location.Display}" : $"{store.Location.Display} holds no project", 2);
            var path = parse.GetValue(output) ?? p.Name + ".labels.jsonl";
            var temp = path + ".tmp";
            long written = 0, decided = 0;
            using (var w = new StreamWriter(temp, false, new UTF8Encoding(false)))
            {
                var items = store.ExportAsync(p).ToBlockingEnumerable();
                foreach (var item in items)
                {
                    var isDecided = p.IsSpans ? item.Spans is not null : item.Label is not null;
                    if (parse.GetValue(decidedOnly) && !isDecided) continue;
                    w.Write(Line(item, p.IsSpans));
                    w.Write('\n');
                    written++;
                    if (isDecided) decided++;
                }
            }
            File.Move(temp, path, overwrite: true);
            Console.Error.WriteLine($"{p.Name}: {written:N0} records ({decided:N0} decided) → {path}");
            return 0;
        }));
        return command;
    }

    private static readonly string[] KeyOrder = ["id", "text", "messages", "prompt", "completion", "label", "labels", "spans", "meta", "provenance"];

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The record as loaded, with the decided label or spans and meta.annotation; keys in the canonical order.</summary>
    internal static string Line(ExportedItem item, bool spans)
    {
        var record = JsonNode.Parse(item.RecordJson)!.AsObject();
        var meta = record["meta"] as JsonObject ?? new JsonObject();
        meta.Remove("spans"); // spans travel as the record's own field
        if (!spans && item.Label is not null)
        {
            record["label"] = item.Label;
            meta["label_source"] = "human";
            meta.Remove("label_confidence");
        }
        if (spans && item.Spans is not null)
        {
            record["spans"] = new JsonArray(item.Spans.Select(s => (JsonNode)new JsonObject { ["start"] = s.Start, ["end"] = s.End, ["label"] = s.Label }).ToArray());
            meta["spans_source"] = "human";
        }
        else if (spans && record["spans"] is null && JsonNode.Parse(item.RecordJson)?["meta"]?["spans"] is { } original)
        {
            record["spans"] = original.DeepClone();
        }
        meta["annotation"] = new JsonObject
        {
            ["status"] = item.Status,
            ["gold"] = item.IsGold,
            ["votes"] = new JsonArray(item.Votes.Select(v => (JsonNode)new JsonObject
            {
                ["annotator"] = v.Annotator,
                [spans ? "spans" : "label"] = spans ? JsonSerializer.SerializeToNode(v.Spans) : v.Label,
            }).ToArray()),
            ["reviews"] = new JsonArray(item.Reviews.Select(r => (JsonNode)new JsonObject
            {
                ["reviewer"] = r.Reviewer, ["decision"] = r.Decision, ["comment"] = r.Comment,
            }).ToArray()),
        };
        record["meta"] = meta.Parent is null ? meta : meta.DeepClone();
        var ordered = new JsonObject();
        foreach (var key in KeyOrder.Concat(record.Select(kv => kv.Key).Where(k => !KeyOrder.Contains(k))).ToList())
            if (record[key] is { } value) ordered[key] = value.DeepClone();
        return ordered.ToJsonString(Json);
    }
}
