using System.Text.Json;
using System.Text.Json.Serialization;

namespace Winnow.Core.Running;

/// <summary>
/// <c>manifest.json</c>: what a run read, did and wrote. Deterministic: the same inputs, recipe and seed give
/// the same bytes (timings go to <c>run.json</c>). For every step, <c>in = out + dropped − created</c>.
/// </summary>
public sealed class Manifest
{
    [JsonPropertyName("tool")] public string Tool { get; set; } = "winnow";
    [JsonPropertyName("version")] public string Version { get; set; } = "";
    [JsonPropertyName("recipe")] public ManifestRecipe Recipe { get; set; } = new();
    [JsonPropertyName("seed")] public long Seed { get; set; }
    [JsonPropertyName("inputs")] public List<ManifestInput> Inputs { get; set; } = [];
    [JsonPropertyName("steps")] public List<ManifestStep> Steps { get; set; } = [];
    [JsonPropertyName("outputs")] public List<ManifestFile> Outputs { get; set; } = [];
    [JsonPropertyName("rejects")] public List<ManifestFile> Rejects { get; set; } = [];

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static Manifest Load(string path) => JsonSerializer.Deserialize<Manifest>(File.ReadAllBytes(path), Json)!;
}

public sealed class ManifestRecipe
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("sha256")] public string Sha256 { get; set; } = "";
}

public sealed class ManifestInput
{
    [JsonPropertyName("path")] public string Path { get; set; } = "";
    [JsonPropertyName("sha256")] public string Sha256 { get; set; } = "";
    [JsonPropertyName("records")] public long Records { get; set; }
    [JsonPropertyName("malformed")] public long Malformed { get; set; }
}

public sealed class ManifestStep
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("in")] public long In { get; set; }
    [JsonPropertyName("out")] public long Out { get; set; }
    [JsonPropertyName("dropped")] public SortedDictionary<string, long> Dropped { get; set; } = new(StringComparer.Ordinal);
    [JsonPropertyName("created")] public long Created { get; set; }
    [JsonPropertyName("rejects")] public string? Rejects { get; set; }

    /// <summary>Named count tables from the step's plan (<see cref="Steps.IStepDetails"/>), e.g. balance's classes before and after; absent for most steps.</summary>
    [JsonPropertyName("details")] public SortedDictionary<string, SortedDictionary<string, long>>? Details { get; set; }
}

public sealed class ManifestFile
{
    [JsonPropertyName("path")] public string Path { get; set; } = "";
    [JsonPropertyName("format")] public string? Format { get; set; }
    [JsonPropertyName("records")] public long Records { get; set; }
    [JsonPropertyName("sha256")] public string Sha256 { get; set; } = "";
}

/// <summary>What <see cref="Runner.Run"/> returns: the manifest, and the per-step timings of this run.</summary>
public sealed record RunResult(Manifest Manifest, IReadOnlyList<StepStats> Steps, TimeSpan Elapsed, string OutputDirectory);
