using static Winnow.Curation.Quality.GopherQualityRules;

namespace Winnow.Curation.Quality;

/// <summary>What FineWeb's rules measure: fractions of lines ending in punctuation and of short lines, of characters in duplicated lines, and newlines per word.</summary>
internal readonly record struct FineWebSignals(double LinePunctRatio, double ShortLineRatio, double CharDupRatio, double ListRatio);

/// <summary>FineWeb's heuristics on one document; reason codes are datatrove's.</summary>
internal sealed class FineWebRules(FineWebOptions o)
{
    public RuleFailure? Check(string text) => Check(Measure(text));

    /// <summary>Every signal the rules compare (filter.quality judges them; enrich writes them to meta.quality).</summary>
    public FineWebSignals Measure(string text)
    {
        var lines = text.Split('\n');
        var punct = lines.Count(l => l.Length > 0 && l[^1] is '.' or '\'' or '"' or '!' or '?') / (double)lines.Length;
        var shortLines = lines.Count(l => l.Length <= o.ShortLineLength) / (double)lines.Length;
        var chars = text.Length - Count(text, "\n");
        var dupChars = GopherRepetitionRules.FindDuplicates(lines.Where(l => l.Trim().Length > 0)).Chars;
        var words = WordTokenizer.Tokenize(text).Count;
        return new(punct, shortLines,
            CharDupRatio: chars == 0 ? 0 : dupChars / (double)chars,
            ListRatio: words == 0 ? 0 : Count(text, "\n") / (double)words);
    }

    public RuleFailure? Check(FineWebSignals s)
    {
        if (o.LinePunctThr is { } punctThr && s.LinePunctRatio <= punctThr && !(s.LinePunctRatio == 0 && o.LinePunctExcludeZero))
            return new("line_punct_ratio", $"lines ending in punctuation {F(s.LinePunctRatio)} <= {F(punctThr)}");
        if (o.ShortLineThr is { } shortThr && s.ShortLineRatio >= shortThr)
            return new("short_line_ratio", $"lines of at most {o.ShortLineLength} characters {F(s.ShortLineRatio)} >= {F(shortThr)}");
        if (o.CharDuplicatesRatio is { } dupThr && s.CharDupRatio >= dupThr)
            return new("char_dup_ratio", $"characters in duplicated lines {F(s.CharDupRatio)} >= {F(dupThr)}");
        if (o.NewLineRatio is { } nlThr && s.ListRatio > nlThr)
            return new("list_ratio", $"newlines per word {F(s.ListRatio)} > {F(nlThr)}");
        return null;
    }
}
