using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Winnow.Curation.Language;

/// <summary>A detected language: a code from <see cref="LanguageModel.Languages"/> (or <c>und</c>) and its score in [0, 1].</summary>
public readonly record struct LanguageGuess(string Language, double Score);

/// <summary>
/// Character n-gram language identification after Nakatani Shuyo's langdetect, made deterministic: instead of
/// langdetect's random sampling of n-grams (7 trials, Gaussian-jittered α), every 1–3-gram of the text adds its
/// log-likelihood row, so the same text always gets the same answer. Text preparation is langdetect's: URLs and
/// e-mail addresses removed, at most 10,000 characters read, Latin letters dropped when a non-Latin script
/// dominates, n-grams inside ALL-CAPS words skipped (acronyms say nothing about the language). One addition: a
/// text with more upper- than lower-case letters is lower-cased first, or shouting would leave nothing to read.
/// <para>Two additions decide between close languages: function words (<see cref="FunctionWords"/>) add their rows
/// like n-grams, and a class prior (by default <see cref="WebPrior"/>, the languages' shares of the web) is added
/// to the summed log-likelihood, as langdetect's <c>set_prior_map</c> multiplies it in.</para>
/// <para>The score is the top language's posterior with the summed log-likelihood (+ log prior) divided by
/// <see cref="Temperature"/>. Naive Bayes treats overlapping n-grams as independent and so is over-confident;
/// tempering makes a one- or two-word text (or one shared by close languages such as es/pt/ca) score low while a
/// clear sentence of 30+ characters scores near 1. Thread-safe: no state besides the shared read-only model.</para>
/// </summary>
public sealed partial class LanguageIdentifier
{
    /// <summary>Code written for empty text or text without any known n-gram.</summary>
    public const string Undetermined = "und";

    /// <summary>langdetect's default <c>max_text_length</c>: characters read from a text.</summary>
    public const int MaxTextLength = 10_000;

    /// <summary>Divides the summed log-likelihoods before the softmax (see the class remarks): 6 puts single words under 0.5 and the median test sentence at 0.998.</summary>
    internal const float Temperature = 6f;

    private readonly LanguageModel _model;
    private readonly int[] _candidates;
    private readonly float[] _logPrior;
    private readonly bool _words;

    /// <param name="model">The profiles.</param>
    /// <param name="candidates">Codes the answer may be (null: every profile). Restricting to the languages a dataset can
    /// hold removes confusions between close ones (nl/af, es/gl, no/da) that no other language can cause.</param>
    /// <param name="prior">Relative weight per code (any unit; normalised over the candidates); null: uniform. A code
    /// missing from a non-null map weighs as the smallest weight of the map.</param>
    /// <param name="words">Whether function words add their evidence.</param>
    internal LanguageIdentifier(LanguageModel model, IEnumerable<string>? candidates, IReadOnlyDictionary<string, double>? prior, bool words)
    {
        _model = model;
        _candidates = candidates is null
            ? Enumerable.Range(0, model.Languages.Count).ToArray()
            : candidates.Select(c => IndexOf(model, c)).Distinct().Order().ToArray();
        if (_candidates.Length == 0) throw new ArgumentException("no candidate languages", nameof(candidates));
        _logPrior = new float[model.Languages.Count];
        if (prior is { Count: > 0 })
        {
            var floor = prior.Values.Where(p => p > 0).DefaultIfEmpty(1).Min();
            for (var i = 0; i < _logPrior.Length; i++)
                _logPrior[i] = (float)Math.Log(prior.TryGetValue(model.Languages[i], out var p) && p > 0 ? p : floor);
        }
        _words = words;
    }

    /// <summary>The identifier over the 55 shipped profiles with the defaults: web prior, function words.</summary>
    public static LanguageIdentifier Default { get; } = new(LanguageModel.Shared, null, WebPrior.Percent, words: true);

    /// <summary>An identifier that only answers one of <paramref name="candidates"/> (codes from <see cref="Languages"/>; null: all),
    /// with <paramref name="prior"/> (null: uniform) and, unless <paramref name="words"/> is false, function words.</summary>
    public static LanguageIdentifier Create(IEnumerable<string>? candidates = null, IReadOnlyDictionary<string, double>? prior = null, bool words = true) =>
        new(LanguageModel.Shared, candidates, prior, words);

    /// <summary>Only one of <paramref name="candidates"/>, with the default prior and function words.</summary>
    public static LanguageIdentifier For(IEnumerable<string> candidates) => Create(candidates, WebPrior.Percent);

    public IReadOnlyList<string> Languages => _model.Languages;

    private static int IndexOf(LanguageModel model, string code)
    {
        for (var i = 0; i < model.Languages.Count; i++)
            if (string.Equals(model.Languages[i], code, StringComparison.OrdinalIgnoreCase)) return i;
        throw new ArgumentException($"unknown language '{code}'", nameof(code));
    }

