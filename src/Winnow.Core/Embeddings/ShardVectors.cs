using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.AI;
using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Core.Embeddings;

/// <summary>
/// A shard's embeddings for an <see cref="IEmbeddingDatasetStep"/>: the vector of each distinct content text of the
/// shard's records, keyed by the XxHash128 of the text's UTF-8 bytes. File: a 4-byte little-endian dimension count,
/// then entries of 16-byte key and <c>dimensions</c> little-endian float32 (the layout of the embedding cache's
/// segments), ≈1.6 KB per distinct text for MiniLM's 384 dimensions.
/// </summary>
public static class ShardVectors
{
    public static UInt128 Key(string text) => XxHash128.HashToUInt128(Encoding.UTF8.GetBytes(text));

    /// <summary>Embeds the content of <paramref name="records"/> (each distinct text once) and writes the vectors; returns how many.</summary>
    public static long Write(
        IEnumerable<Record> records, IEmbeddingGenerator<string, Embedding<float>> generator, Stream output, CancellationToken cancellationToken)
    {
        var seen = new HashSet<UInt128>();
        var keys = new List<UInt128>();
        IEnumerable<string> Distinct()
        {
            foreach (var record in records)
            {
                var text = record.ContentText;
                var key = Key(text);
                if (!seen.Add(key)) continue;
                keys.Add(key);
                yield return text;
            }
        }
        using var writer = new BinaryWriter(output, Encoding.UTF8, leaveOpen: true);
        var dimensions = -1;
        var keyBytes = new byte[16];
        long written = 0;
        EmbeddingBatches.EmbedAll(generator, Distinct(), (i, v) =>
        {
            if (dimensions < 0) writer.Write(dimensions = v.Length);
            else if (v.Length != dimensions) throw new WinnowException($"embedding generator returned {v.Length} dimensions after {dimensions}");
            var key = keys[i];
            MemoryMarshal.Write(keyBytes.AsSpan(), in key);
            writer.Write(keyBytes);
            writer.Write(MemoryMarshal.AsBytes(v.Span));
            written++;
        }, cancellationToken);
        if (dimensions < 0) writer.Write(0);
        return written;
    }

    /// <summary>Every vector of the files, by key (first one wins: a text two shards embedded has the same vector).</summary>
    public static Dictionary<UInt128, float[]> Read(IEnumerable<string> paths)
    {
        var result = new Dictionary<UInt128, float[]>();
        var header = new byte[4];
        foreach (var path in paths)
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            file.ReadExactly(header);
            var dimensions = MemoryMarshal.Read<int>(header);
            if (dimensions == 0) continue;
            var entry = new byte[16 + dimensions * 4];
            int read;
            while ((read = file.ReadAtLeast(entry, entry.Length, throwOnEndOfStream: false)) == entry.Length)
                result.TryAdd(MemoryMarshal.Read<UInt128>(entry), MemoryMarshal.Cast<byte, float>(entry.AsSpan(16)).ToArray());
            if (read != 0) throw new WinnowException($"{path}: a truncated vector file ({read} bytes after the last whole entry); run the stage's shard again");
        }
        return result;
    }
}

/// <summary>
/// An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> answering from vectors embedded ahead (the shards'
/// <see cref="ShardVectors"/>); a text without one (an exemplar, a description) goes to <paramref name="fallback"/>,
/// created only then. <see cref="Missed"/> counts those.
/// </summary>
public sealed class PrecomputedEmbeddings(
    IReadOnlyDictionary<UInt128, float[]> vectors, Func<IEmbeddingGenerator<string, Embedding<float>>> fallback) : IEmbeddingGenerator<string, Embedding<float>>
{
    private IEmbeddingGenerator<string, Embedding<float>>? _fallback;

    /// <summary>Texts that were not embedded ahead and went to the fallback generator.</summary>
    public long Missed { get; private set; }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values as IReadOnlyList<string> ?? values.ToList();
        var result = new Embedding<float>[texts.Count];
        var missing = new List<int>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (vectors.TryGetValue(ShardVectors.Key(texts[i]), out var v)) result[i] = new Embedding<float>(v);
            else missing.Add(i);
        }
        if (missing.Count > 0)
        {
            _fallback ??= fallback();
            var embedded = await _fallback.GenerateAsync(missing.Select(i => texts[i]).ToList(), options, cancellationToken).ConfigureAwait(false);
            if (embedded.Count != missing.Count)
                throw new WinnowException($"embedding generator returned {embedded.Count} vectors for {missing.Count} texts");
            for (var j = 0; j < missing.Count; j++) result[missing[j]] = embedded[j];
            Missed += missing.Count;
        }
        return new GeneratedEmbeddings<Embedding<float>>(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() { }
}
