using System.Security.Cryptography;

namespace Winnow.Core.Running.Sharding;

/// <summary>
/// The merge's files: each part file appended, in the order given (stage, then shard), to the file of its key. A
/// format's header (CSV) is written once: the first part of a key keeps it, later parts skip theirs.
/// </summary>
/// <param name="hashed">The keys whose SHA-256 the finish needs: hashed as they are copied (<see cref="Hashes"/>).</param>
internal sealed class PartConcatenation(string folder, IReadOnlyDictionary<int, int> headerBytes, Func<string, bool> hashed)
{
    private readonly SortedDictionary<string, SinkCheckpoint> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IncrementalHash> _hashes = new(StringComparer.Ordinal);

    /// <summary>The hash of every byte appended so far to each hashed key's file.</summary>
    public IReadOnlyDictionary<string, IncrementalHash> Hashes => _hashes;

    public void Append(string key, string part, SinkCheckpoint at)
    {
        var target = Path.Combine(folder, key);
        var started = _files.TryGetValue(key, out var so);
        var skip = started && RunTarget.TryParseKey(key, out var index, out _) && headerBytes.TryGetValue(index, out var h) ? h : 0;
        if (!started)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Delete(target);
            if (hashed(key)) _hashes[key] = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        }
        long length;
        using (var output = new FileStream(target, FileMode.Append, FileAccess.Write, FileShare.None, 1 << 20))
        using (var input = new FileStream(part, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan))
        {
            input.Seek(skip, SeekOrigin.Begin);
            // Only the checkpointed length: a part is whole when its task was marked done.
            CopyBytes(input, output, at.Length - skip, _hashes.GetValueOrDefault(key));
            length = output.Length;
        }
        _files[key] = new SinkCheckpoint(length, (so?.Records ?? 0) + at.Records);
    }

    public IReadOnlyDictionary<string, SinkCheckpoint> Checkpoint() => _files;

    private static void CopyBytes(Stream from, Stream to, long count, IncrementalHash? hash)
    {
        var buffer = new byte[1 << 20];
        while (count > 0)
        {
            var n = from.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (n == 0) throw new WinnowException("a shard's part file is shorter than its stats say; rerun that shard");
            to.Write(buffer, 0, n);
            hash?.AppendData(buffer, 0, n);
            count -= n;
        }
    }
}
