using Winnow.Embeddings;
using Winnow.Tuning.Data;
using static TorchSharp.torch;

namespace Winnow.Tuning.Tasks.SequenceClassification;

/// <summary>A batch on a device: ids and mask (B, T) int64, padded to the batch's longest text; targets per task.</summary>
public sealed class Batch : IDisposable
{
    public required Tensor InputIds { get; init; }
    public required Tensor AttentionMask { get; init; }

    /// <summary>(B) int64 class indices (single-label), or (B, L) float 0/1 (multi-label); null when unlabelled.</summary>
    public Tensor? Targets { get; init; }

    public int Size => (int)InputIds.shape[0];

    public void Dispose()
    {
        InputIds.Dispose();
        AttentionMask.Dispose();
        Targets?.Dispose();
    }
}

/// <summary>Texts tokenized once (to at most max length) with their label indices; batches are built on demand.</summary>
public sealed class EncodedDataset
{
    private readonly long[][] _ids;
    private readonly int[][] _labels;
    private readonly int _padId;

    public EncodedDataset(IReadOnlyList<LabeledText> items, WordPieceTokenizer tokenizer, int maxLength, LabelSet labels, string sourceName)
    {
        _padId = tokenizer.PadId;
        _ids = new long[items.Count][];
        _labels = new int[items.Count][];
        Parallel.For(0, items.Count, i => _ids[i] = tokenizer.Encode(items[i].Text, maxLength));
        for (int i = 0; i < items.Count; i++)
            _labels[i] = [.. items[i].Labels.Select(l => labels.IndexOf(l, sourceName, i + 1))];
        Labels = labels;
    }

    public int Count => _ids.Length;

    public LabelSet Labels { get; }

    /// <summary>The token ids of example <paramref name="i"/> ([CLS] … [SEP], at most max length).</summary>
    public ReadOnlySpan<long> Ids(int i) => _ids[i];

    /// <summary>Token count of example <paramref name="i"/> (for length-sorted evaluation).</summary>
    public int Length(int i) => _ids[i].Length;

    public IReadOnlyList<int> LabelsOf(int i) => _labels[i];

    public Batch MakeBatch(ReadOnlySpan<int> indices, bool multiLabel, Device device, bool withTargets = true)
    {
        int b = indices.Length, t = 0;
        foreach (var i in indices) t = Math.Max(t, _ids[i].Length);
        var ids = new long[b * t];
        var mask = new long[b * t];
        if (_padId != 0) Array.Fill(ids, _padId);
        for (int r = 0; r < b; r++)
        {
            var src = _ids[indices[r]];
            Array.Copy(src, 0, ids, r * t, src.Length);
            Array.Fill(mask, 1L, r * t, src.Length);
        }
        Tensor? targets = null;
        if (withTargets)
        {
            if (multiLabel)
            {
                var hot = new float[b * Labels.Count];
                for (int r = 0; r < b; r++) foreach (var l in _labels[indices[r]]) hot[r * Labels.Count + l] = 1f;
                targets = tensor(hot, [b, Labels.Count], device: device);
            }
            else
            {
                var y = new long[b];
                for (int r = 0; r < b; r++) y[r] = _labels[indices[r]][0];
                targets = tensor(y, [b], device: device);
            }
        }
        return new Batch { InputIds = tensor(ids, [b, t], device: device), AttentionMask = tensor(mask, [b, t], device: device), Targets = targets };
    }
}
