using System.Text.Json;

namespace Winnow.Server.Store;

/// <summary>Spans and label lists as they are stored: compact JSON text.</summary>
internal static class StoreJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string? Spans(IReadOnlyList<Span>? spans) => spans is null ? null : JsonSerializer.Serialize(spans, Options);

    public static IReadOnlyList<Span>? Spans(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<List<Span>>(json, Options);

    public static string Labels(IReadOnlyList<string> labels) => JsonSerializer.Serialize(labels, Options);

    public static IReadOnlyList<string> Labels(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<string>>(json, Options) ?? [];

    /// <summary>Same spans, whatever their order.</summary>
    public static string Canonical(IReadOnlyList<Span>? spans) =>
        spans is null ? "" : string.Join(";", spans.OrderBy(s => s.Start).ThenBy(s => s.End).ThenBy(s => s.Label, StringComparer.Ordinal)
            .Select(s => $"{s.Start}:{s.End}:{s.Label}"));
}
