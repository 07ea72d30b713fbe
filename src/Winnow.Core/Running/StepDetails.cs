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
}
