using System.Text.Json;
using System.Text.Json.Serialization;

namespace Winnow.Core.Running.Sharding;

/// <summary>
/// What one shard task (or one shard's part of a central plan) did: counts per step and input, its profile, and its
/// part files (key → length and records). The merge sums them into the manifest and report.
/// </summary>
internal sealed class ShardStats
{
    [JsonPropertyName("recipe_sha256")] public string RecipeSha256 { get; set; } = "";
    [JsonPropertyName("seed")] public long Seed { get; set; }
    [JsonPropertyName("steps")] public List<StepStats> Steps { get; set; } = [];
    [JsonPropertyName("inputs")] public List<InputStats> Inputs { get; set; } = [];
    [JsonPropertyName("profile")] public Reporting.RunProfile Profile { get; set; } = new();
    [JsonPropertyName("parts")] public SortedDictionary<string, SinkCheckpoint> Parts { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Records in the task's spill (the next stage's input from this shard); its offset in the whole follows from it.</summary>
    [JsonPropertyName("spilled")] public long Spilled { get; set; }
    [JsonPropertyName("seconds")] public double Seconds { get; set; }
    /// <summary>The task process's peak resident memory (VmHWM), the largest of its attempts': what <c>--mem</c> must allow.</summary>
    [JsonPropertyName("peak_rss_bytes")] public long PeakRssBytes { get; set; }
    /// <summary>In a running task's checkpoint: the source records done (its parts hold their bytes); 0 once finished.</summary>
    [JsonPropertyName("consumed")] public long Consumed { get; set; }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public void Save(string path) => Files.WriteAtomically(path, JsonSerializer.SerializeToUtf8Bytes(this, Json));

    /// <summary>The stats' counts as they are now, saved later by the sinks' writer (<see cref="CheckpointJson"/>).</summary>
    public Action SaveLater(string path) => CheckpointJson.SaveLater(this, Profile, path, Json);

    /// <summary>The stats at <paramref name="path"/>, or null when there are none (or a write of them was torn).</summary>
    public static ShardStats? TryLoad(string path)
    {
        try { return File.Exists(path) ? Load(path) : null; }
        catch (JsonException) { return null; }
    }

    public static ShardStats Load(string path) => JsonSerializer.Deserialize<ShardStats>(File.ReadAllBytes(path), Json)
        ?? throw new WinnowException($"{path}: empty shard stats");
}
