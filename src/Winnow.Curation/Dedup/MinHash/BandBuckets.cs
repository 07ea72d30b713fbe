namespace Winnow.Curation.Dedup.MinHash;

/// <summary>
/// LSH band buckets of one shard with bounded memory. Holds (band key, record index) entries per band, 12 bytes
/// each; when a band's buffer is full, every band's buffer is sorted by key and written as a run file
/// (<c>band{b}.run{k}</c>: 8-byte key, 4-byte index, little-endian) under the shard's spill folder. At the end each
/// band is a set of sorted runs (<see cref="SortedRuns"/>) that <see cref="BandMerge"/> merges with the other
/// shards' runs, so the spilled, in-memory and sharded paths see each band's entries in the same key order.
/// </summary>
internal sealed class BandBuckets : IDisposable
{
    private const int EntryBytes = sizeof(ulong) + sizeof(int);

    private readonly int _bands;
    private readonly int _capacity;
    private readonly string _spillDirectory;
    private readonly ulong[][] _keys;
    private readonly int[][] _docs;
    private int _count;
    private int _runs;

    /// <param name="memoryBytes">Budget for all bands' buffers together.</param>
    public BandBuckets(int bands, long memoryBytes, string spillDirectory)
    {
        _bands = bands;
        _capacity = (int)Math.Clamp(memoryBytes / (bands * (long)EntryBytes), 16, Array.MaxLength);
        _spillDirectory = spillDirectory;
        _keys = new ulong[bands][];
        _docs = new int[bands][];
        for (var b = 0; b < bands; b++) (_keys[b], _docs[b]) = (new ulong[Math.Min(_capacity, 1024)], new int[Math.Min(_capacity, 1024)]);
    }

    /// <summary>Runs written per band so far (0: everything is in memory).</summary>
    public int SpilledRuns => _runs;

    public void Add(int doc, ReadOnlySpan<ulong> keys)
    {
        if (_count == _capacity) Spill();
        if (_count == _keys[0].Length)
            for (var b = 0; b < _bands; b++)
            {
                var size = (int)Math.Min((long)_count * 2, _capacity);
                Array.Resize(ref _keys[b], size);
                Array.Resize(ref _docs[b], size);
            }
        for (var b = 0; b < _bands; b++) (_keys[b][_count], _docs[b][_count]) = (keys[b], doc);
        _count++;
    }

    /// <summary>
    /// Ends the adds: sorts what is still in memory, band by band. What was spilled stays in its run files; the
    /// last buffer is not written, it is one more sorted run in memory (so a shard that never filled its budget
    /// touches no disk).
    /// </summary>
    public void Seal()
    {
        for (var b = 0; b < _bands; b++) Array.Sort(_keys[b], _docs[b], 0, _count);
    }

    /// <summary>
    /// The band's entries as sorted runs (the spilled files, then the sealed buffer); <see cref="BandMerge"/>
    /// merges them, with other shards' runs, in key order. Call <see cref="Seal"/> first.
    /// </summary>
    public IEnumerable<IEnumerable<(ulong Key, int Doc)>> SortedRuns(int band)
    {
        for (var r = 0; r < _runs; r++) yield return RunFile(band, r);
        if (_count > 0) yield return InMemory(band);
    }

    public void Dispose()
    {
        if (_runs > 0 && Directory.Exists(_spillDirectory)) Directory.Delete(_spillDirectory, recursive: true);
    }

    private IEnumerable<(ulong, int)> InMemory(int band)
    {
        for (var i = 0; i < _count; i++) yield return (_keys[band][i], _docs[band][i]);
    }

    private void Spill()
    {
        Directory.CreateDirectory(_spillDirectory);
        for (var b = 0; b < _bands; b++)
        {
            Array.Sort(_keys[b], _docs[b], 0, _count);
            using var writer = new BinaryWriter(new BufferedStream(File.Create(RunPath(b, _runs)), 1 << 16));
            for (var i = 0; i < _count; i++)
            {
                writer.Write(_keys[b][i]);
                writer.Write(_docs[b][i]);
            }
        }
        _runs++;
        _count = 0;
    }

    private IEnumerable<(ulong, int)> RunFile(int band, int run)
    {
        using var file = File.OpenRead(RunPath(band, run));
        using var reader = new BinaryReader(new BufferedStream(file, 1 << 16));
        for (var remaining = file.Length / EntryBytes; remaining > 0; remaining--)
            yield return (reader.ReadUInt64(), reader.ReadInt32());
    }

    private string RunPath(int band, int run) => Path.Combine(_spillDirectory, $"band{band}.run{run}");
}
