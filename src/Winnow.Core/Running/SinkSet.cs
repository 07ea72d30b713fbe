using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Winnow.Core.Running;

/// <summary>
/// The append-only files a run writes under its work folder (outputs in progress, rejects, spills), keyed by
/// their path relative to that folder. A checkpoint records each file's length and record count; a resumed
/// run truncates every file back to its checkpoint, so what was written after it is written again.
/// </summary>
/// <remarks>
/// With <c>background</c>, writes are not made where they are asked for: they collect in the open batch, and
/// <see cref="Commit"/> hands the batch to a writer thread, which writes it, flushes every file it touched and then runs
/// the batch's last action (saving the checkpoint, whose lengths <see cref="Checkpoint"/> gave before the bytes were on
/// disk). So a chunk's bytes go to disk while the next chunk is parsed, and a checkpoint on disk never counts bytes that
/// are not. One batch is written while the next fills; <see cref="Commit"/> waits when the writer is a batch behind.
/// </remarks>
/// <param name="hashed">Keys of the files whose SHA-256 the finish needs (outputs written in place, rejects): their bytes
/// are hashed as they are written, so the finish does not read them again.</param>
internal sealed class SinkSet(string root, Func<string, bool>? hashed = null, bool background = false) : IDisposable
{
    private readonly SortedDictionary<string, Sink> _sinks = new(StringComparer.Ordinal); // ordered: checkpoints and finishing
    private readonly Dictionary<string, Sink> _byKey = new(StringComparer.Ordinal);           // hashed: one lookup per record
    private BackgroundWriter? _writer = background ? new BackgroundWriter() : null;
    private WriteBatch _open = new();

    public IEnumerable<Sink> All => _sinks.Values;

    public string FullPath(string key) => Path.Combine(root, key);

    /// <summary>The sink for <paramref name="key"/>, created (starting with <paramref name="header"/>) on first use.</summary>
    public Sink Get(string key, ReadOnlySpan<byte> header)
    {
        if (_byKey.TryGetValue(key, out var sink)) return sink;
        sink = new Sink(this, key, FullPath(key), 0, 0, hashed?.Invoke(key) == true);
        sink.Create();
        if (!header.IsEmpty) sink.Write(header.ToArray(), 0);
        _sinks.Add(key, sink);
        _byKey.Add(key, sink);
        return sink;
    }

    public bool TryGet(string key, out Sink sink) => _sinks.TryGetValue(key, out sink!);

    /// <summary>Each file's length and records once every write asked for so far is on disk (flushed, unless in the background).</summary>
    public Dictionary<string, SinkCheckpoint> Checkpoint()
    {
        if (_writer is null) foreach (var sink in _sinks.Values) sink.Flush();
        var result = new Dictionary<string, SinkCheckpoint>(StringComparer.Ordinal);
        foreach (var sink in _sinks.Values) result[sink.Key] = new SinkCheckpoint(sink.Length, sink.Records);
        return result;
    }

    /// <summary>
    /// Ends the open batch: its writes, then a flush of the files they touched, then <paramref name="then"/> (the checkpoint
    /// that counts them). At once without a background writer; else on the writer, and this returns as soon as the writer
    /// has taken the batch before (an error of an earlier batch is thrown here).
    /// </summary>
    public void Commit(Action? then = null)
    {
        var batch = _open;
        _open = new WriteBatch();
        batch.Then = then;
        if (_writer is null) batch.Apply();
        else _writer.Add(batch);
    }

    /// <summary>Commits the open batch and waits until the writer has written everything (before files are read, moved or closed).</summary>
    public void Drain()
    {
        if (_open.IsEmpty && _writer is null) return;
        Commit();
        _writer?.WaitIdle();
    }

    /// <summary>Writes what is pending, then closes one file (a spill the next phase reads).</summary>
    public void Close(string key)
    {
        Drain();
        if (TryGet(key, out var sink)) sink.Close();
    }

    /// <summary>
    /// Runs <paramref name="action"/> with the open batch's writes (on the writer, before the batch's checkpoint), or now
    /// without a background writer: the report profile's folding of a chunk's records.
    /// </summary>
    public void Later(Action action)
    {
        if (_writer is null) action();
        else _open.Later(action);
    }

    /// <summary>Hands a pooled array to the pool once the writes made from it are done.</summary>
    internal void Release(byte[] pooled)
    {
        if (_writer is null) ArrayPool<byte>.Shared.Return(pooled);
        else _open.Release(pooled);
    }

    internal void Enqueue(Sink sink, ReadOnlyMemory<byte> bytes)
    {
        if (_writer is null) sink.WriteNow(bytes.Span);
        else _open.Add(sink, bytes);
    }

