using Winnow.Core;
using Winnow.Core.Steps;

namespace Winnow.Curation.Split;

/// <summary>
/// What a split plan reports (<see cref="IStepDetails"/>, into the manifest, the run summary and the report):
/// <c>split_sizes</c> (records per split, the test file's records included) and, when one text sits in two splits,
/// <c>identical_across_splits</c> (distinct texts per pair of splits, e.g. <c>"train+test": 3</c>). Identical texts
/// across splits leak the answer to an evaluation; they appear when a step after dedup (<c>pii.redact</c>,
/// <c>normalize</c>) makes two records equal.
/// </summary>
internal static class SplitReport
{
    public const string Sizes = "split_sizes";
    public const string Identical = "identical_across_splits";

    public static Dictionary<string, IReadOnlyDictionary<string, long>> Details(byte[] plan, List<string> splits, List<ulong> texts, int testRecords, byte skipped)
    {
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var s in splits) sizes[s] = 0;
        foreach (var p in plan) if (p != skipped) sizes[splits[p]]++;
        if (testRecords > 0) sizes["test"] = sizes.GetValueOrDefault("test") + testRecords;
        var details = new Dictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal) { [Sizes] = sizes };
        var pairs = IdenticalPairs(plan, splits, texts, skipped);
        if (pairs.Count > 0) details[Identical] = pairs.ToDictionary(kv => kv.Key, kv => (long)kv.Value.Count, StringComparer.Ordinal);
        return details;
    }

    /// <summary>Pair of splits ("train+test", in the splits' order) → the hashes of texts found in both.</summary>
    private static Dictionary<string, HashSet<ulong>> IdenticalPairs(byte[] plan, List<string> splits, List<ulong> texts, byte skipped)
    {
        var where = new Dictionary<ulong, int>(); // text → bit set of the splits it is in
        for (var i = 0; i < plan.Length; i++)
            if (plan[i] != skipped) where[texts[i]] = where.GetValueOrDefault(texts[i]) | (1 << plan[i]);
        var pairs = new Dictionary<string, HashSet<ulong>>(StringComparer.Ordinal);
        foreach (var (text, bits) in where)
            for (var a = 0; a < splits.Count; a++)
                for (var b = a + 1; b < splits.Count; b++)
                    if ((bits & (1 << a)) != 0 && (bits & (1 << b)) != 0)
                    {
                        var key = $"{splits[a]}+{splits[b]}";
                        if (!pairs.TryGetValue(key, out var set)) pairs[key] = set = [];
                        set.Add(text);
                    }
        return pairs;
    }

    /// <summary>With <c>identical_across: fail</c>: stops the run, quoting up to three of the texts.</summary>
    public static void FailOnIdentical(
        Dictionary<string, IReadOnlyDictionary<string, long>> details, byte[] plan, List<string> splits, List<ulong> texts,
        IRecordSource input, CancellationToken ct)
    {
        if (!details.TryGetValue(Identical, out var pairs)) return;
        var shared = IdenticalPairs(plan, splits, texts, byte.MaxValue).Values.SelectMany(s => s).ToHashSet();
        var examples = new List<string>();
        long i = 0;
        foreach (var record in input.Read(ct))
        {
            if (shared.Remove(texts[(int)i++]) && examples.Count < 3)
                examples.Add(record.ContentText.Length > 80 ? record.ContentText[..80] + "…" : record.ContentText);
            if (examples.Count == 3) break;
        }
        throw new WinnowException(
            $"split: {string.Join(", ", pairs.Select(p => $"{p.Value:N0} text(s) in both {p.Key.Replace("+", " and ", StringComparison.Ordinal)}"))} " +
            $"(e.g. {string.Join(" | ", examples.Select(e => $"\"{e}\""))}); run dedup after the steps that change texts (pii.redact, normalize), " +
            "or set identical_across: warn");
    }
}
