using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Winnow.Core.Reporting;

namespace Winnow.Core.Running;

/// <summary>
/// A checkpoint (<see cref="RunState"/>, a shard's stats) saved by the sinks' writer: its counts are taken now, on the
/// runner's thread, and its <see cref="RunProfile"/> when the writer saves it, because the writer is the thread that folds
/// the chunks' records into the profile (after this chunk's, before the next one's).
/// </summary>
internal static class CheckpointJson
{
    private static readonly Dictionary<JsonSerializerOptions, JsonSerializerOptions> WithoutProfile = [];

    public static Action SaveLater<T>(T state, RunProfile profile, string path, JsonSerializerOptions options)
    {
        var counts = JsonSerializer.SerializeToUtf8Bytes(state, Without(options));
        return () =>
        {
            // {…counts…} + "profile": {…} → {…counts…, "profile": {…}}
            var end = Array.LastIndexOf(counts, (byte)'}');
            using var json = new MemoryStream(counts.Length + 4096);
            json.Write(counts, 0, end);
            json.Write(end > 1 && counts.AsSpan(0, end).IndexOfAnyExcept(" \r\n\t{"u8) >= 0 ? ",\"profile\":"u8 : "\"profile\":"u8);
            JsonSerializer.Serialize(json, profile, options);
            json.Write("}"u8);
            Files.WriteAtomically(path, json.ToArray());
        };
    }

    /// <summary>The options with every <see cref="RunProfile"/> property left out.</summary>
    private static JsonSerializerOptions Without(JsonSerializerOptions options)
    {
        lock (WithoutProfile)
        {
            if (WithoutProfile.TryGetValue(options, out var without)) return without;
            var resolver = new DefaultJsonTypeInfoResolver();
            resolver.Modifiers.Add(info =>
            {
                for (var i = info.Properties.Count - 1; i >= 0; i--)
                    if (info.Properties[i].PropertyType == typeof(RunProfile)) info.Properties.RemoveAt(i);
            });
            return WithoutProfile[options] = new JsonSerializerOptions(options) { TypeInfoResolver = resolver };
        }
    }
}
