using System.Collections.Immutable;
using Winnow.Core.Records;
using Winnow.Core.Steps;
using Winnow.Curation.Sampling;
using Winnow.Curation.Split;

namespace Winnow.Curation.Balance;

/// <summary>
/// <c>balance</c> with <c>strategy: target</c>: each class below the target (<c>min_per_class</c>, or the largest class)
/// gets variants from the <c>fill</c> generators instead of repeated records, at most its quota: the deficit, capped by
/// the synthetic share (<see cref="SyntheticShare"/>, as <c>synthesize</c>; derived records already in the class count
/// against it). Planning reads the input twice (class counts, then the real records of the classes below target); the
/// generation runs once, when the first batch needs it, and each variant follows its parent in the stream (so
/// <c>split</c>, which sends variants to train, keeps them out of validation and test). A whole-dataset step without
/// shard stages: a sharded run plans it in one task, with the same bytes as one process. Details: the class bars
/// (<c>classes_before</c>, <c>classes_after</c>), <c>filled</c> per class, the shortfall per class (<c>short</c>, and
/// why: <c>short_by_cap</c>, <c>short_by_generators</c>), <c>fill_by</c> generator, and <c>variants</c> /
/// <c>variants_dropped</c> for the report's augmentation table.
/// </summary>
internal sealed class TargetBalanceStep(BalanceOptions options, long seed, IReadOnlyList<IStep> generators) : IDatasetStep
{
    public string Name => "balance";

    private string Stratum(Record r) => GroupKeys.Stratum(r, options.Stratify);

    private static bool IsDerived(Record r) => r.Meta.ContainsKey("augmented_by") || r.Meta.ContainsKey("synthetic");

    public IRecordStep Plan(IRecordSource input, CancellationToken cancellationToken)
    {
        var records = new Dictionary<string, (int All, int Derived)>(StringComparer.Ordinal);
        long n = 0;
        foreach (var r in input.Read(cancellationToken))
        {
            var s = GroupKeys.Stratum(r, options.Stratify);
            var (all, derived) = records.GetValueOrDefault(s);
            records[s] = (all + 1, derived + (IsDerived(r) ? 1 : 0));
            n++;
        }
        BalanceStep.RequireClasses(options.Stratify, records.Keys, n);
        var target = options.MinPerClass ?? (records.Count == 0 ? 0 : records.Values.Max(c => c.All));
        var deficits = records.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Where(kv => kv.Value.All < target)
            .Select(kv =>
            {
                var real = kv.Value.All - kv.Value.Derived;
                var quota = Math.Max(0, Math.Min(target - kv.Value.All, SyntheticShare.Cap(real, options.MaxSyntheticShare) - kv.Value.Derived));
                return new ClassDeficit(kv.Key, kv.Value.All, real, kv.Value.Derived, target, quota);
            }).ToList();

        // The parents: the real records of the classes that may grow, in seeded-priority order.
        var growing = deficits.Where(d => d.Quota > 0).Select(d => d.Class).ToHashSet(StringComparer.Ordinal);
        var parents = growing.ToDictionary(c => c, _ => new List<(double Priority, long Index, Record Record)>(), StringComparer.Ordinal);
        long index = 0;
        foreach (var r in input.Read(cancellationToken))
        {
            if (!IsDerived(r) && parents.TryGetValue(GroupKeys.Stratum(r, options.Stratify), out var list))
                list.Add((SamplePriority.Of(seed, r), index, r));
            index++;
        }
        var ordered = parents.ToDictionary(kv => kv.Key,
            kv => kv.Value.OrderBy(p => p.Priority).ThenBy(p => p.Index).Select(p => (p.Index, p.Record)).ToList(), StringComparer.Ordinal);
        var prepared = growing.Count == 0 ? [] : generators.Select(g => FillGenerator.Prepare(g, input, cancellationToken)).ToList();
        var before = records.ToDictionary(kv => BalanceStep.Display(kv.Key), kv => (long)kv.Value.All, StringComparer.Ordinal);
        return new Planned(this, deficits, ordered, prepared, before, target);
    }

