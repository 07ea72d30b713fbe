namespace Winnow.Core.Classification;

/// <summary>
/// A trained text classifier, as steps outside Tuning see it (pre-labels, label issues): a label set and
/// probabilities per text. The CLI wires a <c>winnow train</c> model folder in (TorchSharp stays in Tuning).
/// </summary>
public interface ITextClassifier
{
    /// <summary>The labels, in the order of each probability vector.</summary>
    IReadOnlyList<string> Labels { get; }

    /// <summary>One probability vector (softmax, summing to 1) per text, in order.</summary>
    float[][] Predict(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}

/// <summary>Loads a classifier from a model folder (a path resolved against the recipe's folder).</summary>
public delegate ITextClassifier TextClassifierLoader(string modelDirectory);
