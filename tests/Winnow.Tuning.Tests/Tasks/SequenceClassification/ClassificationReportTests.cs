using Winnow.Tuning.Evaluation;

using Winnow.Tuning.Tasks.SequenceClassification;

namespace Winnow.Tuning.Tests.Tasks.SequenceClassification;

public sealed class ClassificationReportTests
{
    [Fact]
    public void SingleLabel_KnownPredictions_GivesAccuracyMacroF1AndConfusion()
    {
        // gold a a a b b c ; predicted a a b b c c
        var r = ClassificationReport.SingleLabel(["a", "b", "c"], [0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 2, 2]);
        Assert.Equal(4.0 / 6, r.Accuracy, 12);
        // a: P 1, R 2/3, F1 0.8 ; b: P 1/2, R 1/2, F1 1/2 ; c: P 1/2, R 1, F1 2/3
        Assert.Equal(0.8, r.PerClass[0].F1, 12);
        Assert.Equal(0.5, r.PerClass[1].Precision, 12);
        Assert.Equal(1.0, r.PerClass[2].Recall, 12);
        Assert.Equal((0.8 + 0.5 + 2.0 / 3) / 3, r.MacroF1, 12);
        Assert.Equal([2, 1, 0], r.ConfusionMatrix![0]);
        Assert.Equal([0, 1, 1], r.ConfusionMatrix[1]);
        Assert.Equal(3, r.PerClass[0].Support);
    }

    [Fact]
    public void SingleLabel_ClassNeverPredictedNorPresent_ScoresZeroNotNaN()
    {
        var r = ClassificationReport.SingleLabel(["a", "b"], [0, 0], [0, 0]);
        Assert.Equal(0, r.PerClass[1].F1);
        Assert.Equal(0.5, r.MacroF1, 12);
    }

    [Fact]
    public void MultiLabel_ExactMatchAccuracyAndPerLabelScores()
    {
        var r = ClassificationReport.MultiLabel(["x", "y"], [[0, 1], [0]], [[0, 1], [0, 1]]);
        Assert.Equal(0.5, r.Accuracy, 12);
        Assert.Equal(1.0, r.PerClass[0].F1, 12);
        Assert.Equal(0.5, r.PerClass[1].Precision, 12);
        Assert.Null(r.ConfusionMatrix);
    }
}