    private sealed class Planned(
        TargetBalanceStep step, List<ClassDeficit> deficits, Dictionary<string, List<(long Index, Record Record)>> parents,
        List<FillGenerator> generators, Dictionary<string, long> before, int target) : IBatchStep, IRecordStep
    {
        private readonly Lazy<Task<FillResult>> _fill = new(() => TargetFill.RunAsync(
            deficits.Where(d => d.Quota > 0).ToList(), parents, generators, step.Stratum, CancellationToken.None));

        public string Name => "balance";

        public int BatchSize => 1024;

        public int Concurrency => 1;

        public async Task<BatchOutcome> ApplyAsync(IReadOnlyList<Record> batch, long firstIndex, CancellationToken cancellationToken)
        {
            var fill = await _fill.Value.WaitAsync(cancellationToken);
            var outcomes = new Outcome[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                var at = firstIndex + i;
                var outcome = fill.Variants.TryGetValue(at, out var made) ? Outcome.KeepAndCreate(batch[i], made) : Outcome.Keep(batch[i]);
                outcomes[i] = fill.Rejected.TryGetValue(at, out var rejected) ? outcome.WithRejected(rejected) : outcome;
            }
            // The step's counts are the whole fill's: reported once, by the batch that holds the first record.
            return new BatchOutcome(outcomes, firstIndex == 0 ? Counts(fill) : null);
        }

        private Dictionary<string, IReadOnlyDictionary<string, long>> Counts(FillResult fill)
        {
            static Dictionary<string, long> Table(IEnumerable<(string Key, long N)> rows) => rows.ToDictionary(r => r.Key, r => r.N, StringComparer.Ordinal);
            var after = before.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            foreach (var (c, n) in fill.Filled) after[BalanceStep.Display(c)] += n;
            var counts = new Dictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal)
            {
                [BalanceStep.Before] = before,
                [BalanceStep.After] = after,
                ["target"] = Table([("per_class", target), ("classes_below", deficits.Count)]),
                ["filled"] = Table(fill.Filled.Where(kv => kv.Value > 0).Select(kv => (BalanceStep.Display(kv.Key), (long)kv.Value))),
                ["short"] = Table(deficits.Select(d => (BalanceStep.Display(d.Class), (long)(d.Target - d.Records - fill.Filled.GetValueOrDefault(d.Class)))).Where(x => x.Item2 > 0)),
                ["short_by_cap"] = Table(deficits.Where(d => d.ShortByCap > 0).Select(d => (BalanceStep.Display(d.Class), (long)d.ShortByCap))),
                ["short_by_generators"] = Table(deficits.Select(d => (BalanceStep.Display(d.Class), (long)(d.Quota - fill.Filled.GetValueOrDefault(d.Class)))).Where(x => x.Item2 > 0)),
                ["fill_by"] = fill.UsedBy,
                ["variants"] = Table([("made", fill.Made), ("kept", fill.UsedBy.Values.Sum())]),
            };
            if (fill.Dropped.Count > 0) counts["variants_dropped"] = fill.Dropped;
            foreach (var (table, rows) in fill.GeneratorCounts)
                if (table.EndsWith(":chat", StringComparison.Ordinal))
                {
                    var chat = counts.TryGetValue("chat", out var c) ? new Dictionary<string, long>(c, StringComparer.Ordinal) : new Dictionary<string, long>(StringComparer.Ordinal);
                    foreach (var (k, v) in rows) chat[k] = chat.GetValueOrDefault(k) + v;
                    counts["chat"] = chat;
                }
            return counts;
        }

        Outcome IRecordStep.Apply(Record record, long index) => throw BatchPlans.NotPerRecord(Name);
    }
}
