using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Winnow.Core;
using Winnow.Server.Store;

namespace Winnow.Cli.Commands.Annotate;

/// <summary>
/// The store side of <c>winnow annotate export</c> (<see cref="ExportCommand"/>): every item of a project as its
/// record, with the label (or spans) it ends with and <c>meta.annotation</c> (status, each person's label,
/// reviews). Undecided items keep their record as loaded and say why (tie, unlabelled, rejected), so nothing is
/// lost. Written to a temporary name and renamed when complete.
/// </summary>
internal static class StoreExport
{
    /// <summary>The project's records as JSONL lines (<see cref="Line"/>), with whether each is decided.</summary>
    public static (Project Project, IEnumerable<(string Line, bool Decided)> Lines) Read(string db, string? project)
    {
        var store = LabelStore.OpenAsync(db).GetAwaiter().GetResult();
        var p = store.ProjectAsync(project).GetAwaiter().GetResult()
            ?? throw new WinnowException(project is { } n ? $"no project '{n}' in {store.Location.Display}" : $"{store.Location.Display} holds no project", 2);
        return (p, store.ExportAsync(p).ToBlockingEnumerable()
            .Select(item => (Line(item, p.IsSpans), p.IsSpans ? item.Spans is not null : item.Label is not null)));
    }

    /// <summary>Writes the project's records to <paramref name="path"/> (default PROJECT.labels.jsonl); returns the counts.</summary>
    public static int WriteJsonl(string db, string? project, string? path, bool decidedOnly)
    {
        var (p, lines) = Read(db, project);
        path ??= p.Name + ".labels.jsonl";
        var temp = path + ".tmp";
        long written = 0, decided = 0;
        using (var w = new StreamWriter(temp, false, new UTF8Encoding(false)))
        {
            foreach (var (line, isDecided) in lines)
            {
                if (decidedOnly && !isDecided) continue;
                w.Write(line);
                w.Write('\n');
                written++;
                if (isDecided) decided++;
            }
        }
        File.Move(temp, path, overwrite: true);
        Console.Error.WriteLine($"{p.Name}: {written:N0} records ({decided:N0} decided) → {path}");
        return 0;
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
