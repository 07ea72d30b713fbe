using System.Text.Json.Serialization;
using Winnow.Core.Records;

namespace Winnow.Core.Reporting;

/// <summary>
/// What the report shows beyond the manifest, gathered as records flow: labels as read and as written, sizes per
/// split and label, a length histogram, and a few example rows per label. Bounded (per label and per bin, not per
/// record), deterministic (records are folded in input order) and part of the checkpoint, so a resumed run
/// reports the same as an unbroken one.
/// </summary>
public sealed class RunProfile
{
    public const int ExamplesPerLabel = 3;
    private const int MaxLabels = 1_000;
    private const int ExampleChars = 280;

    /// <summary>Upper bounds (in characters) of the length histogram's bins; the last bin is open.</summary>
    public static readonly int[] LengthBins = [16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192];

    [JsonPropertyName("labels_in")] public SortedDictionary<string, long> LabelsIn { get; set; } = new(StringComparer.Ordinal);
    [JsonPropertyName("labels_out")] public SortedDictionary<string, long> LabelsOut { get; set; } = new(StringComparer.Ordinal);
    [JsonPropertyName("splits")] public SortedDictionary<string, SortedDictionary<string, long>> Splits { get; set; } = new(StringComparer.Ordinal);
    [JsonPropertyName("lengths_in")] public long[] LengthsIn { get; set; } = new long[LengthBins.Length + 1];
    [JsonPropertyName("lengths_out")] public long[] LengthsOut { get; set; } = new long[LengthBins.Length + 1];
    [JsonPropertyName("derived_out")] public long DerivedOut { get; set; }

