using System.Text.Json.Serialization;

namespace Winnow.Annotation.Rules;

/// <summary>One row of Snorkel's <c>LFAnalysis.lf_summary</c>.</summary>
public sealed record LfSummary(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("polarity")] string Polarity,
    [property: JsonPropertyName("coverage")] double Coverage,
    [property: JsonPropertyName("overlaps")] double Overlaps,
    [property: JsonPropertyName("conflicts")] double Conflicts,
    [property: JsonPropertyName("correct")] int? Correct,
    [property: JsonPropertyName("incorrect")] int? Incorrect,
    [property: JsonPropertyName("empirical_accuracy")] double? EmpiricalAccuracy,
    [property: JsonPropertyName("learned_accuracy")] double? LearnedAccuracy);

/// <summary>The whole analysis (schema <c>winnow.lf_analysis/1</c>): per function, and for the set and the combiners.</summary>
public sealed record LfReport(
    [property: JsonPropertyName("schema")] string Schema,
    [property: JsonPropertyName("records")] int Records,
    [property: JsonPropertyName("gold")] int Gold,
    [property: JsonPropertyName("coverage")] double Coverage,
    [property: JsonPropertyName("functions")] IReadOnlyList<LfSummary> Functions,
    [property: JsonPropertyName("majority_accuracy")] double? MajorityAccuracy,
    [property: JsonPropertyName("label_model_accuracy")] double? LabelModelAccuracy,
    [property: JsonPropertyName("majority_coverage")] double MajorityCoverage,
    [property: JsonPropertyName("label_model_coverage")] double LabelModelCoverage);

/// <summary>
/// Snorkel's LF summary: per function its polarity (labels voted), coverage (share of records it votes on), overlaps
/// (share of records where it and another function vote), conflicts (share where another function votes a different
/// label), and with gold labels correct / incorrect / empirical accuracy; plus the label model's learned accuracy.
/// For the set: coverage (share with at least one vote) and, with gold, the accuracy of majority vote and of the label
/// model on the records they label.
/// </summary>
public static class LfAnalysis
{
    public static LfReport Analyse(RuleSet rules, IReadOnlyList<Winnow.Core.Records.Record> records)
    {
        var votes = records.Select(rules.Votes).ToArray();
        var gold = records.Select(r => r.Label).ToArray();
        int n = records.Count, m = rules.Functions.Count, goldCount = gold.Count(g => g is not null);
        var (_, learned) = LabelModel.Combine(votes, rules.Labels, "label_model");
        var summaries = new List<LfSummary>();
        for (var j = 0; j < m; j++)
        {
            int covered = 0, overlaps = 0, conflicts = 0, correct = 0, incorrect = 0;
            for (var i = 0; i < n; i++)
            {
                var v = votes[i][j];
                if (v < 0) continue;
                covered++;
                var others = votes[i].Where((o, k) => k != j && o >= 0).ToList();
                if (others.Count > 0) overlaps++;
                if (others.Any(o => o != v)) conflicts++;
                if (gold[i] is { } g) { if (rules.Labels[v] == g) correct++; else incorrect++; }
            }
            var labelled = correct + incorrect;
            summaries.Add(new LfSummary(rules.Functions[j].Name, rules.Functions[j].Label, Share(covered, n), Share(overlaps, n), Share(conflicts, n),
                goldCount > 0 ? correct : null, goldCount > 0 ? incorrect : null, labelled > 0 ? Math.Round(correct / (double)labelled, 4) : null,
                learned is null ? null : Math.Round(learned[j], 4)));
        }
        var (majority, _) = LabelModel.Combine(votes, rules.Labels, "majority");
        var (model, _) = LabelModel.Combine(votes, rules.Labels, "label_model");
        return new LfReport("winnow.lf_analysis/1", n, goldCount, Share(votes.Count(v => v.Any(x => x >= 0)), n), summaries,
            Accuracy(majority, gold), Accuracy(model, gold), Share(majority.Count(d => d.Label is not null), n), Share(model.Count(d => d.Label is not null), n));
    }

    private static double? Accuracy(RuleDecision[] decisions, string?[] gold)
    {
        int right = 0, total = 0;
        for (var i = 0; i < gold.Length; i++)
            if (gold[i] is not null && decisions[i].Label is { } l) { total++; if (l == gold[i]) right++; }
        return total == 0 ? null : Math.Round(right / (double)total, 4);
    }

    private static double Share(int count, int n) => n == 0 ? 0 : Math.Round(count / (double)n, 4);
}
