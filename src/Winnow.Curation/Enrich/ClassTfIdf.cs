using Winnow.Curation.Quality;

namespace Winnow.Curation.Enrich;

/// <summary>
/// Class-based TF-IDF (BERTopic's <c>ClassTfidfTransformer</c>): all texts of a cluster form one document; a
/// term's weight in cluster c is tf(t, c) · log(1 + A / f(t)), with tf the term's share of the cluster's words
/// (L1-normalised counts), f(t) its count over all clusters and A the mean number of words per cluster. Words
/// frequent everywhere ("card", "my") weigh little; words frequent in one cluster name it.
/// Terms are filter.quality's word tokens, lower-cased, of two or more characters with a letter, minus stop words.
/// </summary>
internal sealed class ClassTfIdf
{
    private readonly Dictionary<string, double>[] _weights;

    private ClassTfIdf(Dictionary<string, double>[] weights, int[] sizes)
    {
        _weights = weights;
        Sizes = sizes;
    }

    /// <summary>Texts in each cluster.</summary>
    public IReadOnlyList<int> Sizes { get; }

    public int Clusters => _weights.Length;

    /// <param name="documents">(cluster 0…clusters−1, text) pairs.</param>
    public static ClassTfIdf Fit(IEnumerable<(int Cluster, string Text)> documents, int clusters, IReadOnlySet<string> stopWords)
    {
        var counts = new Dictionary<string, int>[clusters];
        for (var c = 0; c < clusters; c++) counts[c] = new(StringComparer.Ordinal);
        var sizes = new int[clusters];
        var total = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (cluster, text) in documents)
        {
            sizes[cluster]++;
            foreach (var term in Terms(text, stopWords))
            {
                counts[cluster][term] = counts[cluster].GetValueOrDefault(term) + 1;
                total[term] = total.GetValueOrDefault(term) + 1;
            }
        }
        // BERTopic: avg_nr_samples = int(X.sum(axis=1).mean()).
        var average = clusters == 0 ? 0 : Math.Floor(counts.Average(c => (double)c.Values.Sum()));
        var weights = new Dictionary<string, double>[clusters];
        for (var c = 0; c < clusters; c++)
        {
            long words = counts[c].Values.Sum();
            weights[c] = new(StringComparer.Ordinal);
            foreach (var (term, n) in counts[c])
                weights[c][term] = n / (double)words * Math.Log(1 + average / total[term]);
        }
        return new ClassTfIdf(weights, sizes);
    }

    /// <summary>The <paramref name="count"/> heaviest terms of a cluster, heaviest first (ties: ordinal order).</summary>
    public IReadOnlyList<string> TopWords(int cluster, int count) => _weights[cluster]
        .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
        .Take(count).Select(kv => kv.Key).ToList();

    /// <summary>The weight of a term in a cluster (0 when the cluster never uses it).</summary>
    public double Weight(int cluster, string term) => _weights[cluster].GetValueOrDefault(term);

    /// <summary>
    /// The cluster whose weights the text's terms sum highest on (ties: the lower cluster), or −1 when no term
    /// of the text has weight anywhere. Thread-safe.
    /// </summary>
    public int Assign(string text, IReadOnlySet<string> stopWords)
    {
        var terms = Terms(text, stopWords);
        var best = -1;
        var bestScore = 0.0;
        for (var c = 0; c < _weights.Length; c++)
        {
            double score = 0;
            foreach (var t in terms) score += _weights[c].GetValueOrDefault(t);
            if (score > bestScore) { bestScore = score; best = c; }
        }
        return best;
    }

    internal static List<string> Terms(string text, IReadOnlySet<string> stopWords)
    {
        var terms = new List<string>();
        foreach (var token in WordTokenizer.Tokenize(text))
        {
            if (token.Length < 2 || !token.Any(char.IsLetter)) continue;
            var term = token.ToLowerInvariant();
            if (!stopWords.Contains(term)) terms.Add(term);
        }
        return terms;
    }
}
