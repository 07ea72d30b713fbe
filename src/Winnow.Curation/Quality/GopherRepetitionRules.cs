using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using static Winnow.Curation.Quality.GopherQualityRules;

namespace Winnow.Curation.Quality;

/// <summary>
/// What Gopher's repetition rules measure on one document: fractions of duplicated paragraphs and lines (by count
/// and by characters), and per configured n the fraction of characters in the top n-gram and in duplicated n-grams.
/// </summary>
internal sealed record GopherRepetitionSignals(
    double DupParaFrac, double DupParaCharFrac, double DupLineFrac, double DupLineCharFrac,
    IReadOnlyList<(int N, double Frac)> TopNGrams, IReadOnlyList<(int N, double Frac)> DupNGrams);

/// <summary>Gopher repetition heuristics on one document; reason codes are datatrove's.</summary>
internal sealed partial class GopherRepetitionRules(GopherRepetitionOptions o)
{
    private readonly IReadOnlyList<(int N, double Max)> _top = GopherRepetitionOptions.Parse(o.TopNGrams);
    private readonly IReadOnlyList<(int N, double Max)> _dup = GopherRepetitionOptions.Parse(o.DupNGrams);

    [GeneratedRegex(@"\n{2,}")] private static partial Regex ParagraphBreak();
    [GeneratedRegex(@"\n+")] private static partial Regex LineBreak();

    public RuleFailure? Check(string text) => text.Length == 0 ? null : Check(Measure(text));

    public RuleFailure? Check(GopherRepetitionSignals s)
    {
        if (o.DupParaFrac is { } pf && s.DupParaFrac > pf)
            return new("dup_para_frac", $"duplicated paragraphs {F(s.DupParaFrac)} > {F(pf)}");
        if (o.DupParaCharFrac is { } pcf && s.DupParaCharFrac > pcf)
            return new("dup_para_char_frac", $"characters in duplicated paragraphs {F(s.DupParaCharFrac)} > {F(pcf)}");
        if (o.DupLineFrac is { } lf && s.DupLineFrac > lf)
            return new("dup_line_frac", $"duplicated lines {F(s.DupLineFrac)} > {F(lf)}");
        if (o.DupLineCharFrac is { } lcf && s.DupLineCharFrac > lcf)
            return new("dup_line_char_frac", $"characters in duplicated lines {F(s.DupLineCharFrac)} > {F(lcf)}");
        for (var i = 0; i < _top.Count; i++)
            if (s.TopNGrams[i].Frac > _top[i].Max)
                return new($"top_{_top[i].N}_gram", $"characters in the most frequent {_top[i].N}-gram {F(s.TopNGrams[i].Frac)} > {F(_top[i].Max)}");
        for (var i = 0; i < _dup.Count; i++)
            if (s.DupNGrams[i].Frac > _dup[i].Max)
                return new($"duplicated_{_dup[i].N}_n_grams", $"characters in duplicated {_dup[i].N}-grams {F(s.DupNGrams[i].Frac)} > {F(_dup[i].Max)}");
        return null;
    }

    /// <summary>Every signal <see cref="Check(string)"/> compares, for the n-gram sizes configured (enrich's meta.quality).</summary>
    public GopherRepetitionSignals Measure(string text)
    {
        if (text.Length == 0)
            return new(0, 0, 0, 0, _top.Select(t => (t.N, 0.0)).ToList(), _dup.Select(t => (t.N, 0.0)).ToList());
        var (paraFrac, paraCharFrac) = Paragraphs(text);
        var (lineFrac, lineCharFrac) = LinesOf(text);
        // Tokenised only when an n-gram rule is configured: on long pages the n-grams are the costly part.
        var words = _top.Count + _dup.Count == 0 ? [] : WordTokenizer.Tokenize(text);
        return new(paraFrac, paraCharFrac, lineFrac, lineCharFrac,
            _top.Select(t => (t.N, TopNGramFrac(text, words, t.N))).ToList(),
            _dup.Select(t => (t.N, DuplicatedNGramChars(words, t.N) / (double)text.Length)).ToList());
    }

    private static (double Frac, double CharFrac) Paragraphs(string text)
    {
        var paragraphs = ParagraphBreak().Split(text.Trim());
        var (dup, dupChars) = FindDuplicates(paragraphs);
        return (dup / (double)paragraphs.Length, dupChars / (double)text.Length);
    }

    private static (double Frac, double CharFrac) LinesOf(string text)
    {
        var lines = LineBreak().Split(text);
        var (dup, dupChars) = FindDuplicates(lines);
        return (dup / (double)lines.Length, dupChars / (double)text.Length);
    }

    private static double TopNGramFrac(string text, List<string> words, int n) =>
        words.Count < n ? 0 : TopNGramChars(words, n) / (double)text.Length;

    /// <summary>(elements that repeat an earlier one, their characters).</summary>
    internal static (int Count, long Chars) FindDuplicates(IEnumerable<string> items)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int count = 0;
        long chars = 0;
        foreach (var x in items)
            if (!seen.Add(x)) { count++; chars += x.Length; }
        return (count, chars);
    }

    /// <summary>Characters of the most frequent n-gram (words joined by spaces) times its count.</summary>
    internal static long TopNGramChars(List<string> words, int n)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        string? best = null;
        var bestCount = 0;
        for (var i = 0; i + n <= words.Count; i++)
        {
            var gram = string.Join(' ', CollectionsMarshal.AsSpan(words).Slice(i, n));
            var c = counts[gram] = counts.GetValueOrDefault(gram) + 1;
            // Ties go to the n-gram seen first, as Counter.most_common does.
            if (c > bestCount) { bestCount = c; best = gram; }
        }
        return best is null ? 0 : (long)best.Length * bestCount;
    }

    /// <summary>
    /// Characters (words concatenated, no spaces) in n-grams that repeat an earlier n-gram; after a repeat the
    /// scan jumps past it, so overlapping repeats are not counted twice.
    /// </summary>
    internal static long DuplicatedNGramChars(List<string> words, int n)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long repeated = 0;
        var sb = new StringBuilder();
        var i = 0;
        while (i + n <= words.Count)
        {
            sb.Clear();
            for (var j = i; j < i + n; j++) sb.Append(words[j]);
            var gram = sb.ToString();
            if (seen.Add(gram)) i++;
            else
            {
                repeated += gram.Length;
                i += n;
            }
        }
        return repeated;
    }
}