    public LanguageGuess Detect(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return new(Undetermined, 0);
        var prepared = Prepare(text);
        var stride = _model.Stride;
        var sums = ArrayPool<float>.Shared.Rent(stride);
        try
        {
            var acc = sums.AsSpan(0, stride);
            acc.Clear();
            var grams = Accumulate(prepared, acc);
            if (grams == 0) return new(Undetermined, 0);
            if (_words) _model.Words.Accumulate(prepared, acc);

            var best = _candidates[0];
            foreach (var l in _candidates) if (Posterior(acc, l) > Posterior(acc, best)) best = l;
            double denominator = 0;
            foreach (var l in _candidates) denominator += Math.Exp(Posterior(acc, l) - Posterior(acc, best));
            return new(_model.Languages[best], 1 / denominator);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(sums);
        }
    }

    /// <summary>Log posterior (up to a constant) of language <paramref name="l"/>, tempered: the prior joins the likelihood
    /// before the temperature, as langdetect multiplies its prior into the probabilities the n-grams update.</summary>
    private float Posterior(Span<float> acc, int l) => (acc[l] + _logPrior[l]) / Temperature;

    /// <summary>Adds the row of every known 1–3-gram of <paramref name="text"/> into <paramref name="acc"/>; returns how many.</summary>
    private int Accumulate(ReadOnlySpan<char> text, Span<float> acc)
    {
        var normalizer = _model.Normalizer;
        Span<char> grams = stackalloc char[3];
        var length = 1;
        grams[0] = ' ';
        var capitalWord = false;
        var count = 0;
        var accVectors = MemoryMarshal.Cast<float, Vector<float>>(acc);
        foreach (var raw in text)
        {
            // NGram.add_char: a buffer of the last ≤3 characters, restarted at each space.
            var ch = normalizer.Normalize(raw);
            var last = grams[length - 1];
            if (last == ' ')
            {
                grams[0] = ' ';
                length = 1;
                capitalWord = false;
                if (ch == ' ') continue;
            }
            else if (length >= 3)
            {
                grams[0] = grams[1];
                grams[1] = grams[2];
                length = 2;
            }
            grams[length++] = ch;
            if (char.IsUpper(ch)) { if (char.IsUpper(last)) capitalWord = true; }
            else capitalWord = false;
            if (capitalWord) continue;

            for (var n = 1; n <= 3 && n <= length; n++)
            {
                var gram = grams.Slice(length - n, n);
                if (n == 1 && gram[0] == ' ') continue;
                var row = _model.Row(LanguageModel.Key(gram));
                if (row < 0) continue;
                var values = MemoryMarshal.Cast<float, Vector<float>>(_model.RowValues(row));
                for (var v = 0; v < values.Length; v++) accVectors[v] += values[v];
                count++;
            }
        }
        return count;
    }

    /// <summary>langdetect's <c>append</c> and <c>cleaning_text</c>: no URLs or e-mails, ≤ 10,000 characters, and no Latin letters in mostly non-Latin text.</summary>
    private static ReadOnlySpan<char> Prepare(string text)
    {
        if (text.Contains("://", StringComparison.Ordinal) || text.Contains("www.", StringComparison.OrdinalIgnoreCase)) text = Url().Replace(text, " ");
        if (text.Contains('@')) text = Mail().Replace(text, " ");
        if (text.Length > MaxTextLength) text = text[..MaxTextLength];
        if (IsAllCaps(text)) text = text.ToLowerInvariant(); // langdetect skips ALL-CAPS words, which would leave almost nothing
        if (HasCombiningMark(text)) text = text.Normalize(System.Text.NormalizationForm.FormC); // langdetect's normalize_vi, for every script

        int latin = 0, nonLatin = 0;
        foreach (var ch in text)
        {
            if (ch is >= 'A' and <= 'z') latin++;
            else if (ch >= '\u0300' && ch is not (>= '\u1E00' and <= '\u1EFF')) nonLatin++;
        }
        if (latin * 2 >= nonLatin) return text;
        return string.Create(text.Length - latin, text, static (dest, src) =>
        {
            var i = 0;
            foreach (var ch in src) if (ch is < 'A' or > 'z') dest[i++] = ch;
        });
    }

    /// <summary>More upper-case than lower-case letters: shouting, a title, a code table.</summary>
    private static bool IsAllCaps(string text)
    {
        int upper = 0, lower = 0;
        foreach (var ch in text)
        {
            if (char.IsUpper(ch)) upper++;
            else if (char.IsLower(ch)) lower++;
        }
        return upper > lower;
    }

    private static bool HasCombiningMark(string text)
    {
        foreach (var ch in text) if (ch is >= '\u0300' and <= '\u036F') return true;
        return false;
    }

    [GeneratedRegex(@"https?://[-_.?&~;+=/#0-9A-Za-z]{1,2076}")]
    private static partial Regex Url();

    [GeneratedRegex(@"[-_.0-9A-Za-z]{1,64}@[-_0-9A-Za-z]{1,255}[-_.0-9A-Za-z]{1,255}")]
    private static partial Regex Mail();
}
