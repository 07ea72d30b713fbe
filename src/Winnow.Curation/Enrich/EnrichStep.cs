using Winnow.Core.Records;
using Winnow.Core.Steps;
using Winnow.Core.Text;
using Winnow.Curation.Filters;
using Winnow.Curation.Language;
using Winnow.Curation.Quality;

namespace Winnow.Curation.Enrich;

/// <summary>
/// <c>enrich</c> without topics: adds computed metadata (lengths, tokens, readability, content hash, source,
/// language, quality signals) to <c>meta</c>, one record at a time. Pure and thread-safe.
/// </summary>
internal sealed class EnrichStep(EnrichOptions options) : IRecordStep
{
    private readonly TokenCounter? _tokens = options.Tokenizer == "none" ? null : TokenCounter.Get(options.Tokenizer);

    private readonly LanguageIdentifier? _language = !options.Language ? null
        : options.Languages is { } candidates ? LanguageIdentifier.For(candidates) : LanguageIdentifier.Default;

    // filter.quality's thresholds at their defaults: "would pass" means "would pass filter.quality: {}".
    private readonly QualitySignals? _quality = options.Quality ? new QualitySignals(new QualityFilterOptions()) : null;

    public string Name => "enrich";

    public Outcome Apply(Record record, long index) => Outcome.Keep(record with { Meta = Enrich(record) });

    public Meta Enrich(Record record)
    {
        var text = record.ContentText;
        var meta = record.Meta;
        if (options.Lengths)
            meta = meta.Set("chars", text.Length).Set("words", LengthFilter.CountWords(text));
        if (_tokens is not null) meta = meta.Set("tokens", _tokens.Count(text));
        if (options.Readability) meta = meta.Set("flesch", Readability.FleschReadingEase(text));
        if (options.ContentHash) meta = meta.Set("content_hash", RecordIds.ContentHash(text));
        if (options.Source && record.Provenance.Source is { } source)
            meta = meta.Set("source", source[..Math.Max(0, source.LastIndexOf(':'))]);
        // filter.language may have run with another field or candidate list: its answer stands.
        if (_language is not null && !meta.ContainsKey("lang"))
        {
            var guess = _language.Detect(text);
            meta = meta.Set("lang", guess.Language).Set("lang_score", Math.Round(guess.Score, 4));
        }
        if (_quality is not null) meta = meta.Set("quality", _quality.Measure(text));
        foreach (var (to, from) in options.Map)
            if (meta.TryGetValue(from, out var value)) meta = meta.Set(to, value);
        return meta;
    }
}
