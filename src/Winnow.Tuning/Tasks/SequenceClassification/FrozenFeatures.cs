using System.IO.Hashing;
using System.Runtime.InteropServices;
using Winnow.Embeddings;
using static TorchSharp.torch;

namespace Winnow.Tuning.Tasks.SequenceClassification;

/// <summary>How head-only training got its features: examples, how many the encoder ran on, how many came from disk.</summary>
public sealed record FeatureStats(int Examples, int Encoded, int FromCache, string? CacheFolder);

/// <summary>
/// Head-only training's features: the frozen encoder's mean-pooled output per training example, (N, H) float32.
/// <list type="bullet">
/// <item>Keyed by the example's token ids (the encoder's whole input; the folder of the <see cref="EmbeddingCache"/>
/// names the backbone's weights hash, max length, pooling and device), so a text seen by an earlier run is not
/// encoded again (issue #15: re-encoding was 51–59 s of a 67–75 s run), and identical ids are encoded once.</item>
/// <item>The rest are encoded in batches of equal token length: no padding, so an example's features are the same
/// bits whichever examples share its batch, and a run is byte-identical with the cache, without it, or half
/// from it.</item>
/// </list>
/// </summary>
internal static class FrozenFeatures
{
    /// <summary>Bumped when the encoder's code changes what it computes for the same weights and ids.</summary>
    internal const int Version = 1;

    /// <summary>The cache folder's name: <c>minilm-&lt;weights hash&gt;-len64-mean-cpu-v1</c>.</summary>
    public static string CacheName(string backbone, TaskModel model, int maxLength, Device device) =>
        $"{backbone}-{WeightsHash(model)}-len{maxLength}-mean-{device.type.ToString().ToLowerInvariant()}-v{Version}";

    /// <returns>(N, H) features on <paramref name="device"/>, and how they were obtained.</returns>
    public static (Tensor Features, FeatureStats Stats) Compute(SequenceClassifier classifier, EncodedDataset data, int batchSize, Device device, EmbeddingCache? cache)
    {
        int n = data.Count, h = classifier.Encoder.Config.HiddenSize;
        var keys = new UInt128[n];
        var vectors = new Dictionary<UInt128, float[]>();
        var missing = new Dictionary<UInt128, int>(); // key → the first example with it
        int fromCache = 0;
        for (int i = 0; i < n; i++)
        {
            keys[i] = XxHash128.HashToUInt128(MemoryMarshal.AsBytes(data.Ids(i)));
            if (vectors.ContainsKey(keys[i]) || missing.ContainsKey(keys[i])) continue;
            if (cache is not null && cache.TryGet(keys[i], out var hit) && hit.Length == h)
            {
                vectors[keys[i]] = hit;
                fromCache++;
            }
            else missing[keys[i]] = i;
        }

        // Equal lengths per batch, in a fixed order (length, then first example): no padding, no dependence on neighbours.
        var todo = missing.Values.OrderBy(data.Length).ThenBy(i => i).ToList();
        using (no_grad())
        {
            for (int start = 0; start < todo.Count;)
            {
                int length = data.Length(todo[start]), end = start;
                while (end < todo.Count && end - start < batchSize && data.Length(todo[end]) == length) end++;
                var idx = todo.GetRange(start, end - start).ToArray();
                using var scope = NewDisposeScope();
                using var batch = data.MakeBatch(idx, multiLabel: false, device, withTargets: false);
                var pooled = classifier.Pool(batch.InputIds, batch.AttentionMask).to(CPU).contiguous();
                var flat = pooled.data<float>().ToArray();
                for (int r = 0; r < idx.Length; r++)
                {
                    var vector = flat.AsSpan(r * h, h).ToArray();
                    vectors[keys[idx[r]]] = vector;
                    cache?.Add(keys[idx[r]], vector);
                }
                start = end;
            }
        }
        cache?.Flush();

        var all = new float[(long)n * h];
        for (int i = 0; i < n; i++) vectors[keys[i]].CopyTo(all, (long)i * h);
        var features = tensor(all, [n, h], device: device);
        return (features, new FeatureStats(n, todo.Count, fromCache, cache?.Folder));
    }

    /// <summary>XxHash128 of the encoder's state (names, shapes, bytes), 32 hex digits: other weights, another folder.</summary>
    internal static string WeightsHash(TaskModel model)
    {
        var hash = new XxHash128();
        foreach (var (name, value) in model.Encoder.state_dict().OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            hash.Append(System.Text.Encoding.UTF8.GetBytes(name));
            hash.Append(MemoryMarshal.AsBytes(value.shape.AsSpan()));
            using var scope = NewDisposeScope();
            hash.Append(value.detach().to(CPU).contiguous().bytes);
        }
        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }
}
