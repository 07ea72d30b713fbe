using System.Numerics;
using System.Reflection;
using System.Text.Json;

namespace Winnow.Curation.Language;

/// <summary>
/// The 55 langdetect profiles (embedded resources under <c>Language/Profiles/</c>) as one naive Bayes table:
/// for every 1–3-gram seen in any profile, a row of log(α/10,000 + P(gram | language)) per language, where
/// P = count / (number of n-grams of that length in the language's corpus) and α = 0.5, exactly the smoothed
/// factor langdetect multiplies by. Rows are padded to a multiple of <see cref="Vector{T}.Count"/> so a row adds
/// with SIMD. Built once (≈90,000 rows × 56 floats ≈ 20 MB), then read-only and shared by all threads.
/// </summary>
internal sealed class LanguageModel
{
    /// <summary>langdetect's <c>ALPHA_DEFAULT</c> (0.5) over <c>BASE_FREQ</c> (10,000): the weight of an unseen gram.</summary>
    internal const double Smoothing = 0.5 / 10_000;

    private const string ResourcePrefix = "Winnow.Curation.Language.Profiles.";

    private static readonly Lazy<LanguageModel> Default = new(() => Load(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The shipped model, loaded on first use.</summary>
    public static LanguageModel Shared => Default.Value;

    /// <summary>Language codes as langdetect names them (ISO 639-1, plus <c>zh-cn</c>, <c>zh-tw</c>), sorted.</summary>
    public IReadOnlyList<string> Languages { get; }

    /// <summary>Floats per row: the language count rounded up to the SIMD width.</summary>
    public int Stride { get; }

    public NgramNormalizer Normalizer { get; }

    /// <summary>Word-level evidence over the same languages and stride.</summary>
    public FunctionWords Words { get; }

    private readonly Dictionary<ulong, int> _rows;
    private readonly float[] _logProbs;

    private LanguageModel(IReadOnlyList<string> languages, Dictionary<ulong, int> rows, float[] logProbs, int stride, NgramNormalizer normalizer)
    {
        Words = FunctionWords.Load(languages, stride);
        Languages = languages;
        _rows = rows;
        _logProbs = logProbs;
        Stride = stride;
        Normalizer = normalizer;
    }

    public int GramCount => _rows.Count;

    /// <summary>The row of a gram (see <see cref="Key"/>), or -1 when no profile has it.</summary>
    public int Row(ulong key) => _rows.TryGetValue(key, out var row) ? row : -1;

    public ReadOnlySpan<float> RowValues(int row) => _logProbs.AsSpan(row * Stride, Stride);

    /// <summary>A 1–3 character gram packed into 64 bits: its length in the top 16 bits, then its UTF-16 units.</summary>
    public static ulong Key(ReadOnlySpan<char> gram)
    {
        ulong key = (ulong)gram.Length << 48;
        for (var i = 0; i < gram.Length; i++) key |= (ulong)gram[i] << (32 - 16 * i);
        return key;
    }

    internal static LanguageModel Load(double smoothing = Smoothing)
    {
        var assembly = typeof(LanguageModel).Assembly;
        Dictionary<string, string> messages;
        using (var reader = new StreamReader(Open(assembly, "messages.properties")))
            messages = NgramNormalizer.ParseProperties(reader);

        var profiles = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..])
            .Where(n => n is not ("messages.properties" or "LICENSE" or "NOTICE" or "SOURCE.md"))
            .Order(StringComparer.Ordinal)
            .Select(n => { using var s = Open(assembly, n); return JsonSerializer.Deserialize<ProfileJson>(s)!; })
            .ToList();
        if (profiles.Count < 2) throw new InvalidOperationException("the language profiles are not embedded in Winnow.Curation");

        var languages = profiles.Select(p => p.Name).ToList();
        var stride = (languages.Count + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;
        // Pass 1: gram → row, in a deterministic order (profiles sorted by name, grams by text).
        var rows = new Dictionary<ulong, int>();
        foreach (var p in profiles)
            foreach (var gram in p.Freq.Keys.Order(StringComparer.Ordinal))
                if (gram.Length is >= 1 and <= 3) rows.TryAdd(Key(gram), rows.Count);

        var logUnseen = (float)Math.Log(smoothing);
        var table = new float[rows.Count * stride];
        for (var r = 0; r < rows.Count; r++)
        {
            table.AsSpan(r * stride, languages.Count).Fill(logUnseen);
            table.AsSpan(r * stride + languages.Count, stride - languages.Count).Clear(); // padding adds nothing
        }
        for (var l = 0; l < profiles.Count; l++)
        {
            var p = profiles[l];
            foreach (var (gram, count) in p.Freq)
            {
                if (gram.Length is < 1 or > 3 || p.NWords[gram.Length - 1] <= 0) continue;
                var prob = (double)count / p.NWords[gram.Length - 1];
                table[rows[Key(gram)] * stride + l] = (float)Math.Log(smoothing + prob);
            }
        }
        return new LanguageModel(languages, rows, table, stride, new NgramNormalizer(messages));
    }

    private static Stream Open(Assembly assembly, string name) =>
        assembly.GetManifestResourceStream(ResourcePrefix + name)
        ?? throw new InvalidOperationException($"missing embedded language profile resource '{name}'");

    private sealed record ProfileJson(
        [property: System.Text.Json.Serialization.JsonPropertyName("name")] string Name,
        [property: System.Text.Json.Serialization.JsonPropertyName("freq")] Dictionary<string, long> Freq,
        [property: System.Text.Json.Serialization.JsonPropertyName("n_words")] long[] NWords);
}
