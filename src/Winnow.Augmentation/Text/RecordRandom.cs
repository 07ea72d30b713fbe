using System.IO.Hashing;
using System.Text;

namespace Winnow.Augmentation.Text;

/// <summary>
/// A small seeded generator (SplitMix64) keyed on a record's id, the step's seed and the variant number, so a
/// record gets the same variants wherever it sits in the stream, on any core count, in any shard.
/// </summary>
public struct RecordRandom
{
    private ulong _state;

    public RecordRandom(ulong seed) => _state = seed;

    /// <summary>The generator for variant <paramref name="copy"/> of the record <paramref name="id"/> under <paramref name="seed"/>.</summary>
    public static RecordRandom For(long seed, string id, int copy)
    {
        Span<byte> buffer = stackalloc byte[Encoding.UTF8.GetMaxByteCount(Math.Min(id.Length, 256))];
        var bytes = id.Length <= 256 ? buffer[..Encoding.UTF8.GetBytes(id, buffer)] : Encoding.UTF8.GetBytes(id);
        var hash = XxHash64.HashToUInt64(bytes, seed);
        return new RecordRandom(hash ^ ((ulong)(uint)copy * 0x9E3779B97F4A7C15UL));
    }

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, <paramref name="n"/>).</summary>
    public int Next(int n) => (int)((NextUInt64() >> 33) * (ulong)n >> 31);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