    /// <summary>Takes up the files of a checkpoint at their recorded lengths and deletes every other file under the root.</summary>
    /// <param name="hashes">Hashes of hashed files' bytes up to their checkpoint, when the caller has them (the merge hashes
    /// the parts as it concatenates them); the other hashed files are read again.</param>
    public void Restore(IReadOnlyDictionary<string, SinkCheckpoint> checkpoint, IEnumerable<string> keep,
        IReadOnlyDictionary<string, IncrementalHash>? hashes = null)
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
            var known = hashes?.GetValueOrDefault(key);
            var sink = new Sink(this, key, path, at.Length, at.Records, hashed?.Invoke(key) == true, known);
            if (known is null) sink.HashExisting();
            _sinks[key] = _byKey[key] = sink;
        }
    }

    /// <summary>
    /// Writes what is pending (an error of the writer is thrown) and closes every file. The set stays usable, writing at
    /// once: the finish still creates the outputs no record reached.
    /// </summary>
    public void Dispose()
    {
        try
        {
            Drain();
        }
        finally
        {
            _writer?.Dispose();
            _writer = null;
            foreach (var sink in _sinks.Values) sink.Close();
        }
    }

    /// <summary>The writes of one chunk, in the order they were asked for, and the arrays to give back after them.</summary>
    private sealed class WriteBatch
    {
        private readonly List<(Sink Sink, ReadOnlyMemory<byte> Bytes)> _writes = [];
        private readonly List<byte[]> _pooled = [];
        private readonly List<Action> _actions = [];

        public Action? Then { get; set; }

        public bool IsEmpty => _writes.Count == 0 && _pooled.Count == 0 && _actions.Count == 0;

        public void Add(Sink sink, ReadOnlyMemory<byte> bytes) => _writes.Add((sink, bytes));

        public void Release(byte[] pooled) => _pooled.Add(pooled);

        public void Later(Action action) => _actions.Add(action);

        public void Apply()
        {
            var touched = new HashSet<Sink>(ReferenceEqualityComparer.Instance);
            foreach (var (sink, bytes) in _writes)
            {
                sink.WriteNow(bytes.Span);
                touched.Add(sink);
            }
            foreach (var array in _pooled) ArrayPool<byte>.Shared.Return(array);
            foreach (var action in _actions) action();
            foreach (var sink in touched) sink.Flush();
            Then?.Invoke();
        }
    }

    /// <summary>One thread that applies batches in order; the first error stops it and is thrown to the next caller.</summary>
    private sealed class BackgroundWriter : IDisposable
    {
        private readonly BlockingCollection<WriteBatch> _queue = new(boundedCapacity: 1);
        private readonly Thread _thread;
        private readonly object _gate = new();
        private int _pending;
        private Exception? _error;

        public BackgroundWriter()
        {
            _thread = new Thread(Run) { IsBackground = true, Name = "winnow sink writer" };
            _thread.Start();
        }

        public void Add(WriteBatch batch)
        {
            ThrowIfFailed();
            lock (_gate) _pending++;
            _queue.Add(batch);
        }

        public void WaitIdle()
        {
            lock (_gate)
                while (_pending > 0 && _error is null) Monitor.Wait(_gate);
            ThrowIfFailed();
        }

        private void ThrowIfFailed()
        {
            if (_error is { } e) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e).Throw();
        }

        private void Run()
        {
            foreach (var batch in _queue.GetConsumingEnumerable())
            {
                try
                {
                    if (_error is null) batch.Apply();
                }
                catch (Exception e)
                {
                    _error = e;
                }
                lock (_gate)
                {
                    _pending--;
                    Monitor.PulseAll(_gate);
                }
            }
        }

        public void Dispose()
        {
            _queue.CompleteAdding();
            _thread.Join();
            _queue.Dispose();
        }
    }
}

/// <summary>
/// One append-only file. Its <see cref="Length"/> and <see cref="Records"/> count every write asked for; the bytes reach
/// the file now, or on the set's writer (<see cref="SinkSet"/>). <see cref="Close"/> seals it (a finished spill, an output).
/// </summary>
/// <param name="hash">The hash of the file's bytes so far, when the caller took it (else a hashed sink starts a new one).</param>
internal sealed class Sink(SinkSet set, string key, string path, long length, long records, bool hashed = false, IncrementalHash? hash = null)
{
    public string Key { get; } = key;
    public string Path { get; } = path;
    public long Records { get; private set; } = records;
    public long Length { get; private set; } = length;
    private FileStream? _stream;
    private readonly IncrementalHash? _hash = hashed ? hash ?? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;

    /// <summary>SHA-256 (lower-case hex) of every byte written so far; null when the sink is not hashed. Read it once the set is drained.</summary>
    public string? Sha256 => _hash is null ? null : Convert.ToHexStringLower(_hash.GetCurrentHash());

    /// <summary>Hashes the file's bytes as they are on disk (a resumed sink, cut back to its checkpoint).</summary>
    public void HashExisting()
    {
        if (_hash is null) return;
        using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        Files.Hash(file, _hash);
    }

    public void Write(byte[] bytes) => Write(bytes, 1);

    /// <summary>Appends <paramref name="bytes"/>, which hold <paramref name="records"/> whole records. The bytes must not
    /// change until the set's writer has written them (a fresh array, or a pooled one given to <see cref="SinkSet.Release"/>).</summary>
    public void Write(ReadOnlyMemory<byte> bytes, int records)
    {
        Length += bytes.Length;
        Records += records;
        set.Enqueue(this, bytes);
    }

    /// <summary>Creates (or empties) the file.</summary>
    public void Create()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _stream = new FileStream(Path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite, 1 << 16);
    }

    internal void WriteNow(ReadOnlySpan<byte> bytes)
    {
        if (_stream is null)
        {
            _stream = new FileStream(Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1 << 16);
            _stream.Seek(0, SeekOrigin.End);
        }
        _stream.Write(bytes);
        _hash?.AppendData(bytes);
    }

    public void Flush() => _stream?.Flush();

    public void Close()
    {
        if (_stream is null) return;
        _stream.Flush();
        _stream.Dispose();
        _stream = null;
    }
}

public sealed record SinkCheckpoint(long Length, long Records);
