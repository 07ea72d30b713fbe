using Winnow.Curation.Quality;

namespace Winnow.Curation.Enrich;

/// <summary>Words never used in topic names (lower-case).</summary>
internal static class TopicStopWords
{
    /// <summary>filter.quality's (Gopher's) stop words and English function words.</summary>
    public static IReadOnlySet<string> Default => StopWords.English;

    public static IReadOnlySet<string> Resolve(IReadOnlyList<string>? configured) => configured is null
        ? Default
        : new HashSet<string>(configured.Select(w => w.ToLowerInvariant()), StringComparer.Ordinal);
}
