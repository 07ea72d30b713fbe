using Winnow.Annotation.LabelIssues;

namespace Winnow.Annotation.Tests.LabelIssues;

public sealed class ConfidentLearningTests
{
    // Three classes of three clean records (p 0.7 for their own class: thresholds t = 0.7), and two wrong ones:
    // x (index 9), labelled 1 but confidently class 0 (0.75 ≥ t_0): the one off-diagonal count of the confident joint;
    // a (index 10), labelled 2 with p 0.1, split between classes 0 and 1 and confidently in none.
    private static readonly float[][] Probs =
    [
        [.7f, .15f, .15f], [.7f, .15f, .15f], [.7f, .15f, .15f],
        [.15f, .7f, .15f], [.15f, .7f, .15f], [.15f, .7f, .15f],
        [.15f, .15f, .7f], [.15f, .15f, .7f], [.15f, .15f, .7f],
        [.75f, .25f, 0f], [.45f, .45f, .1f],
    ];
    private static readonly int[] Labels = [0, 0, 0, 1, 1, 1, 2, 2, 2, 1, 2];

    private static int[] Issues(string filter) =>
        [.. ConfidentLearning.Find(Probs, Labels, 3, filter).Select((v, i) => (v, i)).Where(p => p.v.IsIssue).Select(p => p.i)];

    [Fact]
    public void Find_PruneByNoiseRate_TakesOnlyWhatTheConfidentJointCounts() => Assert.Equal([9], Issues("prune_by_noise_rate"));

    [Fact]
    public void Find_LowSelfConfidence_FlagsTheEstimatedCountWithTheLowestGivenLabelProbability() =>
        // One issue estimated (the joint's off-diagonal count); a's given label is the least probable (0.1 < 0.25).
        Assert.Equal([10], Issues("low_self_confidence"));

    [Fact]
    public void Find_LowNormalizedMargin_FlagsTheEstimatedCountWithTheLowestMargin() =>
        // Margins p(given) − max other: x 0.25 − 0.75 = −0.5, a 0.1 − 0.45 = −0.35.
        Assert.Equal([9], Issues("low_normalized_margin"));

    [Fact]
    public void Find_PredictedNeqGiven_FlagsEveryRecordWhoseArgmaxIsAnotherClass() => Assert.Equal([9, 10], Issues("predicted_neq_given"));

    [Fact]
    public void Find_SuggestionBelowItsClassThreshold_IsNotConfident()
    {
        var verdicts = ConfidentLearning.Find(Probs, Labels, 3, "low_self_confidence");
        Assert.True(verdicts[9].Confident);
        Assert.False(verdicts[10].Confident);
        Assert.True(verdicts[10].Unplaced);
    }

    [Fact]
    public void Filter_Auto_IsPreciseForPeopleAndWideForCleaning()
    {
        Assert.Equal("prune_by_noise_rate", new LabelIssuesOptions().Filter());
        Assert.Equal("predicted_neq_given", new LabelIssuesOptions { Mode = "drop" }.Filter());
        Assert.Equal("predicted_neq_given", new LabelIssuesOptions { Mode = "relabel" }.Filter());
        Assert.Equal("confident_learning", new LabelIssuesOptions { Mode = "relabel", FilterBy = "confident_learning" }.Filter());
    }

    [Fact]
    public void Relabels_RelabelConfident_DropsAnIssueItsSuggestionDoesNotConfidentlyFit()
    {
        var unsure = new LabelVerdict(true, 0, 0.1, 0.6, Confident: false);
        var sure = unsure with { Confident = true };
        var options = new LabelIssuesOptions { RelabelConfident = true };
        Assert.True(LabelIssuesStep.Relabels(unsure, options with { RelabelConfident = false }));
        Assert.False(LabelIssuesStep.Relabels(unsure, options));
        Assert.True(LabelIssuesStep.Relabels(sure, options));
        Assert.False(LabelIssuesStep.Relabels(sure with { SuggestedProbability = 0.4 }, options));
        Assert.False(LabelIssuesStep.Relabels(sure with { IsOutlier = true }, options));
    }
}
