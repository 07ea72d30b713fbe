using System.IO.Hashing;
using Winnow.Core;
using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Curation.Split;

/// <summary>
/// <c>split</c>: assigns every record to train/validation/test, stratified and grouped. One pass collects each
/// record's group and stratum (≈4 bytes per record plus ≈24 per group); groups are then visited in a seeded order
/// and each goes, whole, to the split whose quota for its stratum is furthest from met. The plan is one byte per
/// record: the split's index. With a <see cref="SplitOptions.TestFile"/>, the same pass looks each record up in the
/// test set's overlap index (in parallel batches); overlapping records, and the rest of their group (a near-duplicate
/// cluster, the variants of one parent), are dropped as <c>contaminated_by_test</c> (detail: the test record's id and
/// the shared n-gram or the Jaccard similarity, or the group's overlapping record) and take no part in the quotas,
/// and the test records are emitted, as the <c>test</c> split, after the first record that stays.
/// </summary>
internal sealed class SplitStep(SplitOptions options, long seed, TestSet? test = null) : IDatasetStep, IShardedStep
{
    private const byte Contaminated = byte.MaxValue;
    private const int BatchSize = 4096;

    /// <summary>Reads the test file, when the options name one (relative to the recipe's folder).</summary>
    public SplitStep(SplitOptions options, StepContext context)
        : this(options, context.StepSeed, options.TestFile is null ? null : TestSet.Read(options, context)) { }

    public string Name => "split";

    public IRecordStep Plan(IRecordSource input, CancellationToken cancellationToken) =>
        Decide(Checked(input, cancellationToken).Select(x => (GroupKeys.Group(x.Item1, options.GroupBy), GroupKeys.Stratum(x.Item1, options.Stratify), x.Item2, x.Item1.Id, TextHash(x.Item1))),
            input, cancellationToken);

    /// <summary>Sharded (without a test file, whose overlaps are planned over all records in one task): a group key and class per record.</summary>
    public bool Staged => test is null;

    public void Summarise(IRecordSource shard, Stream summary, CancellationToken cancellationToken)
    {
        using var w = new BinaryWriter(new BufferedStream(summary, 1 << 16), System.Text.Encoding.UTF8, leaveOpen: true);
        foreach (var record in shard.Read(cancellationToken))
        {
            w.Write(GroupKeys.Group(record, options.GroupBy));
            w.Write(GroupKeys.Stratum(record, options.Stratify));
            w.Write(TextHash(record));
        }
    }

