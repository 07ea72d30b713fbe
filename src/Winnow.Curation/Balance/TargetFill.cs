using System.Collections.Immutable;
using System.Globalization;
using Winnow.Core.Records;
using Winnow.Core.Steps;
using Winnow.Core.Text;

namespace Winnow.Curation.Balance;

/// <summary>A class below target: its records (all, real, derived), the target, and how many variants it may get.</summary>
internal sealed record ClassDeficit(string Class, int Records, int Real, int Derived, int Target, int Quota)
{
    /// <summary>Records the synthetic share cap keeps it short of the target (0 when the cap does not bind).</summary>
    public int ShortByCap => Math.Max(0, Target - Records) - Quota;
}

/// <summary>What the fill did: variants and turned-away variants by parent index, and variants per class and generator.</summary>
internal sealed record FillResult(
    Dictionary<long, ImmutableArray<Record>> Variants, Dictionary<long, ImmutableArray<RejectedRecord>> Rejected,
    Dictionary<string, int> Filled, Dictionary<string, long> UsedBy, Dictionary<string, long> Dropped, long Made,
    Dictionary<string, Dictionary<string, long>> GeneratorCounts);

/// <summary>
/// Fills each class's quota with variants from the generators, in rounds. A round takes a class's next
/// ⌈remaining ÷ generators⌉ parents (its real records in seeded-priority order), runs every generator on the parents
/// of all classes of the round at once, and takes their variants in the order (variant number, parent, generator): so a
/// class gets one variant of many parents, from each generator in turn, before a second variant of any. Variants past
/// the quota (<c>not_needed</c>), repeating a variant already taken for the class (<c>duplicate_variant</c>) and
/// those the generators or their guards turned away go to the step's rejects beside their parent. Rounds go on until
/// every class has its quota or has no parent left; a parent's variants depend on it alone, so the result does not
/// depend on how rounds group parents, only on the seed.
/// </summary>
internal static class TargetFill
{
    public static async Task<FillResult> RunAsync(
        IReadOnlyList<ClassDeficit> classes, IReadOnlyDictionary<string, List<(long Index, Record Record)>> parents,
        IReadOnlyList<FillGenerator> generators, Func<Record, string> stratum, CancellationToken cancellationToken)
    {
        var variants = new Dictionary<long, List<Record>>();
        var rejected = new Dictionary<long, List<RejectedRecord>>();
        var filled = classes.ToDictionary(c => c.Class, _ => 0, StringComparer.Ordinal);
        var used = generators.ToDictionary(g => g.Name, _ => 0L, StringComparer.Ordinal);
        var dropped = new Dictionary<string, long>(StringComparer.Ordinal);
        var counts = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        var seen = classes.ToDictionary(c => c.Class, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        var next = classes.ToDictionary(c => c.Class, _ => 0, StringComparer.Ordinal);
        long made = 0;

        void Reject(long parent, Record variant, string reason, string? detail = null)
        {
            if (!rejected.TryGetValue(parent, out var list)) rejected[parent] = list = [];
            list.Add(new RejectedRecord(variant, reason, detail));
            dropped[reason] = dropped.GetValueOrDefault(reason) + 1;
        }

        while (true)
        {
            var round = new List<(ClassDeficit Class, List<(long Index, Record Record)> Parents)>();
            foreach (var c in classes)
            {
                var remaining = c.Quota - filled[c.Class];
                var pool = parents[c.Class];
                if (remaining <= 0 || next[c.Class] >= pool.Count) continue;
                var n = Math.Min((remaining + generators.Count - 1) / generators.Count, pool.Count - next[c.Class]);
                round.Add((c, pool.GetRange(next[c.Class], n)));
                next[c.Class] += n;
            }
            if (round.Count == 0) break;

            var all = round.SelectMany(r => r.Parents).ToList();
            var outcomes = new Outcome[generators.Count][];
            for (var g = 0; g < generators.Count; g++)
            {
                var (o, c) = await generators[g].RunAsync(all, cancellationToken);
                outcomes[g] = o;
                foreach (var (table, rows) in c)
                {
                    if (!counts.TryGetValue($"{generators[g].Name}:{table}", out var sum)) counts[$"{generators[g].Name}:{table}"] = sum = new(StringComparer.Ordinal);
                    foreach (var (k, v) in rows) sum[k] = sum.GetValueOrDefault(k) + v;
                }
            }

            var offset = 0;
            foreach (var (c, ps) in round)
            {
                var candidates = new List<(int K, int P, int G, Record Variant)>();
                for (var p = 0; p < ps.Count; p++)
                    for (var g = 0; g < generators.Count; g++)
                    {
                        var o = outcomes[g][offset + p];
                        if (!o.Created.IsDefaultOrEmpty)
                            for (var k = 0; k < o.Created.Length; k++) candidates.Add((k, p, g, o.Created[k]));
                        if (!o.Rejected.IsDefaultOrEmpty)
                            foreach (var x in o.Rejected)
                            {
                                made++;
                                Reject(ps[p].Index, x.Record, x.Reason, x.Detail);
                            }
                    }
                foreach (var (_, p, g, variant) in candidates.OrderBy(x => x.K).ThenBy(x => x.P).ThenBy(x => x.G))
                {
                    made++;
                    var parent = ps[p].Index;
                    if (filled[c.Class] >= c.Quota)
                        Reject(parent, variant, "not_needed", $"class {c.Class} reached its quota of {c.Quota.ToString(CultureInfo.InvariantCulture)}");
                    else if (stratum(variant) != c.Class)
                        Reject(parent, variant, "class_changed", $"the variant counts for class {stratum(variant)}, not {c.Class}");
                    else if (!seen[c.Class].Add(TextKey.Folded(variant.ContentText)))
                        Reject(parent, variant, "duplicate_variant", $"another variant of class {c.Class} has this text");
                    else
                    {
                        if (!variants.TryGetValue(parent, out var list)) variants[parent] = list = [];
                        list.Add(variant);
                        filled[c.Class]++;
                        used[generators[g].Name]++;
                    }
                }
                offset += ps.Count;
            }
        }
        return new FillResult(
            variants.ToDictionary(kv => kv.Key, kv => kv.Value.ToImmutableArray()),
            rejected.ToDictionary(kv => kv.Key, kv => kv.Value.ToImmutableArray()),
            filled, used, dropped, made, counts);
    }
}
