using Winnow.Core.Records;

namespace Winnow.Tuning.Tasks.TokenClassification;

/// <summary>
/// Where the characters of one text are in another that text steps made from it (<c>normalize</c>: entities decoded,
/// white space collapsed, Unicode composed, lower-cased; <c>pii.redact</c>: <c>&lt;PHONE&gt;</c> for a number), so
/// that spans found in the text the model saw point into the text the user gave, and gold spans into the text the
/// model sees. The steps do not say what they moved; the alignment is recovered afterwards: a shortest edit script
/// (Myers 1986) between the two texts, characters compared case-insensitively and every white space equal. A span
/// mapped across keeps the characters matched inside it; an edge on a changed stretch moves to that stretch's edge,
/// so a span over <c>&lt;PHONE&gt;</c> covers the whole number it replaced. Edges are then trimmed of white space.
/// </summary>
public sealed class TextAlignment
{
    /// <summary>Edit scripts longer than this (texts mostly rewritten) keep only the common start and end.</summary>
    private const int MaxEdits = 2_000;

    private readonly Side _first, _second;

    private TextAlignment(Side first, Side second)
    {
        _first = first;
        _second = second;
    }

    public string First => _first.Text;

    public string Second => _second.Text;

    /// <summary>Aligns <paramref name="first"/> (e.g. the raw text) with <paramref name="second"/> (the text after the steps).</summary>
    public static TextAlignment Of(string first, string second)
    {
        var aToB = new int[first.Length];
        var bToA = new int[second.Length];
        Array.Fill(aToB, -1);
        Array.Fill(bToA, -1);
        foreach (var (i, j) in Matches(first, second))
        {
            aToB[i] = j;
            bToA[j] = i;
        }
        return new TextAlignment(new Side(first, aToB, second.Length), new Side(second, bToA, first.Length));
    }

    /// <summary>A span of the first text in the second; null when nothing of it is left there.</summary>
    public TextSpan? ToSecond(TextSpan span) => _first.Map(span, _second.Text);

    /// <summary>A span of the second text in the first; null when nothing of it is there.</summary>
    public TextSpan? ToFirst(TextSpan span) => _second.Map(span, _first.Text);

    /// <summary>One text, and for each of its characters the position of its match in the other text (−1: none).</summary>
    private sealed class Side
    {
        private readonly int[] _match, _afterPrevious, _nextStart;

        public Side(string text, int[] match, int otherLength)
        {
            Text = text;
            _match = match;
            // afterPrevious[i]: just after the last matched character before i; nextStart[i]: the first matched at or after i.
            _afterPrevious = new int[text.Length + 1];
            _nextStart = new int[text.Length + 1];
            for (int i = 0, after = 0; i <= text.Length; i++)
            {
                _afterPrevious[i] = after;
                if (i < text.Length && match[i] >= 0) after = match[i] + 1;
            }
            for (int i = text.Length, next = otherLength; i >= 0; i--)
            {
                if (i < text.Length && match[i] >= 0) next = match[i];
                _nextStart[i] = next;
            }
        }

        public string Text { get; }

        public TextSpan? Map(TextSpan span, string other)
        {
            if (span.Start < 0 || span.End > Text.Length || span.End <= span.Start) return null;
            int start = _match[span.Start] >= 0 ? _match[span.Start] : _afterPrevious[span.Start];
            int end = _match[span.End - 1] >= 0 ? _match[span.End - 1] + 1 : _nextStart[span.End];
            while (start < end && char.IsWhiteSpace(other[start])) start++;
            while (end > start && char.IsWhiteSpace(other[end - 1])) end--;
            return end > start ? span with { Start = start, End = end } : null;
        }
    }

    private static bool Same(char a, char b) =>
        a == b || char.ToLowerInvariant(a) == char.ToLowerInvariant(b) || (char.IsWhiteSpace(a) && char.IsWhiteSpace(b));

    /// <summary>The matched (first, second) positions, in order: common start and end, and Myers' script in between.</summary>
    private static List<(int, int)> Matches(string a, string b)
    {
        var result = new List<(int, int)>();
        int prefix = 0;
        while (prefix < a.Length && prefix < b.Length && Same(a[prefix], b[prefix])) result.Add((prefix, prefix++));
        int suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && Same(a[^(suffix + 1)], b[^(suffix + 1)])) suffix++;
        var middle = Myers(a.AsSpan(prefix, a.Length - prefix - suffix), b.AsSpan(prefix, b.Length - prefix - suffix));
        if (middle is not null) result.AddRange(middle.Select(m => (m.Item1 + prefix, m.Item2 + prefix)));
        for (int s = suffix; s > 0; s--) result.Add((a.Length - s, b.Length - s));
        return result;
    }

    /// <summary>
    /// Myers' O((N+M)·D) shortest edit script: the matched pairs in order, or null when it needs more than
    /// <see cref="MaxEdits"/> edits. Each round d keeps the furthest x reached on every diagonal k = x − y; the rounds'
    /// frontiers are kept to walk the script back from the end.
    /// </summary>
    private static List<(int, int)>? Myers(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        int n = a.Length, m = b.Length;
        if (n == 0 || m == 0) return [];
        int max = Math.Min(n + m, MaxEdits), offset = max + 1;
        var v = new int[2 * max + 3];
        var trace = new List<int[]>();
        for (int d = 0; d <= max; d++)
        {
            trace.Add((int[])v.Clone());
            for (int k = -d; k <= d; k += 2)
            {
                int x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && Same(a[x], b[y])) { x++; y++; }
                v[offset + k] = x;
                if (x >= n && y >= m) return Backtrack(trace, offset, n, m, a, b);
            }
        }
        return null;
    }

    private static List<(int, int)> Backtrack(List<int[]> trace, int offset, int x, int y, ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var pairs = new List<(int, int)>();
        for (int d = trace.Count - 1; d > 0; d--)
        {
            var v = trace[d];
            int k = x - y;
            int previousK = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? k + 1 : k - 1;
            int previousX = v[offset + previousK], previousY = previousX - previousK;
            while (x > previousX && y > previousY) pairs.Add((--x, --y));
            (x, y) = (previousX, previousY);
        }
        while (x > 0 && y > 0 && Same(a[x - 1], b[y - 1])) pairs.Add((--x, --y));
        pairs.Reverse();
        return pairs;
    }
}
