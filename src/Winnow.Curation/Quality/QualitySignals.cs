using System.Buffers;
using System.Text.Json;

namespace Winnow.Curation.Quality;

/// <summary>
/// Every number filter.quality's rule sets judge, measured by the same functions, as one JSON object (enrich's
/// <c>meta.quality</c>), plus which rule sets the text would pass and the first failing rule of the others:
/// <code>{"words": 9, "mean_word_length": 4.2, …, "top_2_gram": 0, …, "list_ratio": 0,
///  "passes": ["gopher_repetition", "fineweb"], "fails": {"gopher_quality": "gopher_short_doc", "c4": "too_few_sentences"}}</code>
/// Ratios are rounded to 4 decimals. Thread-safe (the rules hold only their options).
/// </summary>
internal sealed class QualitySignals(QualityFilterOptions options)
{
    private readonly GopherQualityRules _quality = new(options.GopherQuality);
    private readonly GopherRepetitionRules _repetition = new(options.GopherRepetition);
    private readonly FineWebRules _fineweb = new(options.Fineweb);
    private readonly C4Rules _c4 = new(options.C4);

    public JsonElement Measure(string text)
    {
        var q = _quality.Measure(text);
        var r = _repetition.Measure(text);
        var f = _fineweb.Measure(text);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("words", q.Words);
            Ratio(w, "mean_word_length", q.MeanWordLength);
            Ratio(w, "hash_ratio", q.HashRatio);
            Ratio(w, "ellipsis_ratio", q.EllipsisRatio);
            Ratio(w, "bullet_lines_ratio", q.BulletLinesRatio);
            Ratio(w, "ellipsis_lines_ratio", q.EllipsisLinesRatio);
            Ratio(w, "alpha_words_ratio", q.AlphaWordsRatio);
            w.WriteNumber("stop_words", q.StopWords);
            Ratio(w, "dup_para_frac", r.DupParaFrac);
            Ratio(w, "dup_para_char_frac", r.DupParaCharFrac);
            Ratio(w, "dup_line_frac", r.DupLineFrac);
            Ratio(w, "dup_line_char_frac", r.DupLineCharFrac);
            foreach (var (n, frac) in r.TopNGrams) Ratio(w, $"top_{n}_gram", frac);
            foreach (var (n, frac) in r.DupNGrams) Ratio(w, $"dup_{n}_gram", frac);
            Ratio(w, "line_punct_ratio", f.LinePunctRatio);
            Ratio(w, "short_line_ratio", f.ShortLineRatio);
            Ratio(w, "char_dup_ratio", f.CharDupRatio);
            Ratio(w, "list_ratio", f.ListRatio);

            var failures = new List<(string Set, string Reason)>();
            w.WriteStartArray("passes");
            foreach (var set in options.Rules)
            {
                var failure = set switch
                {
                    "gopher_quality" => _quality.Check(q),
                    "gopher_repetition" => text.Length == 0 ? null : _repetition.Check(r),
                    "fineweb" => _fineweb.Check(f),
                    _ => _c4.Check(text, out _),
                };
                if (failure is { } x) failures.Add((set, x.Reason));
                else w.WriteStringValue(set);
            }
            w.WriteEndArray();
            w.WriteStartObject("fails");
            foreach (var (set, reason) in failures) w.WriteString(set, reason);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        return doc.RootElement.Clone();
    }

    private static void Ratio(Utf8JsonWriter w, string name, double value) => w.WriteNumber(name, Math.Round(value, 4));
}
