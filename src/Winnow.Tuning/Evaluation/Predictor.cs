using TorchSharp;
using Winnow.Tuning.Data;
using Winnow.Tuning.Tasks;
using Winnow.Tuning.Tasks.SequenceClassification;
using static TorchSharp.torch;

namespace Winnow.Tuning.Evaluation;

/// <summary>
/// Batched inference: examples sorted by length so each batch pads little, run in inference mode (no autograd
/// records), probabilities returned in the examples' original order.
/// </summary>
public static class Predictor
{
    /// <returns>(N, labels) probabilities: softmax (single-label) or per-label sigmoid (multi-label).</returns>
    public static float[][] Probabilities(TaskModel model, EncodedDataset data, bool multiLabel, int batchSize, Device device)
    {
        var result = new float[data.Count][];
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var inference = inference_mode();
            InLengthOrder(data, batchSize, device, (idx, batch) =>
            {
                var logits = model.forward(batch.InputIds, batch.AttentionMask);
                var probs = (multiLabel ? logits.sigmoid() : logits.softmax(-1)).to(CPU).contiguous();
                var flat = probs.data<float>().ToArray();
                int k = (int)probs.shape[1];
                for (int r = 0; r < idx.Length; r++) result[idx[r]] = flat.AsSpan(r * k, k).ToArray();
            });
        }
        finally
        {
            model.train(wasTraining);
        }
        return result;
    }

    /// <summary>
    /// The examples in batches sorted by length (each pads little; the order does not matter to inference), each
    /// built without targets and handed to <paramref name="body"/> with its example indices inside a dispose scope.
    /// </summary>
    internal static void InLengthOrder(EncodedDataset data, int batchSize, Device device, Action<int[], Batch> body)
    {
        var order = Enumerable.Range(0, data.Count).OrderBy(data.Length).ToArray();
        for (int start = 0; start < order.Length; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var idx = order[start..Math.Min(order.Length, start + batchSize)];
            using var batch = data.MakeBatch(idx, multiLabel: false, device, withTargets: false);
            body(idx, batch);
        }
    }

    public static int ArgMax(float[] p)
    {
        int best = 0;
        for (int i = 1; i < p.Length; i++) if (p[i] > p[best]) best = i;
        return best;
    }

    /// <summary>Scores the model on a labelled dataset.</summary>
    public static ClassificationReport Evaluate(TaskModel model, EncodedDataset data, bool multiLabel, int batchSize, Device device)
    {
        var probs = Probabilities(model, data, multiLabel, batchSize, device);
        if (multiLabel)
        {
            var gold = Enumerable.Range(0, data.Count).Select(i => data.LabelsOf(i)).ToList();
            var pred = probs.Select(p => (IReadOnlyList<int>)Enumerable.Range(0, p.Length).Where(j => p[j] >= 0.5f).ToList()).ToList();
            return ClassificationReport.MultiLabel(data.Labels.Names, gold, pred);
        }
        return ClassificationReport.SingleLabel(data.Labels.Names,
            Enumerable.Range(0, data.Count).Select(i => data.LabelsOf(i)[0]).ToList(),
            probs.Select(ArgMax).ToList());
    }
}