    /// <summary>Derived records written (augmented, oversampled, synthetic: provenance names a parent), by label.</summary>
    [JsonPropertyName("derived_by_label")] public SortedDictionary<string, long> DerivedByLabel { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Upper bounds (in tokens) of the token histogram's bins; the last bin is open.</summary>
    public static readonly int[] TokenBins = [8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096];

    /// <summary>Histogram of <c>meta.tokens</c> (set by <c>enrich</c>) among written records; all zero when no record has it.</summary>
    [JsonPropertyName("tokens_out")] public long[] TokensOut { get; set; } = new long[TokenBins.Length + 1];
    /// <summary>Values of <c>meta.lang</c> (set by language identification) among written records.</summary>
    [JsonPropertyName("languages")] public SortedDictionary<string, long> Languages { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Personal data found and replaced, by type (summed from <c>meta.pii</c>), in written records that are not copies
    /// of others: an oversampled copy carries its parent's <c>meta.pii</c>, and counting it again would inflate the
    /// figure (sms_spam: 1,977 phones "replaced" where 302 records had one).
    /// </summary>
    [JsonPropertyName("pii")] public SortedDictionary<string, long> Pii { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Written original records with at least one find of the type.</summary>
    [JsonPropertyName("pii_records")] public SortedDictionary<string, long> PiiRecords { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Derived records written, by split (<c>meta.split</c>, "(none)" without one).</summary>
    [JsonPropertyName("derived_by_split")] public SortedDictionary<string, long> DerivedBySplit { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Records written per topic, keyed "ID_WORDS" (<c>meta.topic</c> and <c>meta.topic_words</c>, from enrich's topics).</summary>
    [JsonPropertyName("topics")] public SortedDictionary<string, long> Topics { get; set; } = new(StringComparer.Ordinal);

    [JsonPropertyName("examples")] public SortedDictionary<string, List<string>> Examples { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Labels whose example rows are settled (3 kept, or no room for the label): a cache, not state.</summary>
    private readonly HashSet<string> _examplesDone = new(StringComparer.Ordinal);

    public void AddInput(Record record) => AddInputs([record]);

    public void AddOutput(Record record) => AddOutputs([record]);

    /// <summary>Folds records as read, in order.</summary>
    public void AddInputs(IReadOnlyList<Record> records)
    {
        var tally = new Tally();
        foreach (var record in records)
        {
            tally.Add(LabelsIn, LabelOf(record));
            LengthsIn[Bin(LengthBins, record.ContentText.Length)]++;
        }
        tally.FoldInto();
    }

    /// <summary>Folds records as written, in order.</summary>
    public void AddOutputs(IReadOnlyList<Record> records)
    {
        var tally = new Tally();
        foreach (var record in records) AddOutput(record, tally);
        tally.FoldInto();
    }

    private void AddOutput(Record record, Tally tally)
    {
        var label = LabelOf(record);
        tally.Add(LabelsOut, label);
        LengthsOut[Bin(LengthBins, record.ContentText.Length)]++;
        var split = record.Meta.GetString("split") ?? "(none)";
        if (!Splits.TryGetValue(split, out var bySplit)) Splits[split] = bySplit = new(StringComparer.Ordinal);
        tally.Add(bySplit, label);
        var derived = IsDerived(record.Provenance);
        if (derived)
        {
            DerivedOut++;
            tally.Add(DerivedByLabel, label);
            tally.Add(DerivedBySplit, split);
        }
        if (record.Meta.TryGetValue("tokens", out var tokens) && tokens.ValueKind == System.Text.Json.JsonValueKind.Number && tokens.TryGetInt64(out var tokenCount))
            TokensOut[Bin(TokenBins, tokenCount)]++;
        if (record.Meta.GetString("lang") is { } lang) tally.Add(Languages, lang);
        if (!derived && record.Meta.TryGetValue("pii", out var pii) && pii.ValueKind == System.Text.Json.JsonValueKind.Object)
            foreach (var p in pii.EnumerateObject())
                if (p.Value.TryGetInt64(out var n) && n > 0)
                {
                    Pii[p.Name] = Pii.GetValueOrDefault(p.Name) + n;
                    PiiRecords[p.Name] = PiiRecords.GetValueOrDefault(p.Name) + 1;
                }
        if (record.Meta.TryGetValue("topic", out var topic) && topic.TryGetInt32(out var topicId))
            tally.Add(Topics, record.Meta.GetString("topic_words") is { } words ? $"{topicId}_{words}" : $"{topicId}");
        if (derived || _examplesDone.Contains(label)) return; // sample rows are original records, each text once
        if (!Examples.TryGetValue(label, out var examples))
        {
            if (Examples.Count >= MaxLabels)
            {
                _examplesDone.Add(label);
                return;
            }
            Examples[label] = examples = [];
        }
        if (examples.Count < ExamplesPerLabel)
        {
            var text = record.ContentText;
            text = text.Length > ExampleChars ? text[..ExampleChars] + "…" : text;
            if (!examples.Contains(text)) examples.Add(text);
        }
        if (examples.Count >= ExamplesPerLabel) _examplesDone.Add(label);
    }

    /// <summary>A record made from another (augmented, oversampled, synthetic): a provenance step names its parent.</summary>
    private static bool IsDerived(Provenance provenance)
    {
        if (provenance.Steps.IsDefaultOrEmpty) return false;
        foreach (var s in provenance.Steps)
            if (s.Contains(" from ", StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>
    /// Adds a later part of the same run (the next shard): counts and histograms add up, examples fill up in order,
    /// so shards merged in shard order give the profile of one process (past 1,000 labels the "(other)" bucket may differ).
    /// </summary>
    public void Merge(RunProfile later)
    {
        void Add(SortedDictionary<string, long> into, SortedDictionary<string, long> from)
        {
            foreach (var (k, v) in from)
            {
                var key = into.Count >= MaxLabels && !into.ContainsKey(k) ? "(other)" : k;
                into[key] = into.GetValueOrDefault(key) + v;
            }
        }
        Add(LabelsIn, later.LabelsIn);
        Add(LabelsOut, later.LabelsOut);
        foreach (var (split, counts) in later.Splits)
        {
            if (!Splits.TryGetValue(split, out var into)) Splits[split] = into = new(StringComparer.Ordinal);
            Add(into, counts);
        }
        for (var i = 0; i < LengthsIn.Length; i++) (LengthsIn[i], LengthsOut[i]) = (LengthsIn[i] + later.LengthsIn[i], LengthsOut[i] + later.LengthsOut[i]);
        for (var i = 0; i < TokensOut.Length; i++) TokensOut[i] += later.TokensOut[i];
        DerivedOut += later.DerivedOut;
        Add(DerivedByLabel, later.DerivedByLabel);
        Add(DerivedBySplit, later.DerivedBySplit);
        Add(Languages, later.Languages);
        Add(Pii, later.Pii);
        Add(PiiRecords, later.PiiRecords);
        Add(Topics, later.Topics);
        foreach (var (label, examples) in later.Examples)
        {
            if (!Examples.TryGetValue(label, out var into))
            {
                if (Examples.Count >= MaxLabels) continue;
                Examples[label] = into = [];
            }
            foreach (var e in examples)
                if (into.Count < ExamplesPerLabel && !into.Contains(e)) into.Add(e);
        }
    }

    public static string LabelOf(Record record) =>
        record.Label ?? (record.Labels.IsDefaultOrEmpty ? "(unlabelled)" : string.Join('|', record.Labels));

    private static int Bin(int[] bins, long value)
    {
        var i = 0;
        while (i < bins.Length && value > bins[i]) i++;
        return i;
    }

    private static void Count(SortedDictionary<string, long> counts, string key, long n)
    {
        if (counts.Count >= MaxLabels && !counts.ContainsKey(key)) key = "(other)";
        counts[key] = counts.GetValueOrDefault(key) + n;
    }

    /// <summary>
    /// Counts for a batch of records in a hash table, added to the sorted tables once per key at the end, in the order
    /// the keys were first seen: the same tables as counting record by record (the first 1,000 keys keep their names,
    /// later ones go to "(other)"), without a tree lookup per record.
    /// </summary>
    private sealed class Tally
    {
        private readonly Dictionary<(SortedDictionary<string, long> Into, string Key), long> _counts = new(KeyComparer.Instance);
        private readonly List<(SortedDictionary<string, long> Into, string Key)> _order = [];

        public void Add(SortedDictionary<string, long> into, string key)
        {
            ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counts, (into, key), out var seen);
            if (!seen) _order.Add((into, key));
            count++;
        }

        public void FoldInto()
        {
            foreach (var k in _order) Count(k.Into, k.Key, _counts[k]);
        }

        private sealed class KeyComparer : IEqualityComparer<(SortedDictionary<string, long> Into, string Key)>
        {
            public static readonly KeyComparer Instance = new();

            public bool Equals((SortedDictionary<string, long> Into, string Key) a, (SortedDictionary<string, long> Into, string Key) b) =>
                ReferenceEquals(a.Into, b.Into) && string.Equals(a.Key, b.Key, StringComparison.Ordinal);

            public int GetHashCode((SortedDictionary<string, long> Into, string Key) k) =>
                HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(k.Into), StringComparer.Ordinal.GetHashCode(k.Key));
        }
    }
}
