using System.Text.Json.Serialization;

namespace Winnow.Core.Running;

/// <summary>
/// Counts for one step of a run. For every step: <c>In = Out + Dropped − Created</c> (checked at the end).
/// Mutable, and touched only by the runner's single coordinating thread.
/// </summary>
public sealed class StepStats
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("in")] public long In { get; set; }
    [JsonPropertyName("out")] public long Out { get; set; }
    [JsonPropertyName("dropped")] public SortedDictionary<string, long> Dropped { get; set; } = new(StringComparer.Ordinal);
    [JsonPropertyName("created")] public long Created { get; set; }

    /// <summary>Wall time spent in the step, in seconds; not part of the deterministic manifest.</summary>
    [JsonPropertyName("seconds")] public double Seconds { get; set; }

    /// <summary>Named count tables from the step's plan (<see cref="Steps.IStepDetails"/>); kept in the checkpoint so a resumed run reports them.</summary>
    [JsonPropertyName("details")] public SortedDictionary<string, SortedDictionary<string, long>>? Details { get; set; }

    /// <summary>
    /// Count tables a batch step returned (<see cref="Steps.BatchOutcome.Counts"/>), summed over its batches, chunks and
    /// shards; in the checkpoint so a resumed run reports them. The manifest shows them with <see cref="Details"/>.
    /// </summary>
    [JsonPropertyName("counts")] public SortedDictionary<string, SortedDictionary<string, long>>? Counts { get; set; }

    [JsonIgnore] public long DroppedTotal => Dropped.Values.Sum();

    public bool Balanced => In == Out + DroppedTotal - Created;

    /// <summary>Adds <paramref name="tables"/> to <see cref="Counts"/>.</summary>
    public void AddCounts(IEnumerable<KeyValuePair<string, IReadOnlyDictionary<string, long>>>? tables)
    {
        if (tables is null) return;
        foreach (var (name, table) in tables)
        {
            Counts ??= new(StringComparer.Ordinal);
            if (!Counts.TryGetValue(name, out var into)) Counts[name] = into = new(StringComparer.Ordinal);
            foreach (var (key, n) in table) into[key] = into.GetValueOrDefault(key) + n;
        }
    }

    public void Drop(string reason)
    {
        Dropped.TryGetValue(reason, out var n);
        Dropped[reason] = n + 1;
    }
}

/// <summary>Counts for one input file.</summary>
public sealed class InputStats
{
    [JsonPropertyName("path")] public string Path { get; set; } = "";
    [JsonPropertyName("records")] public long Records { get; set; }
    [JsonPropertyName("malformed")] public long Malformed { get; set; }
}
