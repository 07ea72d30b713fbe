namespace Winnow.Core.Running.Sharding;

/// <summary>
/// The merge's files: each part file appended, in the order given (stage, then shard), to the file of its key. A
/// format's header (CSV) is written once: the first part of a key keeps it, later parts skip theirs.
/// </summary>
internal sealed class PartConcatenation(string folder, IReadOnlyDictionary<int, int> headerBytes)
{
    private readonly SortedDictionary<string, SinkCheckpoint> _files = new(StringComparer.Ordinal);

    public void Append(string key, string part, SinkCheckpoint at)
    {
        var target = Path.Combine(folder, key);
        var started = _files.TryGetValue(key, out var so);
        var skip = started && RunTarget.TryParseKey(key, out var index, out _) && headerBytes.TryGetValue(index, out var h) ? h : 0;
        if (!started)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Delete(target);
        }
        long length;
        using (var output = new FileStream(target, FileMode.Append, FileAccess.Write, FileShare.None, 1 << 20))
        using (var input = new FileStream(part, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan))
        {
            input.Seek(skip, SeekOrigin.Begin);
            // Only the checkpointed length: a part is whole when its task was marked done.
            CopyBytes(input, output, at.Length - skip);
            length = output.Length;
        }
        _files[key] = new SinkCheckpoint(length, (so?.Records ?? 0) + at.Records);
    }

    public IReadOnlyDictionary<string, SinkCheckpoint> Checkpoint() => _files;

    private static void CopyBytes(Stream from, Stream to, long count)
    {
        var buffer = new byte[1 << 20];
        while (count > 0)
        {
            var n = from.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (n == 0) throw new WinnowException("a shard's part file is shorter than its stats say; rerun that shard");
            to.Write(buffer, 0, n);
            count -= n;
        }
    }
}
