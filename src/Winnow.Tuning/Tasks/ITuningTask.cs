using Winnow.Tuning.Backbones.MiniLm;
using static TorchSharp.torch;

namespace Winnow.Tuning.Tasks;

/// <summary>An evaluation result: the metrics a recipe can select checkpoints by, and one line for people.</summary>
public interface IEvalReport
{
    int Examples { get; }

    /// <summary>The metric called <paramref name="name"/> (<c>accuracy</c>, <c>macro_f1</c>, <c>f1</c>).</summary>
    double Metric(string name);

    /// <summary>"accuracy 0.9305, macro-F1 0.9303 on 3080 examples".</summary>
    string Summary();

    /// <summary>The numbers written into metrics.jsonl's eval lines.</summary>
    IReadOnlyDictionary<string, double> Metrics();
}

/// <summary>
/// A task on the backbone (sequence classification, token classification): it reads and tokenizes its data,
/// builds its batches, makes its head, computes its loss and scores a model. The training loop only asks it.
/// </summary>
public interface ITuningTask
{
    /// <summary>What the head predicts, in index order (labels, or BIO tags).</summary>
    IReadOnlyList<string> Labels { get; }

    int TrainCount { get; }

    int? EvalCount { get; }

    /// <summary>Token count of training example <paramref name="i"/> (for length grouping).</summary>
    int TrainLength(int i);

    /// <summary>A model with a new head on <paramref name="encoder"/>.</summary>
    TaskModel CreateModel(BertModel encoder, double headDropout);

    /// <summary>The mean loss over the training examples <paramref name="indices"/> (a micro-batch), with autograd.</summary>
    Tensor Loss(TaskModel model, ReadOnlySpan<int> indices, Device device);

    /// <summary>Scores <paramref name="model"/> on the evaluation data (in inference mode).</summary>
    IEvalReport Evaluate(TaskModel model, int batchSize, Device device);

    /// <summary>
    /// Head-only training: encode the training data once with the frozen encoder so <see cref="Loss"/> runs only the
    /// head, reusing what <paramref name="openCache"/> (given the model; null: no disk cache) holds from earlier runs;
    /// null when the task cannot (then the encoder runs on every batch).
    /// </summary>
    SequenceClassification.FeatureStats? CacheFeatures(TaskModel model, int batchSize, Device device, Func<TaskModel, Embeddings.EmbeddingCache?> openCache);
}
