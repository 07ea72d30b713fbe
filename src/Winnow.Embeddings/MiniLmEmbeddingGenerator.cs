using Microsoft.Extensions.AI;

namespace Winnow.Embeddings;

/// <summary>
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over all-MiniLM-L6-v2 on ONNX Runtime (384 floats,
/// L2-normalised, so a dot product is the cosine similarity). Texts already in the on-disk cache are not run
/// again; the rest go to the model <see cref="MiniLmOptions.BatchSize"/> at a time, sorted by length so each
/// batch pads little, on all cores (ONNX Runtime's intra-op threads). Thread-safe.
/// </summary>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly MiniLmEncoder _encoder;
    private readonly EmbeddingCache? _cache;
    private readonly int _batchSize;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public MiniLmEmbeddingGenerator(MiniLmOptions? options = null)
    {
        options ??= new MiniLmOptions();
        if (options.BatchSize < 1) throw new Core.WinnowException($"embeddings: batch size must be at least 1, not {options.BatchSize}");
        _batchSize = options.BatchSize;
        _encoder = new MiniLmEncoder(options);
        if (options.CacheDirectory is { } dir)
            _cache = new EmbeddingCache(Path.Combine(dir, $"minilm-l6-v2-{options.MaxTokens}"), MiniLmResources.Dimensions);
        _metadata = new EmbeddingGeneratorMetadata("onnxruntime", null, MiniLmResources.ModelId, MiniLmResources.Dimensions);
    }

    /// <summary>Texts run through the model so far (cache misses), for tests and logs.</summary>
    public long Encoded => Interlocked.Read(ref _encoded);
    private long _encoded;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values as IReadOnlyList<string> ?? values.ToList();
        return Task.FromResult(Generate(texts, cancellationToken));
    }

    private GeneratedEmbeddings<Embedding<float>> Generate(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var vectors = new float[texts.Count][];
        var keys = new UInt128[texts.Count];
        var missing = new List<int>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (_cache is not null)
            {
                keys[i] = EmbeddingCache.Key(texts[i]);
                if (_cache.TryGet(keys[i], out var hit)) { vectors[i] = hit; continue; }
            }
            missing.Add(i);
        }
        // Similar lengths in one batch: less padding, the same vectors (each text's pooling only sees its own tokens).
        missing.Sort((a, b) => texts[a].Length.CompareTo(texts[b].Length));
        for (var start = 0; start < missing.Count; start += _batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = missing.Skip(start).Take(_batchSize).ToArray();
            var encoded = _encoder.Encode(batch.Select(i => texts[i]).ToArray());
            for (var j = 0; j < batch.Length; j++)
            {
                vectors[batch[j]] = encoded[j];
                _cache?.Add(keys[batch[j]], encoded[j]);
            }
            Interlocked.Add(ref _encoded, batch.Length);
        }
        _cache?.Flush();
        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Count);
        foreach (var v in vectors)
            result.Add(new Embedding<float>(v) { ModelId = MiniLmResources.ModelId });
        return result;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        _encoder.Dispose();
        _cache?.Dispose();
    }
}
