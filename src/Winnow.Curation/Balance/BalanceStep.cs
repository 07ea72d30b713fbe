using System.Collections.Immutable;
using Winnow.Core;
using Winnow.Core.Records;
using Winnow.Core.Steps;
using Winnow.Curation.Sampling;
using Winnow.Curation.Split;

namespace Winnow.Curation.Balance;

/// <summary>
/// <c>balance</c>: evens out classes. One pass collects each record's class and seeded priority (16 bytes per
/// record); undersampling keeps each class's lowest priorities, oversampling gives each record of a small class
/// ⌊deficit ÷ size⌋ copies and one more to its lowest-priority records. Copies follow their parent and name it
/// in provenance (<c>balance from &lt;id&gt;</c>), so <c>split</c> keeps them on their parent's side. The plan reports
/// the records per class before and after (<see cref="IStepDetails"/>: <c>classes_before</c>, <c>classes_after</c>),
/// which the manifest and the report show.
/// </summary>
internal sealed class BalanceStep(BalanceOptions options, long seed) : IDatasetStep, IShardedStep
{
    public const string Before = "classes_before";
    public const string After = "classes_after";

    public string Name => "balance";

    public IRecordStep Plan(IRecordSource input, CancellationToken cancellationToken) =>
        Decide(input.Read(cancellationToken).Select(r => (GroupKeys.Stratum(r, options.Stratify), SamplePriority.Of(seed, r)))).Step(options.Stratify);

    /// <summary>Sharded: each shard writes its records' class and priority, in order (<see cref="BalancePlan.WriteSummary"/>).</summary>
    public void Summarise(IRecordSource shard, Stream summary, CancellationToken cancellationToken) =>
        BalancePlan.WriteSummary(shard.Read(cancellationToken).Select(r => (GroupKeys.Stratum(r, options.Stratify), SamplePriority.Of(seed, r))), summary);

    public void Plan(IReadOnlyList<ShardSummary> summaries, Stream plan, CancellationToken cancellationToken) =>
        Decide(summaries.SelectMany(s => BalancePlan.ReadSummary(s.Path, s.Records))).Write(plan);

    public IRecordStep Apply(Stream plan, CancellationToken cancellationToken) => BalancePlan.Read(plan).Step(options.Stratify);

    /// <summary>The decision from every record's class and priority, in input order (the index is the position).</summary>
    private BalancePlan Decide(IEnumerable<(string Stratum, double Priority)> records)
    {
        var byClass = new Dictionary<string, List<(double Priority, long Index)>>(StringComparer.Ordinal);
        long index = 0;
        foreach (var (stratum, priority) in records)
        {
            if (!byClass.TryGetValue(stratum, out var list)) byClass[stratum] = list = [];
            list.Add((priority, index));
            index++;
        }
        RequireClasses(options.Stratify, byClass.Keys, index);
        var before = byClass.ToDictionary(kv => Display(kv.Key), kv => (long)kv.Value.Count, StringComparer.Ordinal);
        var marked = new HashSet<long>();
        if (byClass.Count == 0) return new BalancePlan(false, "balance_cap", marked, [], before, before);
        if (options.Strategy == BalanceStrategy.Oversample)
        {
            var target = options.MinPerClass ?? byClass.Values.Max(l => l.Count);
            var copies = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (name, list) in byClass)
            {
                var deficit = Math.Max(0, target - list.Count);
                copies[name] = deficit / list.Count;
                foreach (var (_, i) in Lowest(list, deficit % list.Count)) marked.Add(i);
            }
            var grown = byClass.ToDictionary(kv => Display(kv.Key), kv => (long)Math.Max(kv.Value.Count, target), StringComparer.Ordinal);
            return new BalancePlan(true, "", marked, copies, before, grown);
        }
        var limit = options.Strategy == BalanceStrategy.Cap
            ? options.MaxPerClass!.Value
            : (int)Math.Floor(options.MaxRatio!.Value * byClass.Values.Min(l => l.Count));
        foreach (var list in byClass.Values)
            foreach (var (_, i) in Lowest(list, Math.Min(limit, list.Count))) marked.Add(i);
        var after = byClass.ToDictionary(kv => Display(kv.Key), kv => (long)Math.Min(limit, kv.Value.Count), StringComparer.Ordinal);
        return new BalancePlan(false, options.Strategy == BalanceStrategy.Cap ? "balance_cap" : "balance_ratio", marked, [], before, after);
    }

    /// <summary>Refuses a dataset with no class to balance (no record has a label) with what to do about it.</summary>
    internal static void RequireClasses(string stratify, IReadOnlyCollection<string> classes, long records)
    {
        if (stratify == "label" && classes.Count == 1 && classes.Contains(""))
            throw new WinnowException(
                $"balance: none of the {records:N0} records has a label, so there is nothing to balance; map a label field in the input " +
                "(fields: {label: …}), set stratify to a meta field, or remove the step", 2);
    }

    private static IEnumerable<(double, long)> Lowest(List<(double, long)> list, int n) => list.Order().Take(n);

    /// <summary>A class as the report names it: records without one are "(unlabelled)", as in the report's Labels section.</summary>
    internal static string Display(string stratum) => stratum.Length == 0 ? "(unlabelled)" : stratum;

    internal static Dictionary<string, IReadOnlyDictionary<string, long>> Details(Dictionary<string, long> before, Dictionary<string, long> after) =>
        new(StringComparer.Ordinal) { [Before] = before, [After] = after };

    internal sealed class Undersample(HashSet<long> keep, string reason, IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> details) : IRecordStep, IStepDetails
    {
        public string Name => "balance";

        public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Details => details;

        public Outcome Apply(Record record, long index) =>
            keep.Contains(index) ? Outcome.Keep(record) : Outcome.Drop(reason, record.Label);
    }

    internal sealed class Oversample(Dictionary<string, int> copies, HashSet<long> extra, string stratify, IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> details) : IRecordStep, IStepDetails
    {
        public string Name => "balance";

        public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Details => details;

        public Outcome Apply(Record record, long index)
        {
            var n = copies.GetValueOrDefault(GroupKeys.Stratum(record, stratify)) + (extra.Contains(index) ? 1 : 0);
            if (n == 0) return Outcome.Keep(record);
            var created = ImmutableArray.CreateBuilder<Record>(n);
            for (var k = 1; k <= n; k++)
                created.Add(record with { Id = $"{record.Id}~{k}", Provenance = record.Provenance.With($"balance from {record.Id}") });
            return Outcome.KeepAndCreate(record, created.MoveToImmutable());
        }
    }
}
