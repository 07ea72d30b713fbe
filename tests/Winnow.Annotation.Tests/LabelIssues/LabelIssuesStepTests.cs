using Winnow.Annotation.LabelIssues;
using Winnow.Core.Records;

namespace Winnow.Annotation.Tests.LabelIssues;

public sealed class LabelIssuesStepTests
{
    // 4 well-separated classes of 50; 8 records (ids c0-0 … c0-7) moved from class0 to class1..3.
    private static (List<Record> Records, FakeEmbeddings Embeddings, HashSet<string> Wrong) Noisy()
    {
        var (records, vectors) = FakeEmbeddings.Clusters(4, 50, seed: 3);
        var wrong = new HashSet<string>();
        for (var i = 0; i < 8; i++)
        {
            records[i] = records[i] with { Label = $"class{1 + i % 3}" };
            wrong.Add(records[i].Id);
        }
        return (records, new FakeEmbeddings(vectors), wrong);
    }

    // Label errors only: a Gaussian cloud has a few records in its tail past the outlier fence, which these tests do not ask about.
    // The same filter in every mode (prune_by_noise_rate, which finds exactly the moved ones here): the tests ask what each mode does.
    private static LabelIssuesStep Step(string mode, FakeEmbeddings e, string outliers = "none", string filter = "prune_by_noise_rate") =>
        new(new LabelIssuesOptions { Mode = mode, Epochs = 20, Outliers = outliers, FilterBy = filter }, StepHarness.Context("annotate.label_issues"), () => e, null);

    [Fact]
    public void Flag_MovedLabels_AreFlaggedWithTheirTrueLabelSuggested()
    {
        var (records, e, wrong) = Noisy();
        var output = StepHarness.Run(Step("flag", e), records);
        Assert.Equal(records.Count, output.Count);
        var flagged = output.Where(r => r.Meta["label_issue"].GetBoolean()).ToList();
        Assert.Equal(wrong.Order(), flagged.Select(r => r.Id).Order());
        Assert.All(flagged, r => Assert.Equal("class0", r.Meta.GetString("suggested_label")));
        Assert.All(output, r => Assert.True(r.Meta.ContainsKey("label_quality")));
        // The flagged ones' given label is improbable; the others' is probable.
        Assert.True(flagged.Max(r => r.Meta["label_quality"].GetDouble()) < output.Where(r => !wrong.Contains(r.Id)).Min(r => r.Meta["label_quality"].GetDouble()));
    }

    [Fact]
    public void Drop_MovedLabels_AreRejectedAsLabelIssue()
    {
        var (records, e, wrong) = Noisy();
        var reasons = new List<string>();
        var output = StepHarness.Run(Step("drop", e), records, reasons);
        Assert.Equal(records.Count - wrong.Count, output.Count);
        Assert.All(reasons, r => Assert.Equal("label_issue", r));
        Assert.DoesNotContain(output, r => wrong.Contains(r.Id));
    }

    [Fact]
    public void Drop_AutoFilter_DropsEveryRecordTheModelDisagreesWith()
    {
        // filter_by auto in drop mode is predicted_neq_given: every moved label and, in the clouds' tails, a few records
        // whose out-of-fold argmax is another class; prune_by_noise_rate takes only the moved ones.
        var (records, e, wrong) = Noisy();
        var reasons = new List<string>();
        var kept = StepHarness.Run(Step("drop", e, filter: "auto"), records, reasons).Select(r => r.Id).ToHashSet();
        var dropped = records.Where(r => !kept.Contains(r.Id)).Select(r => r.Id).ToHashSet();
        Assert.Subset(dropped, wrong);
        Assert.True(dropped.Count > wrong.Count && dropped.Count <= wrong.Count + 4, $"{dropped.Count} dropped, {wrong.Count} moved");
        Assert.Equal(dropped.Count, reasons.Count(r => r == "label_issue"));
    }

    [Fact]
    public void Relabel_MovedLabels_GetTheirTrueLabelBackWithProvenance()
    {
        var (records, e, wrong) = Noisy();
        var output = StepHarness.Run(Step("relabel", e), records);
        Assert.Equal(records.Count, output.Count);
        foreach (var r in output.Where(r => wrong.Contains(r.Id)))
        {
            Assert.Equal("class0", r.Label);
            Assert.NotNull(r.Meta.GetString("original_label"));
            Assert.Contains(r.Provenance.Steps, s => s.StartsWith("annotate.label_issues relabel", StringComparison.Ordinal));
        }
        Assert.Equal(records.Where(r => !wrong.Contains(r.Id)), output.Where(r => !wrong.Contains(r.Id)));
    }

    [Fact]
    public void Plan_SameInputTwice_GivesTheSameVerdicts()
    {
        var (records, e, _) = Noisy();
        var a = StepHarness.Run(Step("flag", e), records);
        var b = StepHarness.Run(Step("flag", e), records);
        Assert.Equal(a, b);
    }

    // The clusters plus 6 off-topic records: each along its own direction (dimensions 8–13), leaning away from every class.
    private static (List<Record> Records, FakeEmbeddings Embeddings, HashSet<string> OffTopic) WithOffTopic()
    {
        var (records, vectors) = FakeEmbeddings.Clusters(4, 50, seed: 3);
        var random = new Random(9);
        var off = new HashSet<string>();
        for (var i = 0; i < 6; i++)
        {
            var v = new float[16];
            for (var d = 0; d < 16; d++) v[d] = (float)(random.NextDouble() * 0.05) + (d == 8 + i ? 1f : 0f) - (d < 4 ? 0.3f : 0f);
            vectors[$"off-{i}"] = FakeEmbeddings.Normalise(v);
            records.Add(new Record { Id = $"off-{i}", Text = $"off-{i}", Label = $"class{i % 4}" });
            off.Add($"off-{i}");
        }
        return (records, new FakeEmbeddings(vectors), off);
    }

