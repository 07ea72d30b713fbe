using Winnow.Tuning.Tasks.SequenceClassification;

namespace Winnow.Tuning.Evaluation;

/// <summary>
/// What always answering the most frequent gold class scores on the same examples (scikit-learn's
/// <c>DummyClassifier(strategy="most_frequent")</c>): accuracy = its share; macro-F1 = its F1 (precision = share,
/// recall 1) over the number of classes. A model that does not beat it has learnt nothing useful: on SMS spam a
/// head trained at lr 5e-5 scored 0.878 against "ham" 0.884. Single-label reports only (null otherwise).
/// </summary>
public sealed record MajorityBaseline(string Label, double Accuracy, double MacroF1)
{
    public static MajorityBaseline? Of(ClassificationReport report)
    {
        if (report.ConfusionMatrix is null || report.Examples == 0 || report.PerClass.Count == 0) return null;
        var top = report.PerClass.OrderByDescending(c => c.Support).ThenBy(c => c.Label, StringComparer.Ordinal).First();
        var share = (double)top.Support / report.Examples;
        var f1 = 2 * share / (1 + share);
        return new MajorityBaseline(top.Label, share, f1 / report.PerClass.Count);
    }

    /// <summary>True when the model's accuracy is not above the baseline's.</summary>
    public bool NotBeatenBy(ClassificationReport report) => report.Accuracy <= Accuracy + 1e-12;
}
