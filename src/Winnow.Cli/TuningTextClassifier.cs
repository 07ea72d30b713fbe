using Winnow.Core;
using Winnow.Core.Classification;
using Winnow.Embeddings;
using Winnow.Tuning.Data;
using Winnow.Tuning.Evaluation;
using Winnow.Tuning.Files;
using Winnow.Tuning.Tasks.SequenceClassification;
using Winnow.Tuning.Training;

namespace Winnow.Cli;

/// <summary>
/// A <c>winnow train</c> model folder behind Core's <see cref="ITextClassifier"/>, for the annotation steps
/// (<c>annotate.model</c>, <c>annotate.label_issues</c> with <c>model:</c>): loaded once, run on the CPU in batches.
/// </summary>
internal sealed class TuningTextClassifier : ITextClassifier
{
    private readonly SequenceClassifierHandle _handle;

    private TuningTextClassifier(SequenceClassifierHandle handle) => _handle = handle;

    public IReadOnlyList<string> Labels => _handle.Card.Labels;

    public static ITextClassifier Load(string directory)
    {
        if (!Directory.Exists(directory)) throw new WinnowException($"{directory}: no such model folder", 2);
        var (model, card) = ModelFolder.Load(directory, Devices.Parse("cpu"));
        if (model is not Winnow.Tuning.Tasks.SequenceClassification.SequenceClassifier)
            throw new WinnowException($"{directory}: a {card.Task} model; annotation steps need a sequence classifier", 2);
        if (card.MultiLabel) throw new WinnowException($"{directory}: a multi-label model; annotation steps need a single-label classifier", 2);
        return new TuningTextClassifier(new SequenceClassifierHandle(model, card));
    }

    public float[][] Predict(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var card = _handle.Card;
        var items = texts.Select(t => new LabeledText(t, [])).ToList();
        var data = new EncodedDataset(items, WordPieceTokenizer.MiniLm(), card.MaxLength, new LabelSet(card.Labels), "records");
        return Predictor.Probabilities(_handle.Model, data, multiLabel: false, batchSize: 64, Devices.Parse("cpu"));
    }

    private sealed record SequenceClassifierHandle(Winnow.Tuning.Tasks.TaskModel Model, ModelCard Card);
}