    [Fact]
    public void Flag_OffTopicRecords_AreOutliersWithTheirScore()
    {
        var (records, e, off) = WithOffTopic();
        var output = StepHarness.Run(Step("flag", e, "knn"), records);
        var outliers = output.Where(r => r.Meta.GetString("label_issue_kind") == "outlier").Select(r => r.Id).ToHashSet();
        // Every off-topic record, and few others (the fence also takes a Gaussian cloud's far tail: here 4 of 200).
        Assert.Subset(outliers, off);
        Assert.True(outliers.Count - off.Count <= 6, $"{outliers.Count - off.Count} in-topic outliers");
        Assert.All(output.Where(r => outliers.Contains(r.Id)), r => Assert.True(r.Meta["label_issue"].GetBoolean()));
        // No class fits an outlier: it gets no suggested label (which was often its given one); every other record does.
        Assert.All(output, r => Assert.Equal(!outliers.Contains(r.Id), r.Meta.ContainsKey("suggested_label")));
        double offMin = output.Where(r => off.Contains(r.Id)).Min(r => r.Meta["outlier_score"].GetDouble()),
            restMax = output.Where(r => !off.Contains(r.Id)).Max(r => r.Meta["outlier_score"].GetDouble());
        Assert.True(offMin > restMax, $"off-topic min {offMin}, others max {restMax}");
    }

    [Fact]
    public void Relabel_OffTopicRecords_AreDroppedAsOutliersNotRelabelled()
    {
        var (records, e, off) = WithOffTopic();
        var reasons = new List<string>();
        var output = StepHarness.Run(Step("relabel", e, "knn"), records, reasons);
        Assert.DoesNotContain(output, r => off.Contains(r.Id));
        Assert.True(reasons.Count(r => r == "outlier") >= off.Count);
        Assert.DoesNotContain(output, r => r.Meta.ContainsKey("original_label") && off.Contains(r.Id));
    }

    [Fact]
    public void Flag_OutliersNone_FlagsNoOutlier()
    {
        var (records, e, _) = WithOffTopic();
        var step = new LabelIssuesStep(new LabelIssuesOptions { Outliers = "none", Epochs = 20 }, StepHarness.Context("annotate.label_issues"), () => e, null);
        Assert.DoesNotContain(StepHarness.Run(step, records), r => r.Meta.GetString("label_issue_kind") == "outlier");
    }

    [Fact]
    public void Clean_WrongLabelWithANearDuplicate_IsFoundOnlyWhenCopiesAreGrouped()
    {
        // c0-0 and an exact copy both carry the wrong label class1. With one neighbour voting, the copy vouches for the
        // wrong label unless a near-duplicate group keeps it from voting.
        var (records, vectors) = FakeEmbeddings.Clusters(4, 50, seed: 3);
        var x = records.Select(r => vectors[r.Text!]).Append(vectors["c0-0"]).ToList();
        var y = records.Select(r => int.Parse(r.Label!["class".Length..], System.Globalization.CultureInfo.InvariantCulture)).Append(1).ToList();
        y[0] = 1;
        var options = new LabelIssuesOptions { Probabilities = "knn", K = 1, Outliers = "none", DuplicateSimilarity = 0.95 };
        var grouped = LabelIssuesStep.Clean(x, y, 4, options, 42);
        var ungrouped = LabelIssuesStep.Clean(x, y, 4, options with { DuplicateSimilarity = 1 }, 42);
        Assert.True(grouped[0].IsIssue && grouped[^1].IsIssue);
        Assert.Equal(0, grouped[0].Suggested);
        Assert.False(ungrouped[0].IsIssue || ungrouped[^1].IsIssue);
    }

    [Fact]
    public void Fence_KnownScores_IsThirdQuartilePlusScaledIqr()
    {
        // 1…8: quartiles 2.75 and 6.25 (linear interpolation), IQR 3.5; t = 0.5 → 6.25 + (1/0.5 − 1)·3.5.
        Assert.Equal(9.75, OutOfDistribution.Fence([1, 2, 3, 4, 5, 6, 7, 8], 0.5), 10);
    }

    [Fact]
    public void NearDuplicateGroups_ChainOfCloseVectors_JoinsTransitively()
    {
        float[][] x = [[1, 0, 0], FakeEmbeddings.Normalise([1, 0.2f, 0]), FakeEmbeddings.Normalise([1, 0.4f, 0]), [0, 0, 1]];
        var groups = Winnow.Annotation.Classifiers.NeighbourGraph.Build(x, 3).NearDuplicateGroups(0.97);
        Assert.Equal([0, 0, 0, 3], groups);
    }

    [Fact]
    public void ConfidentLearning_PerfectProbabilities_FindsNoIssue()
    {
        float[][] probs = [[0.9f, 0.1f], [0.8f, 0.2f], [0.1f, 0.9f], [0.3f, 0.7f]];
        Assert.DoesNotContain(ConfidentLearning.Find(probs, [0, 0, 1, 1], 2), v => v.IsIssue);
    }
}
