using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Winnow.Core.Records;

/// <summary>
/// A record's key for every seeded decision (sample, balance, topic sampling, …): where it came from, never
/// where it sits in a stream. A source record is named by its source (<c>file:line</c>); a created record keeps its
/// parent's source and gets an id of its own (<c>&lt;parent&gt;~2</c>, <c>&lt;parent&gt;-twin</c>), which acts as its
/// ordinal among the parent's children. So the same record draws the same number in one process or in shard 5 of 7,
/// after any filter upstream.
/// </summary>
public static class RecordOrigin
{
    /// <summary>64-bit XxHash3 of the source and the id (UTF-16 code units, as .NET holds them).</summary>
    public static ulong Key(Record record)
    {
        var source = record.Provenance.Source ?? "";
        var id = record.Id;
        var length = source.Length + 1 + id.Length;
        Span<char> chars = length <= 512 ? stackalloc char[length] : new char[length];
        source.CopyTo(chars);
        chars[source.Length] = '\0';
        id.CopyTo(chars[(source.Length + 1)..]);
        return XxHash3.HashToUInt64(MemoryMarshal.AsBytes(chars));
    }

    /// <summary>A seeded number in [0, 1) for the record: the same for the same seed and origin, whatever the sharding.</summary>
    public static double Uniform(long seed, Record record)
    {
        Span<ulong> words = [(ulong)seed, Key(record)];
        return (XxHash3.HashToUInt64(MemoryMarshal.AsBytes(words)) >> 11) * (1.0 / (1UL << 53));
    }
}
