using System.ComponentModel.DataAnnotations;

namespace Winnow.Curation.Enrich;

/// <summary>
/// Options of enrich's topic tags (BERTopic's recipe, Grootendorst 2022, without the UMAP/HDBSCAN part): embed the
/// records, cluster them with seeded spherical k-means, and name each cluster by its most distinctive words by
/// class-based TF-IDF.
/// </summary>
public sealed record TopicOptions
{
    /// <summary>Number of topics (k-means clusters). Default 20.</summary>
    [Range(1, 10_000)] public int K { get; init; } = 20;

    /// <summary>Words in a topic's name (<c>meta.topic_words</c>, joined by "_"). Default 3.</summary>
    [Range(1, 50)] public int Words { get; init; } = 3;

    /// <summary>
    /// Records embedded and clustered, drawn at random with the seed; default unset: all. The others get the topic
    /// whose c-TF-IDF words their text scores highest on (no embedding), or −1 when they share no word with any
    /// topic. Embedding is the cost (MiniLM: ≈ 230 texts/s on 2 cores), so set this on large data.
    /// </summary>
    [Range(1, int.MaxValue)] public int? Sample { get; init; }

    /// <summary>Seed of the sample and of k-means++; default unset: the run's seed (per step).</summary>
    public long? Seed { get; init; }

    /// <summary>k-means iterations at most (it stops earlier when no record moves). Default 20, as dedup.semantic.</summary>
    [Range(1, 1000)] public int Iterations { get; init; } = 20;

    /// <summary>
    /// Words never used in names, besides words of one character and words without a letter. Default: Gopher's
    /// stop words (filter.quality's list: the, be, to, of, and, that, have, with) and common English function words.
    /// </summary>
    public IReadOnlyList<string>? StopWords { get; init; }

    /// <summary>Memory for the embeddings while planning, in MB (1.5 KB per record with MiniLM). Default 2048.</summary>
    [Range(1, 1_000_000)] public int MemoryMb { get; init; } = 2048;
}
