namespace Winnow.Core.Classification;

/// <summary>
/// The most likely label of each text, in order: what a label-preservation guard asks (an augmented variant must
/// still be predicted as its parent's label). Any project can implement it (Annotation's kNN over embeddings,
/// Tuning's fine-tuned classifier); a trained <see cref="ITextClassifier"/> is one through <see cref="TextClassifierLabels"/>.
/// </summary>
public interface ILabelClassifier
{
    Task<IReadOnlyList<string>> PredictAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}

/// <summary>A trained <see cref="ITextClassifier"/> as an <see cref="ILabelClassifier"/>: the label of the highest probability.</summary>
public sealed class TextClassifierLabels(ITextClassifier classifier) : ILabelClassifier
{
    public Task<IReadOnlyList<string>> PredictAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var probabilities = classifier.Predict(texts, cancellationToken);
        var labels = new string[probabilities.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            var best = 0;
            for (var k = 1; k < probabilities[i].Length; k++) if (probabilities[i][k] > probabilities[i][best]) best = k;
            labels[i] = classifier.Labels[best];
        }
        return Task.FromResult<IReadOnlyList<string>>(labels);
    }
}
