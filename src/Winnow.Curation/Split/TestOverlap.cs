using System.Globalization;
using Winnow.Curation.Decontamination;
using Winnow.Curation.Dedup.MinHash;

namespace Winnow.Curation.Split;

/// <summary>
/// Finds the test record a text overlaps, two ways (the same code as <c>decontaminate</c> and <c>dedup.minhash</c>):
/// <list type="bullet">
/// <item>a shared word n-gram (or a whole short test text), through <see cref="NgramIndex"/>, whose "file" slot holds
/// the test record's index;</item>
/// <item>a near duplicate: MinHash LSH band keys (<see cref="MinHasher"/>) give candidate test records, and the true
/// Jaccard of the shingle sets must reach the threshold.</item>
/// </list>
/// Read-only after building, so lookups run on many threads. Memory per test record ≈ 40 bytes per distinct n-gram,
/// 8 per shingle and 16 per band.
/// </summary>
internal sealed class TestOverlap
{
    private const int Permutations = 128;   // dedup.minhash's default
    private const long HashSeed = 1;        // dedup.minhash's default seed: the same shingles hash the same way

    private readonly TestOverlapOptions _options;
    private readonly NgramIndex _ngrams = new();
    private readonly MinHasher? _hasher;
    private readonly Dictionary<ulong, List<int>> _bands = [];
    private readonly List<ulong[]> _shingles = [];

    public TestOverlap(TestOverlapOptions options)
    {
        _options = options;
        if (options.Jaccard <= 0) return;
        // text-dedup's choice of bands × rows with the Jaccard check on (false positives cost time, not precision).
        var (bands, rows) = MinHashParameters.Optimal(options.Jaccard, Permutations, 0.1);
        _hasher = new MinHasher(options.Shingle, Permutations, bands, rows, HashSeed);
    }

    public int Count => _shingles.Count;

    /// <summary>Indexes one test text; test records are numbered in the order they are added.</summary>
    public void Add(string text)
    {
        var index = _shingles.Count;
        _ngrams.Add(WordHashes.Hash(text), _options.Ngram, _options.MinWords, index);
        if (_hasher is null) { _shingles.Add([]); return; }
        _shingles.Add(_hasher.ShingleSet(text));
        Span<ulong> keys = stackalloc ulong[_hasher.Bands];
        if (!_hasher.BandKeys(text, keys)) return;
        foreach (var key in keys)
        {
            if (!_bands.TryGetValue(key, out var list)) _bands[key] = list = [];
            if (list.Count == 0 || list[^1] != index) list.Add(index);
        }
    }

    /// <summary>The first test record <paramref name="text"/> overlaps, and how ("13-gram "…"", "jaccard 0.86"), or null.</summary>
    public (int Test, string How)? Find(string text)
    {
        var spans = WordHashes.Spans(text);
        if (_ngrams.Find(WordHashes.Hash(text, spans)) is { } hit)
        {
            var first = spans[hit.Start];
            var last = spans[hit.Start + hit.Length - 1];
            var words = text[first.Start..(last.Start + last.Length)];
            if (words.Length > 200) words = words[..200] + "…";
            return (hit.File, $"{hit.Length}-gram \"{words}\"");
        }
        if (_hasher is null) return null;
        Span<ulong> keys = stackalloc ulong[_hasher.Bands];
        if (!_hasher.BandKeys(text, keys)) return null;
        ulong[]? shingles = null;
        (int Test, double Jaccard)? best = null;
        foreach (var key in keys)
        {
            if (!_bands.TryGetValue(key, out var candidates)) continue;
            shingles ??= _hasher.ShingleSet(text);
            foreach (var t in candidates)
            {
                var j = MinHasher.Jaccard(shingles, _shingles[t]);
                // The most similar candidate, the lowest index on ties: the same answer on every run.
                if (j >= _options.Jaccard && (best is null || j > best.Value.Jaccard || (j == best.Value.Jaccard && t < best.Value.Test)))
                    best = (t, j);
            }
        }
        return best is { } b ? (b.Test, string.Create(CultureInfo.InvariantCulture, $"jaccard {b.Jaccard:0.00}")) : null;
    }
}
