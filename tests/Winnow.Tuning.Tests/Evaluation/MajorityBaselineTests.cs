using Winnow.Tuning.Tasks.SequenceClassification;
using Winnow.Tuning.Evaluation;

namespace Winnow.Tuning.Tests.Evaluation;

/// <summary>Issue #15, trap 1: a model below "always the majority class" must be visible as such.</summary>
public sealed class MajorityBaselineTests
{
    private static readonly string[] Labels = ["ham", "spam"];

    [Fact]
    public void Of_SingleLabel_IsTheMajorityShare()
    {
        // 88 ham, 12 spam; the model answers ham always but 2.
        var gold = Enumerable.Repeat(0, 88).Concat(Enumerable.Repeat(1, 12)).ToList();
        var predicted = gold.Select((g, i) => i < 2 ? 1 : 0).ToList();
        var report = ClassificationReport.SingleLabel(Labels, gold, predicted);
        var b = MajorityBaseline.Of(report)!;
        Assert.Equal("ham", b.Label);
        Assert.Equal(0.88, b.Accuracy, 6);
        Assert.Equal(2 * 0.88 / 1.88 / 2, b.MacroF1, 6);
        Assert.True(b.NotBeatenBy(report)); // 0.86 ≤ 0.88
    }

    [Fact]
    public void NotBeatenBy_BetterModel_False()
    {
        var gold = Enumerable.Repeat(0, 88).Concat(Enumerable.Repeat(1, 12)).ToList();
        var report = ClassificationReport.SingleLabel(Labels, gold, gold);
        Assert.False(MajorityBaseline.Of(report)!.NotBeatenBy(report));
    }

    [Fact]
    public void Of_MultiLabel_IsNull() =>
        Assert.Null(MajorityBaseline.Of(ClassificationReport.MultiLabel(Labels, [[0]], [[0]])));
}
