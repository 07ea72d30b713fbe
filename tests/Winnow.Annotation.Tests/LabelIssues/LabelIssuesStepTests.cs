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

    private static LabelIssuesStep Step(string mode, FakeEmbeddings e) =>
        new(new LabelIssuesOptions { Mode = mode, Epochs = 20 }, StepHarness.Context("annotate.label_issues"), () => e, null);

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

    [Fact]
    public void ConfidentLearning_PerfectProbabilities_FindsNoIssue()
    {
        float[][] probs = [[0.9f, 0.1f], [0.8f, 0.2f], [0.1f, 0.9f], [0.3f, 0.7f]];
        Assert.DoesNotContain(ConfidentLearning.Find(probs, [0, 0, 1, 1], 2), v => v.IsIssue);
    }
}