    public void Plan(IReadOnlyList<ShardSummary> summaries, Stream plan, CancellationToken cancellationToken)
    {
        var assign = (Assign)Decide(summaries.SelectMany(s => ReadSummary(s.Path, s.Records)), null, cancellationToken);
        using var w = new BinaryWriter(plan, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(assign.Names.Length);
        foreach (var name in assign.Names) w.Write(name);
        w.Write(assign.Plan.Length);
        w.Write(assign.Plan);
        SplitDetails.Write(w, assign.Details);
    }

    public IRecordStep Apply(Stream plan, CancellationToken cancellationToken)
    {
        using var r = new BinaryReader(plan, System.Text.Encoding.UTF8, leaveOpen: true);
        var names = new string[r.ReadInt32()];
        for (var i = 0; i < names.Length; i++) names[i] = r.ReadString();
        var bytes = r.ReadBytes(r.ReadInt32());
        return new Assign(bytes, names, options.Field, null, [], [], SplitDetails.Read(r), options.DerivedInHeldOut);
    }

    private static IEnumerable<(ulong, string, (int, string)?, string, ulong)> ReadSummary(string path, long records)
    {
        using var r = new BinaryReader(new BufferedStream(File.OpenRead(path), 1 << 16), System.Text.Encoding.UTF8);
        for (long i = 0; i < records; i++) yield return (r.ReadUInt64(), r.ReadString(), null, "", r.ReadUInt64());
    }

    /// <summary>
    /// The plan from each record's group key, class, test overlap, id and text hash, in input order. <paramref name="input"/>
    /// (null when planned from shard summaries) only names examples when identical texts across splits fail the run.
    /// </summary>
    private IRecordStep Decide(IEnumerable<(ulong Key, string Stratum, (int Test, string How)? Overlap, string Id, ulong Text)> records,
        IRecordSource? input, CancellationToken cancellationToken)
    {
        var groupOf = new List<int>();
        var groups = new Dictionary<ulong, int>();
        var groupKeys = new List<ulong>();
        var groupStratum = new List<int>();
        var groupSize = new List<int>();
        var strata = new Dictionary<string, int>(StringComparer.Ordinal);
        var strataNames = new List<string>();
        var overlaps = new Dictionary<long, (int Test, string How)>();
        var tainted = new Dictionary<int, (long Index, string Id)>();   // group → its first record that overlaps the test set
        var texts = new List<ulong>();                                  // each record's content hash: identical texts across splits
        foreach (var (key, name, overlap, id, text) in records)
        {
            texts.Add(text);
            if (!groups.TryGetValue(key, out var g))
            {
                if (!strata.TryGetValue(name, out var s)) { strata[name] = s = strataNames.Count; strataNames.Add(name); }
                groups[key] = g = groupKeys.Count;
                groupKeys.Add(key);
                groupStratum.Add(s);
                groupSize.Add(0);
            }
            if (overlap is { } o)
            {
                overlaps[groupOf.Count] = o;
                tainted.TryAdd(g, (groupOf.Count, id));
            }
            groupSize[g]++;
            groupOf.Add(g);
        }
        // A group with one record in the test set goes whole (its augmented or near-duplicate variants too).
        var kept = groupOf.Count(g => !tainted.ContainsKey(g));
        if (options.Stratify == "label" && strataNames is [""])
            throw new WinnowException(
                $"split: stratify is 'label' (the default) but none of the {groupOf.Count:N0} records has a label, so the splits cannot be stratified; " +
                "map a label field in the input (fields: {label: …}), or say stratify: none", 2);

        var splits = options.Splits();
        var shares = Shares(kept, splits);
        var perStratum = new long[strataNames.Count];
        for (var g = 0; g < groupKeys.Count; g++) if (!tainted.ContainsKey(g)) perStratum[groupStratum[g]] += groupSize[g];
        var counts = new long[strataNames.Count, splits.Count];

        // A seeded order of groups, stable across runs and machines.
        var order = Enumerable.Range(0, groupKeys.Count).Where(g => !tainted.ContainsKey(g)).OrderBy(g => Mix(groupKeys[g], seed)).ThenBy(g => g).ToArray();
        var splitOfGroup = new byte[groupKeys.Count];
        foreach (var g in order)
        {
            var s = groupStratum[g];
            var best = 0;
            var bestDeficit = double.NegativeInfinity;
            for (var k = 0; k < splits.Count; k++)
            {
                var deficit = shares[k] * perStratum[s] - counts[s, k];
                if (deficit > bestDeficit + 1e-9) (best, bestDeficit) = (k, deficit);
            }
            splitOfGroup[g] = (byte)best;
            counts[s, best] += groupSize[g];
        }
        CheckMinimum(counts, strataNames, splits, shares);

        var plan = new byte[groupOf.Count];
        var viaGroup = new Dictionary<long, (long Index, string Id)>();
        for (var i = 0; i < plan.Length; i++)
        {
            plan[i] = tainted.TryGetValue(groupOf[i], out var first) ? Contaminated : splitOfGroup[groupOf[i]];
            if (plan[i] == Contaminated && !overlaps.ContainsKey(i)) viaGroup[i] = first;
        }
        if (test is not null && plan.Length > 0 && kept == 0)
            throw new WinnowException($"split: every record overlaps the test set '{test.Path}' (or shares a group with one that does); nothing is left for train");
        var details = SplitReport.Details(plan, splits, texts, test?.Records.Count ?? 0, Contaminated);
        if (options.IdenticalAcross == IdenticalAcross.Fail) SplitReport.FailOnIdentical(details, plan, splits, texts, input, cancellationToken);
        return new Assign(plan, splits.ToArray(), options.Field, test, overlaps, viaGroup, details, options.DerivedInHeldOut);
    }

    private static ulong TextHash(Record record) => XxHash3.HashToUInt64(System.Runtime.InteropServices.MemoryMarshal.AsBytes(record.ContentText.AsSpan()));

    /// <summary>Records in order, each with the test record it overlaps (none without a test set).</summary>
    private IEnumerable<(Record, (int, string)?)> Checked(IRecordSource input, CancellationToken ct)
    {
        if (test is null)
        {
            foreach (var record in input.Read(ct)) yield return (record, null);
            yield break;
        }
        var batch = new List<Record>(BatchSize);
        var found = new (int, string)?[BatchSize];
        foreach (var record in input.Read(ct).Select(r => (Record?)r).Append(null))
        {
            if (record is not null) batch.Add(record);
            if (batch.Count < BatchSize && record is not null) continue;
            Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = ct }, i => found[i] = test.Overlap.Find(batch[i].ContentText));
            for (var i = 0; i < batch.Count; i++) yield return (batch[i], found[i]);
            batch.Clear();
        }
    }

    private double[] Shares(long total, List<string> splits)
    {
        var given = options.Given().ToDictionary(x => x.Name, x => x.Value);
        // Shares with an omitted train (a test file is given): train takes what the others leave.
        if (options.IsShares) return splits.Select(s => given.TryGetValue(s, out var v) ? v : Math.Max(0, 1 - given.Values.Sum())).ToArray();
        var fixedCount = given.Where(kv => kv.Key != "train" || options.Train is not null).Sum(kv => kv.Value);
        if (fixedCount > total)
            throw new WinnowException($"split: the counts ask for {fixedCount:N0} records but the input has {total:N0}");
        if (options.Train is not null && fixedCount != total && total > 0)
        {
            // Counts for every split that do not cover the data: the rest would be spread over the splits silently.
            var meant = string.Join(" / ", options.Given().Select(g => (g.Value / fixedCount).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)));
            throw new WinnowException(
                $"split: the counts add up to {fixedCount:N0} records but {total:N0} reach the step; omit train so that it takes the rest, " +
                $"or give shares (did you mean {meant}?)", 2);
        }
        return splits.Select(s => total == 0 ? 0 : (given.TryGetValue(s, out var c) ? c : total - fixedCount) / total).ToArray();
    }
    private void CheckMinimum(long[,] counts, List<string> strata, List<string> splits, double[] shares)
    {
        if (options.MinPerClass == 0) return;
        for (var s = 0; s < strata.Count; s++)
            for (var k = 0; k < splits.Count; k++)
                if (shares[k] > 0 && counts[s, k] < options.MinPerClass)
                {
                    long total = 0;
                    for (var j = 0; j < splits.Count; j++) total += counts[s, j];
                    throw new WinnowException(
                        $"split: class '{strata[s]}' gets {counts[s, k]} record(s) in {splits[k]}, fewer than min_per_class {options.MinPerClass} " +
                        $"(it has {total} in all, in groups that cannot be divided); lower min_per_class or drop the class");
                }
    }

    private static ulong Mix(ulong key, long seed)
    {
        Span<byte> b = stackalloc byte[16];
        BitConverter.TryWriteBytes(b, key);
        BitConverter.TryWriteBytes(b[8..], seed);
        return XxHash3.HashToUInt64(b);
    }

    private sealed class Assign(
        byte[] plan, string[] names, string field, TestSet? test,
        Dictionary<long, (int Test, string How)> overlaps, Dictionary<long, (long Index, string Id)> viaGroup,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> details, bool derivedInHeldOut) : IRecordStep, IStepDetails
    {
        private readonly int _train = Array.IndexOf(names, "train");

        public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Details => details;

        // The test records go out once, with the first record that stays.
        private readonly long _first = Array.FindIndex(plan, p => p != Contaminated);

        public byte[] Plan => plan;
        public string[] Names => names;

        public string Name => "split";

        public Outcome Apply(Record record, long index)
        {
            if (plan[index] == Contaminated)
            {
                if (viaGroup.TryGetValue(index, out var first))
                    return Outcome.Drop("contaminated_by_test", $"{test!.Path}: in the group of record {first.Id}, which overlaps test record {test.Records[overlaps[first.Index].Test].Id}");
                var (t, how) = overlaps[index];
                return Outcome.Drop("contaminated_by_test", $"{test!.Path}: test record {test.Records[t].Id}, {how}");
            }
            var split = plan[index];
            if (!derivedInHeldOut && _train >= 0 && split != _train)
            {
                // Validation and test hold real data only: a variant of a held-out record would carry it into
                // training if moved, so it goes; a synthetic record (made from a prompt, not a parent) goes to train.
                if (record.Meta.ContainsKey("augmented_by"))
                    return Outcome.Drop("variant_of_held_out", $"a variant of {GroupKeys.Parent(record)}, which is in {names[split]}");
                if (record.Meta.ContainsKey("synthetic")) split = (byte)_train;
            }
            var kept = record with { Meta = record.Meta.Set(field, names[split]) };
            return test is not null && index == _first ? Outcome.KeepAndCreate(kept, [.. test.Records]) : Outcome.Keep(kept);
        }
    }
}
