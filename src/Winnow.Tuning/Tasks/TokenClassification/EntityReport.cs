using System.Text.Json.Serialization;
using Winnow.Tuning.Tasks.SequenceClassification;

namespace Winnow.Tuning.Tasks.TokenClassification;

/// <summary>
/// Entity-level scores (exact span and type, as seqeval's strict mode and the WNUT 2017 shared task's scorer):
/// micro precision, recall and F1 over every entity, per type, the unweighted mean of the types' F1, and token
/// (first sub-word) accuracy.
/// </summary>
public sealed record EntityReport : IEvalReport
{
    public required int Examples { get; init; }
    public required double Precision { get; init; }
    public required double Recall { get; init; }
    public required double F1 { get; init; }
    [JsonPropertyName("macro_f1")] public required double MacroF1 { get; init; }
    [JsonPropertyName("token_accuracy")] public required double TokenAccuracy { get; init; }
    [JsonPropertyName("per_type")] public required IReadOnlyList<ClassScore> PerType { get; init; }

    /// <summary>Scores predicted against gold entities, sentence by sentence.</summary>
    public static EntityReport Score(IReadOnlyList<IReadOnlyList<WordEntity>> gold, IReadOnlyList<IReadOnlyList<WordEntity>> predicted,
        IEnumerable<string> types, int tokens, int correctTokens)
    {
        var tp = new Dictionary<string, int>(StringComparer.Ordinal);
        var fp = new Dictionary<string, int>(StringComparer.Ordinal);
        var fn = new Dictionary<string, int>(StringComparer.Ordinal);
        static void Add(Dictionary<string, int> d, string k) => d[k] = d.GetValueOrDefault(k) + 1;
        for (int i = 0; i < gold.Count; i++)
        {
            var g = gold[i].ToHashSet();
            var p = predicted[i].ToHashSet();
            foreach (var e in p) Add(g.Contains(e) ? tp : fp, e.Type);
            foreach (var e in g) if (!p.Contains(e)) Add(fn, e.Type);
        }
        var perType = types.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(t => Class(t, tp.GetValueOrDefault(t), fp.GetValueOrDefault(t), fn.GetValueOrDefault(t))).ToList();
        var all = Class("all", tp.Values.Sum(), fp.Values.Sum(), fn.Values.Sum());
        return new EntityReport
        {
            Examples = gold.Count,
            Precision = all.Precision,
            Recall = all.Recall,
            F1 = all.F1,
            MacroF1 = perType.Count == 0 ? 0 : perType.Average(c => c.F1),
            TokenAccuracy = tokens == 0 ? 0 : (double)correctTokens / tokens,
            PerType = perType,
        };
    }

    private static ClassScore Class(string label, int tp, int fp, int fn)
    {
        double precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ClassScore(label, precision, recall, f1, tp + fn);
    }

    public double Metric(string name) => name switch { "macro_f1" => MacroF1, "accuracy" => TokenAccuracy, _ => F1 };

    public string Summary() => $"entity F1 {F1:F4} (precision {Precision:F4}, recall {Recall:F4}), macro-F1 {MacroF1:F4} on {Examples} sentences";

    public IReadOnlyDictionary<string, double> Metrics() => new Dictionary<string, double>
    {
        ["f1"] = F1, ["precision"] = Precision, ["recall"] = Recall, ["macro_f1"] = MacroF1, ["token_accuracy"] = TokenAccuracy,
    };
}
