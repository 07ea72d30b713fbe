namespace Winnow.Augmentation.Synthesis;

/// <summary>
/// ROUGE-L F-measure (Lin 2004) as Google's <c>rouge_score</c> computes it without stemming, which Self-Instruct uses
/// for its novelty filter: lower-cased tokens of ASCII letters and digits (anything else separates), the longest
/// common subsequence of the two token lists, P = LCS / |candidate|, R = LCS / |reference|, F = 2PR / (P + R).
/// </summary>
public static class RougeL
{
    public static string[] Tokens(string text)
    {
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var ok = i < text.Length && char.IsAsciiLetterOrDigit(text[i]);
            if (ok && start < 0) start = i;
            else if (!ok && start >= 0)
            {
                tokens.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }
        }
        return [.. tokens];
    }

    public static double F(string[] candidate, string[] reference)
    {
        if (candidate.Length == 0 || reference.Length == 0) return 0;
        var lcs = Lcs(candidate, reference);
        if (lcs == 0) return 0;
        var p = (double)lcs / candidate.Length;
        var r = (double)lcs / reference.Length;
        return 2 * p * r / (p + r);
    }

    /// <summary>Length of the longest common subsequence, two rows of dynamic programming.</summary>
    private static int Lcs(string[] a, string[] b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
                current[j] = string.Equals(a[i - 1], b[j - 1], StringComparison.Ordinal) ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
