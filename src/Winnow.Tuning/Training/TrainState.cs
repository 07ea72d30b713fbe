using System.Text.Json;
using System.Text.Json.Serialization;

namespace Winnow.Tuning.Training;

/// <summary>
/// Where a training run stands, saved in every checkpoint with the weights, the optimizer moments and the torch
/// RNG state: enough to continue exactly as if the run had never stopped. The data position is (epoch, next
/// micro-batch); each epoch's order is a pure function of the seed and the epoch.
/// </summary>
public sealed record TrainState
{
    [JsonPropertyName("step")] public int Step { get; set; }
    [JsonPropertyName("epoch")] public int Epoch { get; set; }
    [JsonPropertyName("micro_batch")] public int MicroBatch { get; set; }
    [JsonPropertyName("best_metric")] public double? BestMetric { get; set; }
    [JsonPropertyName("best_step")] public int BestStep { get; set; }
    [JsonPropertyName("evals_without_improvement")] public int EvalsWithoutImprovement { get; set; }
    [JsonPropertyName("stopped_early")] public bool StoppedEarly { get; set; }
    [JsonPropertyName("recipe_seed")] public long Seed { get; set; }
    /// <summary>The recipe's hash when the run started (<see cref="RunFingerprint"/>); null in older checkpoints.</summary>
    [JsonPropertyName("recipe_hash")] public string? RecipeHash { get; set; }
    [JsonPropertyName("data_hash")] public string? DataHash { get; set; }

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public static TrainState FromJson(string json) => JsonSerializer.Deserialize<TrainState>(json, Options) ?? new TrainState();
}
