using System.Text.Json;
using System.Text.Json.Serialization;

namespace Winnow.Core.Running;

/// <summary>
/// The checkpoint of a run in progress (<c>.winnow/state.json</c>), rewritten atomically after each chunk: which
/// phase, how many source records of it are done, every partial file's length, and the counts so far.
/// </summary>
internal sealed class RunState
{
    [JsonPropertyName("recipe_sha256")] public string RecipeSha256 { get; set; } = "";
    [JsonPropertyName("seed")] public long Seed { get; set; }
    [JsonPropertyName("inputs_sha256")] public List<string> InputsSha256 { get; set; } = [];
    [JsonPropertyName("phase")] public int Phase { get; set; }
    [JsonPropertyName("consumed")] public long Consumed { get; set; }
    [JsonPropertyName("sinks")] public Dictionary<string, SinkCheckpoint> Sinks { get; set; } = [];
    [JsonPropertyName("steps")] public List<StepStats> Steps { get; set; } = [];
    [JsonPropertyName("inputs")] public List<InputStats> Inputs { get; set; } = [];
    /// <summary>Set once every phase is done and the finish starts moving files: a resume completes the finish.</summary>
    [JsonPropertyName("finishing")] public bool Finishing { get; set; }
    [JsonPropertyName("profile")] public Reporting.RunProfile Profile { get; set; } = new();
    /// <summary>A sharded run's tasks (plans and shards, in order) with their seconds and peak memory, for run.json; null in one process.</summary>
    [JsonPropertyName("tasks")] public List<TaskFigures>? Tasks { get; set; }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public void Save(string path) => Files.WriteAtomically(path, JsonSerializer.SerializeToUtf8Bytes(this, Json));

    /// <summary>The checkpoint's counts as they are now, saved later by the sinks' writer (<see cref="CheckpointJson"/>).</summary>
    public Action SaveLater(string path) => CheckpointJson.SaveLater(this, Profile, path, Json);

    public static RunState? Load(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<RunState>(File.ReadAllBytes(path), Json) : null;
}

/// <summary>One task of a sharded run: <c>stage S shard I</c> or <c>plan S</c>, its seconds (every attempt's) and its peak resident memory.</summary>
internal sealed record TaskFigures(
    [property: JsonPropertyName("task")] string Task,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("peak_rss_bytes")] long PeakRssBytes);
