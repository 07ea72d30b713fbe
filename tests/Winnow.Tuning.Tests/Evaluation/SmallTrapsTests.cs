using Winnow.Tuning.Tasks.SequenceClassification;
using Winnow.Tuning.Evaluation;

namespace Winnow.Tuning.Tests.Evaluation;

/// <summary>Issue #15, trap 9: the confusion matrix shows counts; predictions are readable UTF-8 JSON.</summary>
public sealed class SmallTrapsTests
{
    [Fact]
    public void CellLabels_GiveEveryCountAtItsCell()
    {
        // gold ham: 5 right, 1 as spam; gold spam: 2 as ham, 3 right.
        int[] gold = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
        int[] predicted = [0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 1];
        var report = ClassificationReport.SingleLabel(["ham", "spam"], gold, predicted);
        var cells = ConfusionPlot.CellLabels(report).ToDictionary(c => (c.X, c.Y), c => c.Text);
        Assert.Equal("5", cells[(0, 1)]); // gold ham (top row), predicted ham
        Assert.Equal("1", cells[(1, 1)]);
        Assert.Equal("2", cells[(0, 0)]); // gold spam (bottom row), predicted ham
        Assert.Equal("3", cells[(1, 0)]);
    }

    [Fact]
    public void WriteJsonl_KeepsApostrophesAndNonAscii()
    {
        var w = new StringWriter();
        Prediction.WriteJsonl([new TextPrediction("don't <stop> café", ["ham"], 0.9, new Dictionary<string, double> { ["ham"] = 0.9 })], w);
        Assert.Contains("\"text\":\"don't <stop> café\"", w.ToString());
        Assert.DoesNotContain("\\u0027", w.ToString());
    }
}
