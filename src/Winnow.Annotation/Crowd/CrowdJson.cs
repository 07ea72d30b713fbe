using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Winnow.Core;

namespace Winnow.Annotation.Crowd;

/// <summary>JSON helpers shared by the platform formats: stable writing, and reads that name the file and field on error.</summary>
internal static class CrowdJson
{
    public static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    public static readonly JsonSerializerOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    public static string Line(JsonNode node) => node.ToJsonString(Compact);

    public static JsonElement ParseFile(string path)
    {
        if (!File.Exists(path)) throw new WinnowException($"{path}: no such file");
        try { return JsonDocument.Parse(File.ReadAllText(path)).RootElement; }
        catch (JsonException e) { throw new InputException(path, (e.LineNumber ?? -1) + 1, $"not JSON: {e.Message}"); }
    }

    /// <summary>Each non-blank line of an NDJSON file, parsed, with its line number.</summary>
    public static IEnumerable<(long Line, JsonElement Value)> ReadLines(string path)
    {
        if (!File.Exists(path)) throw new WinnowException($"{path}: no such file");
        long n = 0;
        foreach (var text in File.ReadLines(path))
        {
            n++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            JsonElement value;
            try { value = JsonDocument.Parse(text).RootElement; }
            catch (JsonException e) { throw new InputException(path, n, $"not JSON: {e.Message}"); }
            yield return (n, value);
        }
    }

    public static JsonElement? Get(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    /// <summary>A string or number as text; null when absent.</summary>
    public static string? Text(this JsonElement e, string name) => e.Get(name) is { } v
        ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()
        : null;

    public static IEnumerable<JsonElement> Array(this JsonElement e, string name) =>
        e.Get(name) is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray() : [];

    public static int Int(this JsonElement e, string name, string file, long line, string field) =>
        e.Get(name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out var n) ? n
            : throw new InputException(file, line, "expected an integer", $"{field}.{name}");
}
