namespace Winnow.Augmentation.Guards;

/// <summary>
/// A text classifier the label guard asks (a fine-tuned model, a kNN over embeddings, …): the most likely label of
/// each text, in order. The CLI wires an implementation; Augmentation sees only this contract.
/// </summary>
public interface ILabelClassifier
{
    Task<IReadOnlyList<string>> PredictAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
