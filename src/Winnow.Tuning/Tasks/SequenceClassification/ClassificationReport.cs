using System.Text.Json.Serialization;

namespace Winnow.Tuning.Tasks.SequenceClassification;

/// <summary>Precision, recall and F1 of one class, with its count in the gold labels (support).</summary>
public sealed record ClassScore(string Label, double Precision, double Recall, double F1, int Support);

/// <summary>
/// What <c>winnow eval</c> reports: accuracy (exact match for multi-label), macro-F1 (unweighted mean over the
/// classes of the training label set, as scikit-learn's <c>f1_score(average="macro")</c> with those labels),
/// per-class scores and, for single-label, the confusion matrix (rows gold, columns predicted).
/// </summary>
public sealed record ClassificationReport : IEvalReport
{
    public required int Examples { get; init; }
    public required double Accuracy { get; init; }
    [JsonPropertyName("macro_f1")] public required double MacroF1 { get; init; }
    [JsonPropertyName("per_class")] public required IReadOnlyList<ClassScore> PerClass { get; init; }
    public IReadOnlyList<string> Labels { get; init; } = [];
    [JsonPropertyName("confusion_matrix")] public int[][]? ConfusionMatrix { get; init; }

    /// <summary>Single-label: gold and predicted class indices into <paramref name="labels"/>.</summary>
    public static ClassificationReport SingleLabel(IReadOnlyList<string> labels, IReadOnlyList<int> gold, IReadOnlyList<int> predicted)
    {
        if (gold.Count != predicted.Count) throw new ArgumentException("gold and predicted differ in length");
        int k = labels.Count;
        var cm = new int[k][];
        for (int i = 0; i < k; i++) cm[i] = new int[k];
        int correct = 0;
        for (int i = 0; i < gold.Count; i++)
        {
            cm[gold[i]][predicted[i]]++;
            if (gold[i] == predicted[i]) correct++;
        }
        var perClass = new List<ClassScore>(k);
        for (int c = 0; c < k; c++)
        {
            int tp = cm[c][c], support = cm[c].Sum(), predictedAs = 0;
            for (int r = 0; r < k; r++) predictedAs += cm[r][c];
            perClass.Add(Score(labels[c], tp, predictedAs - tp, support - tp, support));
        }
        return new ClassificationReport
        {
            Examples = gold.Count,
            Accuracy = gold.Count == 0 ? 0 : (double)correct / gold.Count,
            MacroF1 = perClass.Count == 0 ? 0 : perClass.Average(s => s.F1),
            PerClass = perClass,
            Labels = labels,
            ConfusionMatrix = cm,
        };
    }

    /// <summary>Multi-label: gold and predicted label-index sets per example.</summary>
    public static ClassificationReport MultiLabel(IReadOnlyList<string> labels, IReadOnlyList<IReadOnlyList<int>> gold, IReadOnlyList<IReadOnlyList<int>> predicted)
    {
        int k = labels.Count, exact = 0;
        var tp = new int[k]; var fp = new int[k]; var fn = new int[k];
        for (int i = 0; i < gold.Count; i++)
        {
            var g = gold[i].ToHashSet();
            var p = predicted[i].ToHashSet();
            if (g.SetEquals(p)) exact++;
            foreach (var l in p) { if (g.Contains(l)) tp[l]++; else fp[l]++; }
            foreach (var l in g) if (!p.Contains(l)) fn[l]++;
        }
        var perClass = Enumerable.Range(0, k).Select(c => Score(labels[c], tp[c], fp[c], fn[c], tp[c] + fn[c])).ToList();
        return new ClassificationReport
        {
            Examples = gold.Count,
            Accuracy = gold.Count == 0 ? 0 : (double)exact / gold.Count,
            MacroF1 = perClass.Count == 0 ? 0 : perClass.Average(s => s.F1),
            PerClass = perClass,
            Labels = labels,
        };
    }

    private static ClassScore Score(string label, int tp, int fp, int fn, int support)
    {
        // scikit-learn's zero_division=0: an undefined precision or recall counts as 0.
        double precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ClassScore(label, precision, recall, f1, support);
    }

    /// <summary>The metric the recipe selects checkpoints by.</summary>
    public double Metric(string name) => name == "macro_f1" ? MacroF1 : Accuracy;

    public string Summary() => $"accuracy {Accuracy:F4}, macro-F1 {MacroF1:F4} on {Examples} examples";

    public IReadOnlyDictionary<string, double> Metrics() => new Dictionary<string, double> { ["accuracy"] = Accuracy, ["macro_f1"] = MacroF1 };
}
