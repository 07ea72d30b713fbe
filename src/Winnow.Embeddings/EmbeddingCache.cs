using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace Winnow.Embeddings;

/// <summary>
/// Vectors on disk by a 128-bit key (the XxHash128 of a text's UTF-8 bytes, or of whatever the caller hashes): a
/// folder of immutable segment files, each a run of entries (16-byte key, then <c>dimensions</c> little-endian
/// float32), all loaded into a dictionary when the cache opens. New entries stay in memory until
/// <see cref="Flush"/>, which writes them as a new segment under a temporary name and renames it into place, so
/// <list type="bullet">
/// <item>a writer killed mid-write leaves only a temporary file, which no reader opens;</item>
/// <item>processes sharing the folder (shards, two runs) never write the same file: each flush is a new name, and a
/// key two of them wrote is the same vector twice;</item>
/// <item>a segment is read whole or not at all (a torn tail from a lost write is dropped).</item>
/// </list>
/// When more than <see cref="MaxSmallSegments"/> segments under 64 MB pile up, a flush merges them into one (written
/// and renamed the same way, then the merged ones are deleted; a reader that finds one gone skips it). A legacy
/// single file <c>&lt;folder&gt;.cache</c> (the same entries, appended) is read too. Thread-safe. Memory: ≈1.6 KB per
/// cached vector of 384 dimensions.
/// </summary>
public sealed class EmbeddingCache : IDisposable
{
    internal const int MaxSmallSegments = 32;
    private const long SmallSegmentBytes = 64L << 20;
    private const string SegmentPattern = "*.seg";

    private readonly string _folder;
    private readonly int _dimensions;
    private readonly int _entrySize;
    private readonly Dictionary<UInt128, float[]> _entries = [];
    private readonly List<UInt128> _pending = [];
    private readonly Lock _lock = new();

    public EmbeddingCache(string folder, int dimensions)
    {
        _folder = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        _dimensions = dimensions;
        _entrySize = 16 + dimensions * 4;
        Directory.CreateDirectory(_folder);
        if (File.Exists(_folder + ".cache")) Load(_folder + ".cache", _entries);
        foreach (var segment in Segments()) Load(segment, _entries);
        DeleteStaleTemporaries();
    }

    /// <summary>The folder of segment files.</summary>
    public string Folder => _folder;

    public int Count { get { lock (_lock) return _entries.Count; } }

    public static UInt128 Key(string text) => XxHash128.HashToUInt128(Encoding.UTF8.GetBytes(text));

    public bool TryGet(UInt128 key, out float[] vector)
    {
        lock (_lock) return _entries.TryGetValue(key, out vector!);
    }

    /// <summary>Keeps <paramref name="vector"/> (not copied: do not change it afterwards); on disk at the next <see cref="Flush"/>.</summary>
    public void Add(UInt128 key, float[] vector)
    {
        if (vector.Length != _dimensions) throw new ArgumentException($"vector has {vector.Length} dimensions, the cache {_dimensions}");
        lock (_lock)
            if (_entries.TryAdd(key, vector)) _pending.Add(key);
    }

    /// <summary>Writes the entries added since the last flush as one new segment (write, then rename).</summary>
    public void Flush()
    {
        lock (_lock)
        {
            if (_pending.Count == 0) return;
            WriteSegment(_pending.Select(k => (k, _entries[k])));
            _pending.Clear();
            MergeSmallSegments();
        }
    }

    public void Dispose() => Flush();

    private IEnumerable<string> Segments() =>
        Directory.EnumerateFiles(_folder, SegmentPattern).Order(StringComparer.Ordinal).ToList();

    /// <summary>Adds a file's whole entries to <paramref name="into"/> (first one wins); a file merged away meanwhile is skipped.</summary>
    private void Load(string path, Dictionary<UInt128, float[]> into)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
            var buffer = new byte[_entrySize];
            while (file.ReadAtLeast(buffer, _entrySize, throwOnEndOfStream: false) == _entrySize)
                into.TryAdd(MemoryMarshal.Read<UInt128>(buffer), MemoryMarshal.Cast<byte, float>(buffer.AsSpan(16)).ToArray());
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { }
    }

    private void WriteSegment(IEnumerable<(UInt128 Key, float[] Vector)> entries)
    {
        // Names sort by time, so segments load oldest first; pid and a random part keep concurrent writers apart.
        var name = $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Environment.ProcessId}-{Guid.NewGuid():N}";
        var temporary = Path.Combine(_folder, $".tmp-{name}");
        using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            Span<byte> key = stackalloc byte[16];
            foreach (var (k, vector) in entries)
            {
                MemoryMarshal.Write(key, in k);
                file.Write(key);
                file.Write(MemoryMarshal.AsBytes(vector.AsSpan()));
            }
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, Path.Combine(_folder, name + ".seg"));
    }

    /// <summary>Many small segments (one per flush) make opening slow: merge them into one, then delete them.</summary>
    private void MergeSmallSegments()
    {
        var small = Segments().Where(p => Length(p) is > 0 and < SmallSegmentBytes).ToList();
        if (small.Count <= MaxSmallSegments) return;
        var merged = new Dictionary<UInt128, float[]>();
        foreach (var segment in small) Load(segment, merged);
        WriteSegment(merged.Select(kv => (kv.Key, kv.Value)));
        foreach (var segment in small)
        {
            try { File.Delete(segment); }
            catch (IOException) { } // another process merging too: its merged segment holds the same entries
        }
    }

    private static long Length(string path)
    {
        try { return new FileInfo(path).Length; }
        catch (IOException) { return 0; }
    }

    /// <summary>Temporary files of writers killed more than a day ago.</summary>
    private void DeleteStaleTemporaries()
    {
        foreach (var path in Directory.EnumerateFiles(_folder, ".tmp-*"))
        {
            try
            {
                if (File.GetLastWriteTimeUtc(path) < DateTime.UtcNow.AddDays(-1)) File.Delete(path);
            }
            catch (IOException) { }
        }
    }
}
