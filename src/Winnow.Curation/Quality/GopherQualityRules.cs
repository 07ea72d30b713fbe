using System.Globalization;

namespace Winnow.Curation.Quality;

/// <summary>
/// What Gopher's quality rules measure on one document: <see cref="Words"/> counts tokens with a non-punctuation
/// character; the ratios are per token (<see cref="Tokens"/>) or per line.
/// </summary>
internal readonly record struct GopherQualitySignals(
    int Tokens, int Words, double MeanWordLength, double HashRatio, double EllipsisRatio,
    double BulletLinesRatio, double EllipsisLinesRatio, double AlphaWordsRatio, int StopWords);

/// <summary>Gopher quality heuristics on one document; reason codes are datatrove's.</summary>
internal sealed class GopherQualityRules(GopherQualityOptions o)
{
    private readonly HashSet<string> _stopWords = new(o.StopWords, StringComparer.Ordinal);

    public RuleFailure? Check(string text) => Check(Measure(text));

    /// <summary>Every signal the rules compare (filter.quality judges them; enrich writes them to meta.quality).</summary>
    public GopherQualitySignals Measure(string text)
    {
        var words = WordTokenizer.Tokenize(text);
        var nWords = words.Count;
        // "Words" for the length rules are tokens with at least one non-punctuation character.
        var nonSymbol = 0;
        long nonSymbolChars = 0;
        var withLetter = 0;
        var stopWords = 0;
        foreach (var w in words)
        {
            var hasNonPunct = false;
            var hasLetter = false;
            foreach (var c in w)
            {
                if (!WordTokenizer.IsPunctuation(c)) hasNonPunct = true;
                if (char.IsLetter(c)) hasLetter = true;
            }
            if (hasNonPunct) { nonSymbol++; nonSymbolChars += w.Length; }
            if (hasLetter) withLetter++;
            if (_stopWords.Contains(w)) stopWords++;
        }
        var avg = nonSymbol == 0 ? 0 : (double)nonSymbolChars / nonSymbol;
        if (nWords == 0) return new(0, nonSymbol, avg, 0, 0, 0, 0, 0, 0);

        var lines = Lines.Split(text);
        int bullets = 0, endEllipsis = 0;
        foreach (var line in lines)
        {
            var l = line.AsSpan().TrimStart();
            if (l.StartsWith("•") || l.StartsWith("-")) bullets++;
            var r = line.AsSpan().TrimEnd();
            if (r.EndsWith("...") || r.EndsWith("…")) endEllipsis++;
        }
        return new(nWords, nonSymbol, avg,
            HashRatio: Count(text, "#") / (double)nWords,
            EllipsisRatio: (Count(text, "...") + Count(text, "…")) / (double)nWords,
            BulletLinesRatio: bullets / (double)lines.Count,
            EllipsisLinesRatio: endEllipsis / (double)lines.Count,
            AlphaWordsRatio: withLetter / (double)nWords,
            StopWords: stopWords);
    }

    public RuleFailure? Check(GopherQualitySignals s)
    {
        if (o.MinDocWords is { } minW && s.Words < minW) return new("gopher_short_doc", $"{s.Words} words < {minW}");
        if (o.MaxDocWords is { } maxW && s.Words > maxW) return new("gopher_long_doc", $"{s.Words} words > {maxW}");

        var avg = s.MeanWordLength;
        if (o.MinAvgWordLength is { } minL && avg < minL) return new("gopher_below_avg_threshold", $"mean word length {F(avg)} < {F(minL)}");
        if (o.MaxAvgWordLength is { } maxL && avg > maxL) return new("gopher_above_avg_threshold", $"mean word length {F(avg)} > {F(maxL)}");
        if (s.Tokens == 0) return null;

        if (o.MaxSymbolWordRatio is { } maxSym)
        {
            if (s.HashRatio > maxSym) return new("gopher_too_many_hashes", $"'#' per word {F(s.HashRatio)} > {F(maxSym)}");
            if (s.EllipsisRatio > maxSym) return new("gopher_too_many_ellipsis", $"ellipses per word {F(s.EllipsisRatio)} > {F(maxSym)}");
        }
        if (o.MaxBulletLinesRatio is { } maxB && s.BulletLinesRatio > maxB)
            return new("gopher_too_many_bullets", $"bullet lines {F(s.BulletLinesRatio)} > {F(maxB)}");
        if (o.MaxEllipsisLinesRatio is { } maxE && s.EllipsisLinesRatio > maxE)
            return new("gopher_too_many_end_ellipsis", $"lines ending in an ellipsis {F(s.EllipsisLinesRatio)} > {F(maxE)}");

        if (o.MaxNonAlphaWordsRatio is { } minAlpha && s.AlphaWordsRatio < minAlpha)
            return new("gopher_below_alpha_threshold", $"words with a letter {F(s.AlphaWordsRatio)} < {F(minAlpha)}");
        if (o.MinStopWords is { } minStop && s.StopWords < minStop) return new("gopher_enough_stop_words", $"{s.StopWords} stop words < {minStop}");
        return null;
    }

    internal static int Count(string text, string value)
    {
        var n = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    internal static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
