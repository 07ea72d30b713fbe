namespace Winnow.Core.Running;

/// <summary>
/// The append-only files a run writes under its work folder (outputs in progress, rejects, spills), keyed by
/// their path relative to that folder. A checkpoint records each file's length and record count; a resumed
/// run truncates every file back to its checkpoint, so what was written after it is written again.
/// </summary>
/// <param name="hashed">Keys of the files whose SHA-256 the finish needs (outputs written in place, rejects): their bytes
/// are hashed as they are written, so the finish does not read them again.</param>
internal sealed class SinkSet(string root, Func<string, bool>? hashed = null) : IDisposable
{
    private readonly SortedDictionary<string, Sink> _sinks = new(StringComparer.Ordinal); // ordered: checkpoints and finishing
    private readonly Dictionary<string, Sink> _byKey = new(StringComparer.Ordinal);           // hashed: one lookup per record

    public IEnumerable<Sink> All => _sinks.Values;

    public string FullPath(string key) => Path.Combine(root, key);

    /// <summary>The sink for <paramref name="key"/>, created (starting with <paramref name="header"/>) on first use.</summary>
    public Sink Get(string key, ReadOnlySpan<byte> header)
    {
        if (_byKey.TryGetValue(key, out var sink)) return sink;
        sink = new Sink(key, FullPath(key), 0, 0, hashed?.Invoke(key) == true);
        sink.Open(create: true);
        sink.Write(header, 0);
        _sinks.Add(key, sink);
        _byKey.Add(key, sink);
        return sink;
    }

    public bool TryGet(string key, out Sink sink) => _sinks.TryGetValue(key, out sink!);

    public Dictionary<string, SinkCheckpoint> Checkpoint()
    {
        var result = new Dictionary<string, SinkCheckpoint>(StringComparer.Ordinal);
        foreach (var sink in _sinks.Values)
        {
            sink.Flush();
            result[sink.Key] = new SinkCheckpoint(sink.Length, sink.Records);
        }
        return result;
    }

    /// <summary>Takes up the files of a checkpoint at their recorded lengths and deletes every other file under the root.</summary>
    public void Restore(IReadOnlyDictionary<string, SinkCheckpoint> checkpoint, IEnumerable<string> keep)
    {
        var kept = new HashSet<string>(keep, StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var key = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (!checkpoint.ContainsKey(key) && !kept.Contains(key)) File.Delete(file);
        }
        foreach (var (key, at) in checkpoint)
        {
            var path = FullPath(key);
            if (!File.Exists(path) || new FileInfo(path).Length < at.Length)
                throw new WinnowException($"cannot resume: {path} is shorter than its checkpoint; run again without --resume");
            using (var truncate = new FileStream(path, FileMode.Open, FileAccess.Write)) truncate.SetLength(at.Length);
            var sink = new Sink(key, path, at.Length, at.Records, hashed?.Invoke(key) == true);
            sink.HashExisting();
            _sinks[key] = _byKey[key] = sink;
        }
    }

    public void Dispose()
    {
        foreach (var sink in _sinks.Values) sink.Close();
    }
}

/// <summary>One append-only file. Opened on first write; <see cref="Close"/> seals it (a finished spill, an output).</summary>
internal sealed class Sink(string key, string path, long length, long records, bool hashed = false)
{
    public string Key { get; } = key;
    public string Path { get; } = path;
    public long Records { get; private set; } = records;
    public FileStream? Stream { get; private set; }
    private long _closedLength = length;
    private readonly System.Security.Cryptography.IncrementalHash? _hash =
        hashed ? System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256) : null;

    public long Length => Stream?.Length ?? _closedLength;

    /// <summary>SHA-256 (lower-case hex) of every byte of the file so far; null when the sink is not hashed.</summary>
    public string? Sha256 => _hash is null ? null : Convert.ToHexStringLower(_hash.GetCurrentHash());

    /// <summary>Hashes the file's bytes as they are on disk (a resumed sink, cut back to its checkpoint).</summary>
    public void HashExisting()
    {
        if (_hash is null) return;
        using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        Files.Hash(file, _hash);
    }

    public void Write(byte[] bytes) => Write(bytes, 1);

    /// <summary>Appends <paramref name="bytes"/>, which hold <paramref name="records"/> whole records.</summary>
    public void Write(ReadOnlySpan<byte> bytes, int records)
    {
        if (Stream is null) Open(create: false);
        Stream!.Write(bytes);
        _hash?.AppendData(bytes);
        Records += records;
    }

    public void Open(bool create)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        Stream = new FileStream(Path, create ? FileMode.Create : FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1 << 16);
        Stream.Seek(0, SeekOrigin.End);
    }

    public void Flush() => Stream?.Flush();

    public void Close()
    {
        if (Stream is null) return;
        Stream.Flush();
        _closedLength = Stream.Length;
        Stream.Dispose();
        Stream = null;
    }
}

public sealed record SinkCheckpoint(long Length, long Records);

internal static class Files
{
    /// <summary>Feeds <paramref name="stream"/> from its position to its end into <paramref name="hash"/>, a megabyte at a time.</summary>
    public static void Hash(Stream stream, System.Security.Cryptography.IncrementalHash hash)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0) hash.AppendData(buffer, 0, n);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>SHA-256 (lower-case hex) of a file.</summary>
    public static string Sha256(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        Hash(file, hash);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
