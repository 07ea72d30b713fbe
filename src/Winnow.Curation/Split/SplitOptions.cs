using System.ComponentModel.DataAnnotations;
using Winnow.Core.IO;

namespace Winnow.Curation.Split;

/// <summary>What <c>split</c> does when one text lands in two splits.</summary>
public enum IdenticalAcross
{
    /// <summary>Count them (manifest, run summary, report) and go on.</summary>
    Warn,
    /// <summary>Stop the run, naming how many and a few of the texts.</summary>
    Fail,
}

/// <summary>
/// Options of <c>split</c>: shares (<c>train: 0.8, validation: 0.1, test: 0.1</c>, summing to 1) or counts (whole
/// numbers; an omitted <c>train</c> takes the rest). Stratified by label, grouped so that a group never straddles
/// two splits. The chosen split goes to <c>meta.&lt;field&gt;</c>, which <c>{split}</c> outputs use. With
/// <c>test_file</c>, an existing test set is the test split and the pipeline's records go to train/validation.
/// </summary>
public sealed record SplitOptions
{
    [Range(0.0, double.MaxValue)] public double? Train { get; init; }
    [Range(0.0, double.MaxValue)] public double? Validation { get; init; }
    [Range(0.0, double.MaxValue)] public double? Test { get; init; }

    /// <summary><c>label</c> (default: the label, or the set of labels for multi-label records), <c>none</c>, or a meta field.</summary>
    public string Stratify { get; init; } = "label";

    /// <summary>
    /// A meta field whose value keeps records together. Default: <c>dup_cluster</c> (set by near-duplicate dedup)
    /// when a record has it, else the parent named in its provenance (augmented and synthetic records), else the
    /// record itself: so no variant of a test record lands in train.
    /// </summary>
    public string? GroupBy { get; init; }

    /// <summary>Least records of each class in each split; a class too small for it stops the run with a clear error.</summary>
    [Range(0, int.MaxValue)] public int MinPerClass { get; init; }

    /// <summary>The meta field the split name goes to. Default <c>split</c>.</summary>
    public string Field { get; init; } = "split";

    /// <summary>
    /// An existing test set (a file, folder or glob relative to the recipe's folder, any input format). Its records
    /// are written as the <c>test</c> split; the pipeline's records go to train and validation (<c>train</c> takes
    /// what <c>validation</c> leaves), and those overlapping a test record are dropped (<c>contaminated_by_test</c>).
    /// Default: none.
    /// </summary>
    public string? TestFile { get; init; }

    /// <summary>Input format of <see cref="TestFile"/> (jsonl, json, csv, tsv, parquet, text); default: from the extension.</summary>
    public string? TestFormat { get; init; }

    /// <summary>
    /// Record field ← source field for <see cref="TestFile"/>, as an input's <c>fields</c> (e.g. <c>{label: category}</c>);
    /// default: the record's own names (<c>id</c>, <c>text</c>, <c>label</c>, …), as for an input without <c>fields</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string>? TestFields { get; init; }

    /// <summary>For a CSV/TSV <see cref="TestFile"/>: the first row names the columns (default true, as an input's <c>header</c>); false names them "0", "1", ….</summary>
    public bool TestHeader { get; init; } = true;

    /// <summary>How overlap with the test set is found (used with <see cref="TestFile"/> only).</summary>
    public TestOverlapOptions Decontaminate { get; init; } = new();

    /// <summary>
    /// What to do when the same text (the content text, exactly) lands in two splits, e.g. because <c>pii.redact</c>
    /// or <c>normalize</c> ran after dedup and made two records equal: <c>warn</c> (default: counted in the
    /// manifest's <c>identical_across_splits</c>, the run summary and the report) or <c>fail</c> (stop the run,
    /// with examples).
    /// </summary>
    public IdenticalAcross IdenticalAcross { get; init; } = IdenticalAcross.Warn;

    /// <summary>
    /// Let augmented and synthetic records (<c>meta.augmented_by</c>, <c>meta.synthetic</c>) into validation and test.
    /// Default false: held-out splits hold real records only; a synthetic record planned there goes to train, and a
    /// variant whose parent is held out is dropped (<c>variant_of_held_out</c>), since in train it would leak its parent.
    /// </summary>
    public bool DerivedInHeldOut { get; init; }

    internal IEnumerable<(string Key, string Problem)> Validate()
    {
        var given = Given().ToList();
        if (TestFile is not null)
        {
            if (Test is not null) yield return ("test", "give either test (a share or count) or test_file, not both");
            foreach (var key in TestFields?.Keys ?? [])
                if (!FieldMapping.RecordFields.Contains(key))
                    yield return ($"test_fields.{key}", $"is not a record field; valid: {string.Join(", ", FieldMapping.RecordFields)}");
            if (Decontaminate.MinWords > Decontaminate.Ngram)
                yield return ("decontaminate.min_words", $"min_words ({Decontaminate.MinWords}) is greater than ngram ({Decontaminate.Ngram})");
        }
        else if (given.Count == 0) { yield return ("train", "give the splits' shares or counts, e.g. {train: 0.8, validation: 0.1, test: 0.1}, or a test_file"); yield break; }
        if (!IsShares && TestFile is null && given.Count > 1 && given.Sum(g => g.Value) == 100)
        {
            // {train: 80, validation: 10, test: 10} reads as 100 records; the user meant percentages.
            var meant = string.Join(", ", given.Select(g => $"{g.Name}: {(g.Value / 100).ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
            yield return (given[0].Name, $"whole numbers are counts of records, and these add up to 100: did you mean shares, {{{meant}}}? (counts that should cover the data: omit train and it takes the rest)");
            yield break;
        }
        if (IsShares)
        {
            var sum = given.Sum(g => g.Value);
            // With a test file an omitted train takes the rest, so the others may add up to less than 1.
            var rest = TestFile is not null && Train is null;
            if (rest ? sum > 1 + 1e-6 : Math.Abs(sum - 1) > 1e-6) yield return (given[0].Name, $"shares add up to {sum:0.###}, not {(rest ? "at most " : "")}1");
        }
        else if (given.Any(g => g.Value != Math.Floor(g.Value) || g.Value < 0))
            yield return (given.First(g => g.Value != Math.Floor(g.Value)).Name, "counts must be whole numbers (or give shares that add up to 1)");
    }

    /// <summary>Shares when a value has a fraction or the values add up to 1; counts otherwise.</summary>
    internal bool IsShares => Given().Any(g => g.Value != Math.Floor(g.Value)) || Math.Abs(Given().Sum(g => g.Value) - 1) < 1e-6;

    /// <summary>The splits the pipeline's records go to, in order: those given, and <c>train</c> first when it takes the rest.</summary>
    internal List<string> Splits()
    {
        var splits = Given().Select(x => x.Name).ToList();
        if (Train is null && (!IsShares || TestFile is not null)) splits.Insert(0, "train");
        return splits;
    }

    internal IEnumerable<(string Name, double Value)> Given()
    {
        if (Train is { } a) yield return ("train", a);
        if (Validation is { } b) yield return ("validation", b);
        if (Test is { } c) yield return ("test", c);
    }
}
