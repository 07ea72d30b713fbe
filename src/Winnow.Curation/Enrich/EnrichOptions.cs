using System.ComponentModel.DataAnnotations;
using Winnow.Curation.Language;

namespace Winnow.Curation.Enrich;

/// <summary>
/// Options of <c>enrich</c>: which metadata to compute into <c>meta</c>. The cheap per-record fields are on by
/// default; <see cref="Quality"/> (large on short texts) and <see cref="Topics"/> (needs embeddings and the whole
/// dataset) are opt-in.
/// </summary>
public sealed record EnrichOptions
{
    /// <summary><c>meta.chars</c> and <c>meta.words</c>.</summary>
    public bool Lengths { get; init; } = true;

    /// <summary>Tokenizer for <c>meta.tokens</c>: cl100k (default), o200k, gpt2, or none.</summary>
    [AllowedValues("cl100k", "o200k", "gpt2", "none")]
    public string Tokenizer { get; init; } = "cl100k";

    /// <summary><c>meta.flesch</c>: Flesch reading ease (Flesch 1948; 206.835 − 1.015·words/sentence − 84.6·syllables/word).</summary>
    public bool Readability { get; init; } = true;

    /// <summary><c>meta.content_hash</c>: 16 hex digits of XxHash64 of the content text.</summary>
    public bool ContentHash { get; init; } = true;

    /// <summary>Copy meta fields under new names, e.g. <c>{source: file_name, author: user}</c> (new ← existing).</summary>
    public IReadOnlyDictionary<string, string> Map { get; init; } = new Dictionary<string, string>();

    /// <summary><c>meta.source</c>: the file the record came from (from provenance). Default true.</summary>
    public bool Source { get; init; } = true;

    /// <summary>
    /// <c>meta.lang</c> and <c>meta.lang_score</c> from filter.language's identifier (55 langdetect profiles), unless
    /// the record already has a <c>meta.lang</c> (filter.language ran before). Default true: ≈ a few µs per record.
    /// </summary>
    public bool Language { get; init; } = true;

    /// <summary>The languages an answer may be (default unset: all 55 profiles), as filter.language's <c>languages</c>.</summary>
    public IReadOnlyList<string>? Languages { get; init; }

    /// <summary>
    /// <c>meta.quality</c>: every signal filter.quality's rule sets measure (with their default thresholds), which
    /// rule sets the record passes, and the first failing rule of the others. Default false: the object (≈ 30
    /// numbers, ≈ 600 bytes) is ten times a short text, and rules made for web pages fail every short text.
    /// </summary>
    public bool Quality { get; init; }

    /// <summary><c>meta.topic</c> and <c>meta.topic_words</c> from embedding clusters; default unset (off).</summary>
    public TopicOptions? Topics { get; init; }

    internal IEnumerable<(string Key, string Problem)> Validate()
    {
        // filter.language's own check of the same option (its other options at their defaults raise nothing).
        foreach (var problem in new LanguageFilterOptions { Languages = Languages }.Validate()) yield return problem;
        if (Topics?.Sample is { } sample && sample < Topics.K)
            yield return ("topics.sample", $"{sample} records cannot make {Topics.K} topics; sample at least k ({Topics.K}) records, or leave it unset");
    }
}
