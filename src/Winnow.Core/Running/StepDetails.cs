using Winnow.Core.Steps;

namespace Winnow.Core.Running;

internal static class StepDetails
{
    /// <summary>A plan's details as sorted tables (ordinal), so the manifest's bytes do not depend on dictionary order.</summary>
    public static SortedDictionary<string, SortedDictionary<string, long>> Copy(IStepDetails plan) =>
        Sorted(plan.Details.ToDictionary(t => t.Key, t => (IEnumerable<KeyValuePair<string, long>>)t.Value))!;

    /// <summary>Sorted again, ordinally: a checkpoint read back sorts with the default (culture) comparer.</summary>
    public static SortedDictionary<string, SortedDictionary<string, long>>? Sorted<T>(IDictionary<string, T>? tables) where T : IEnumerable<KeyValuePair<string, long>> =>
        tables is null ? null : new(tables.ToDictionary(t => t.Key, t => new SortedDictionary<string, long>(t.Value.ToDictionary(), StringComparer.Ordinal)), StringComparer.Ordinal);

    /// <summary>A plan's details and a batch step's summed counts as one set of sorted tables; null when neither has any.</summary>
    public static SortedDictionary<string, SortedDictionary<string, long>>? Merge(
        SortedDictionary<string, SortedDictionary<string, long>>? details, SortedDictionary<string, SortedDictionary<string, long>>? counts)
    {
        if (counts is null || counts.Count == 0) return Sorted(details);
        var all = Sorted(details) ?? new(StringComparer.Ordinal);
        foreach (var (name, table) in Sorted(counts)!) all[name] = table;
        return all;
    }

    /// <summary>A deep copy (checkpoint snapshots during a resume's replay).</summary>
    public static SortedDictionary<string, SortedDictionary<string, long>>? Clone(SortedDictionary<string, SortedDictionary<string, long>>? tables) =>
        Sorted(tables);
}
