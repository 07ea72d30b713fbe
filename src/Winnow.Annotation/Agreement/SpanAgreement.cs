using System.Collections.Immutable;
using Winnow.Core.Records;

namespace Winnow.Annotation.Agreement;

/// <summary>
/// Agreement on spans (named entities), as pairwise F1 between two annotators over the items both annotated
/// (Hripcsak &amp; Rothschild 2005: with no chance term for spans, F1 is the agreement measure). <b>Exact</b>: same
/// start, end and label. <b>Overlap</b>: same label and overlapping stretches, each span matched at most once
/// (greedy, in order). F1 = 2·matches / (|A| + |B|); 1 when neither marked anything.
/// </summary>
public static class SpanAgreement
{
    public static double F1(IReadOnlyList<ImmutableArray<TextSpan>> a, IReadOnlyList<ImmutableArray<TextSpan>> b, bool overlap)
    {
        long matches = 0, total = 0;
        for (var i = 0; i < a.Count; i++)
        {
            matches += overlap ? OverlapMatches(a[i], b[i]) : a[i].Intersect(b[i]).Count();
            total += a[i].Length + b[i].Length;
        }
        return total == 0 ? 1.0 : 2.0 * matches / total;
    }

    private static int OverlapMatches(ImmutableArray<TextSpan> a, ImmutableArray<TextSpan> b)
    {
        var used = new bool[b.Length];
        var matches = 0;
        foreach (var s in a)
            for (var j = 0; j < b.Length; j++)
                if (!used[j] && b[j].Label == s.Label && b[j].Overlaps(s)) { used[j] = true; matches++; break; }
        return matches;
    }
}
