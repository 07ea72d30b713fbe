using System.ComponentModel.DataAnnotations;

namespace Winnow.Curation.Quality;

/// <summary>
/// Gopher's quality rules (Rae et al. 2021, appendix A, table A1), with the defaults datatrove's
/// <c>GopherQualityFilter</c> publishes. <c>null</c> removes a rule.
/// </summary>
public sealed record GopherQualityOptions
{
    /// <summary>Fewest words (tokens with a letter or digit). Default 50 (Gopher).</summary>
    [Range(0, int.MaxValue)] public int? MinDocWords { get; init; } = 50;

    /// <summary>Most words. Default 100,000 (Gopher).</summary>
    [Range(0, int.MaxValue)] public int? MaxDocWords { get; init; } = 100_000;

    /// <summary>Lowest mean word length, in characters. Default 3 (Gopher).</summary>
    [Range(0, 1000)] public double? MinAvgWordLength { get; init; } = 3;

    /// <summary>Highest mean word length, in characters. Default 10 (Gopher).</summary>
    [Range(0, 1000)] public double? MaxAvgWordLength { get; init; } = 10;

    /// <summary>Most '#' per word, and most ellipses ("..." or "…") per word. Default 0.1 (Gopher).</summary>
    [Range(0, 1000)] public double? MaxSymbolWordRatio { get; init; } = 0.1;

    /// <summary>Largest fraction of lines starting with a bullet ("•" or "-"). Default 0.9 (Gopher).</summary>
    [Range(0, 1)] public double? MaxBulletLinesRatio { get; init; } = 0.9;

    /// <summary>Largest fraction of lines ending in an ellipsis. Default 0.3 (Gopher).</summary>
    [Range(0, 1)] public double? MaxEllipsisLinesRatio { get; init; } = 0.3;

    /// <summary>
    /// Smallest fraction of tokens that contain a letter (datatrove's name; Gopher: "80% of words contain at
    /// least one alphabetic character"). Default 0.8.
    /// </summary>
    [Range(0, 1)] public double? MaxNonAlphaWordsRatio { get; init; } = 0.8;

    /// <summary>Fewest stop words present. Default 2 (Gopher).</summary>
    [Range(0, int.MaxValue)] public int? MinStopWords { get; init; } = 2;

    /// <summary>The stop words counted. Default Gopher's eight: the, be, to, of, and, that, have, with.</summary>
    public IReadOnlyList<string> StopWords { get; init; } = Quality.StopWords.Gopher;

    internal IEnumerable<(string Key, string Problem)> Validate()
    {
        if (MinDocWords > MaxDocWords) yield return ("min_doc_words", $"min_doc_words ({MinDocWords}) is greater than max_doc_words ({MaxDocWords})");
        if (MinAvgWordLength > MaxAvgWordLength) yield return ("min_avg_word_length", $"min_avg_word_length ({MinAvgWordLength}) is greater than max_avg_word_length ({MaxAvgWordLength})");
    }
}
