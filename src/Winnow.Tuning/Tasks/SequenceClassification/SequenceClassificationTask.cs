using Winnow.Embeddings;
using Winnow.Tuning.Backbones.MiniLm;
using Winnow.Tuning.Data;
using Winnow.Tuning.Evaluation;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Winnow.Tuning.Tasks.SequenceClassification;

/// <summary>
/// Single-label (softmax, cross-entropy) or multi-label (sigmoid per label, binary cross-entropy) classification of
/// whole texts: records' text and label(s), mean-pooled encoder output, accuracy and macro-F1.
/// </summary>
public sealed class SequenceClassificationTask : ITuningTask, IDisposable
{
    private readonly EncodedDataset _train;
    private readonly EncodedDataset? _eval;
    private readonly bool _multi;
    private Tensor? _features;

    public SequenceClassificationTask(EncodedDataset train, EncodedDataset? eval, bool multiLabel)
    {
        _train = train;
        _eval = eval;
        _multi = multiLabel;
    }

    /// <summary>Reads and tokenizes the recipe's data; labels come from the training split.</summary>
    public static SequenceClassificationTask Load(string train, string? eval, string textField, string labelField, int maxLength,
        int? limit, int? evalLimit, bool multiLabel, WordPieceTokenizer tokenizer)
    {
        var trainItems = LabeledTextReader.Read(train, textField, labelField, limit);
        var labels = LabelSet.From(trainItems);
        var trainData = new EncodedDataset(trainItems, tokenizer, maxLength, labels, train);
        var evalData = eval is null ? null
            : new EncodedDataset(LabeledTextReader.Read(eval, textField, labelField, evalLimit), tokenizer, maxLength, labels, eval);
        return new SequenceClassificationTask(trainData, evalData, multiLabel);
    }

    public IReadOnlyList<string> Labels => _train.Labels.Names;

    public int TrainCount => _train.Count;

    public int? EvalCount => _eval?.Count;

    public int TrainLength(int i) => _train.Length(i);

    public TaskModel CreateModel(BertModel encoder, double headDropout) => new SequenceClassifier(encoder, Labels.Count, headDropout);

    public Tensor Loss(TaskModel model, ReadOnlySpan<int> indices, Device device)
    {
        var classifier = (SequenceClassifier)model;
        using var scope = NewDisposeScope();
        using var batch = _train.MakeBatch(indices, _multi, device);
        var logits = _features is null
            ? classifier.forward(batch.InputIds, batch.AttentionMask)
            : classifier.Classify(_features.index_select(0, Rows(indices, device)));
        var loss = _multi
            ? functional.binary_cross_entropy_with_logits(logits, batch.Targets!)
            : functional.cross_entropy(logits, batch.Targets!);
        return loss.MoveToOuterDisposeScope();
    }

    public IEvalReport Evaluate(TaskModel model, int batchSize, Device device) =>
        Predictor.Evaluate(model, _eval ?? throw new InvalidOperationException("no evaluation data"), _multi, batchSize, device);

    /// <summary>
    /// The frozen encoder's pooled output for every training example, (N, H), computed once in eval mode (no
    /// dropout), or read from the disk cache (<see cref="FrozenFeatures"/>). Not in inference mode: the head's autograd
    /// reads these tensors later.
    /// </summary>
    public FeatureStats? CacheFeatures(TaskModel model, int batchSize, Device device, Func<TaskModel, EmbeddingCache?> openCache)
    {
        _features?.Dispose();
        model.eval();
        using var cache = openCache(model);
        var (features, stats) = FrozenFeatures.Compute((SequenceClassifier)model, _train, batchSize, device, cache);
        model.train();
        _features = features;
        return stats;
    }

    /// <summary>Example indices as an int64 tensor (for index_select / index_copy_).</summary>
    private static Tensor Rows(ReadOnlySpan<int> indices, Device device)
    {
        var rows = new long[indices.Length];
        for (int i = 0; i < rows.Length; i++) rows[i] = indices[i];
        return tensor(rows, device: device);
    }

    public void Dispose() => _features?.Dispose();
}
