using System.Text;
using System.Text.Json;
using Winnow.Compare.Recipe;
using Winnow.Core;
using Winnow.Core.Formats;
using Winnow.Core.IO;

namespace Winnow.Compare.Data;

/// <summary>One labelled text, as every run reads it.</summary>
public readonly record struct LabeledRow(string Id, string Text, string Label);

/// <summary>A dataset variant's training and validation files, written as plain JSONL (<c>id</c>, <c>text</c>, <c>label</c>).</summary>
public sealed record PreparedVariant(string Name, string Train, string Validation, int TrainCount, int ValidationCount, bool HeldOut);

/// <summary>
/// Turns what pipeline runs wrote (any input format Core reads, any field names) into the files runs train on, in
/// <c>OUTPUT/data/</c>: the same records, the same order, one shape. Validation is held out of training (class-stratified)
/// when a variant has none; a fraction of the training data is a class-stratified sample drawn with the run's seed.
/// Everything here is a pure function of the inputs and seeds, so a resumed comparison trains on the same bytes.
/// </summary>
public static class VariantData
{
    public static PreparedVariant Prepare(DatasetOptions variant, CompareRecipe recipe, string dataDir)
    {
        var dir = Path.Combine(dataDir, variant.Name);
        Directory.CreateDirectory(dir);
        var (trainPath, validationPath) = Locate(variant);
        var train = Read(trainPath, variant.Format, variant.TextField, variant.LabelField);
        if (train.Count == 0) throw new InputException(trainPath, 0, "holds no records");
        List<LabeledRow> validation;
        bool heldOut = validationPath is null;
        if (validationPath is not null)
            validation = Read(validationPath, variant.Format, variant.TextField, variant.LabelField);
        else
        {
            var picked = Stratified(train, recipe.ValidationFraction, recipe.Seed, keepOneBehind: true);
            validation = [.. picked.Select(i => train[i])];
            var held = picked.ToHashSet();
            train = [.. train.Where((_, i) => !held.Contains(i))];
        }
        if (validation.Count == 0) throw new InputException(validationPath ?? trainPath, 0, "leaves no validation records");
        var trainOut = Path.Combine(dir, "train.jsonl");
        var validationOut = Path.Combine(dir, "validation.jsonl");
        Write(trainOut, train);
        Write(validationOut, validation);
        return new PreparedVariant(variant.Name, trainOut, validationOut, train.Count, validation.Count, heldOut);
    }

    /// <summary>The shared test file, in the same shape.</summary>
    public static string PrepareTest(TestOptions test, string dataDir)
    {
        var rows = Read(test.Path, test.Format, test.TextField, test.LabelField);
        if (rows.Count == 0) throw new InputException(test.Path, 0, "holds no records");
        Directory.CreateDirectory(dataDir);
        var path = Path.Combine(dataDir, "test.jsonl");
        Write(path, rows);
        return path;
    }

    /// <summary>The training file of a run at <paramref name="fraction"/> of the variant (the variant's own file at 1).</summary>
    public static (string Path, int Count) Fraction(PreparedVariant variant, double fraction, long seed)
    {
        if (fraction >= 1) return (variant.Train, variant.TrainCount);
        var rows = Read(variant.Train, null, "text", "label");
        var picked = Stratified(rows, fraction, seed, keepOneBehind: false);
        var path = Path.Combine(Path.GetDirectoryName(variant.Train)!, $"train-f{fraction.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}-s{seed}.jsonl");
        Write(path, [.. picked.Select(i => rows[i])]);
        return (path, picked.Count);
    }

    /// <summary>
    /// Indices (ascending) of a class-stratified sample: per label, round(share × n) of its distinct texts, at least one,
    /// drawn by a Fisher–Yates shuffle seeded by (seed, label's rank). Records with the same text (oversampled copies,
    /// exact duplicates) go together, so a copy never sits on the other side of its parent.
    /// <paramref name="keepOneBehind"/>: never take all of a class's texts.
    /// </summary>
    internal static List<int> Stratified(IReadOnlyList<LabeledRow> rows, double share, long seed, bool keepOneBehind)
    {
        var byLabel = new SortedDictionary<string, List<List<int>>>(StringComparer.Ordinal);
        var unitOf = new Dictionary<(string, string), List<int>>();
        for (int i = 0; i < rows.Count; i++)
        {
            if (!unitOf.TryGetValue((rows[i].Label, rows[i].Text), out var unit))
            {
                unitOf[(rows[i].Label, rows[i].Text)] = unit = [];
                if (!byLabel.TryGetValue(rows[i].Label, out var units)) byLabel[rows[i].Label] = units = [];
                units.Add(unit);
            }
            unit.Add(i);
        }
        var picked = new List<int>();
        int rank = 0;
        foreach (var (_, units) in byLabel)
        {
            var rng = new Random(unchecked((int)(seed * 1_000_003 + rank++ * 7_919)));
            var order = units.ToArray();
            for (int i = order.Length - 1; i > 0; i--)
            {
                int j = rng.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
            int take = Math.Max(1, (int)Math.Round(share * order.Length, MidpointRounding.AwayFromZero));
            if (keepOneBehind) take = Math.Min(take, order.Length - 1);
            foreach (var unit in order.Take(Math.Min(take, order.Length))) picked.AddRange(unit);
        }
        picked.Sort();
        return picked;
    }

    private static (string Train, string? Validation) Locate(DatasetOptions variant)
    {
        if (Directory.Exists(variant.Path))
        {
            var train = Path.Combine(variant.Path, "train.jsonl");
            if (!File.Exists(train)) throw new InputException(variant.Path, 0, "a dataset folder should hold train.jsonl (as winnow run writes '{split}.jsonl')");
            var validation = variant.Validation ?? Path.Combine(variant.Path, "validation.jsonl");
            return (train, File.Exists(validation) || variant.Validation is not null ? validation : null);
        }
        if (!File.Exists(variant.Path)) throw new InputException(variant.Path, 0, "no such file or folder (did the pipeline run?)");
        return (variant.Path, variant.Validation);
    }

    internal static List<LabeledRow> Read(string path, string? format, string textField, string labelField)
    {
        if (!File.Exists(path)) throw new InputException(path, 0, "no such file (did the pipeline run?)");
        var spec = new InputSpec
        {
            Path = path,
            Format = format,
            Fields = FieldMapping.Default.With("text", textField).With("label", labelField),
        };
        var rows = new List<LabeledRow>();
        foreach (var item in FormatRegistry.ReadAll(spec))
        {
            var r = item.Parse();
            if (string.IsNullOrEmpty(r.Text)) throw new InputException(item.Location.File, item.Location.Line, "no text", textField);
            if (string.IsNullOrEmpty(r.Label)) throw new InputException(item.Location.File, item.Location.Line, "no label (a comparison needs single-label records)", labelField);
            rows.Add(new LabeledRow(r.Id, r.Text, r.Label));
        }
        return rows;
    }

    private static void Write(string path, IReadOnlyList<LabeledRow> rows)
    {
        var tmp = path + ".tmp";
        using (var w = new StreamWriter(tmp, false, new UTF8Encoding(false)))
            foreach (var r in rows)
                w.Write(JsonSerializer.Serialize(new { id = r.Id, text = r.Text, label = r.Label }) + "\n");
        File.Move(tmp, path, overwrite: true);
    }
}
