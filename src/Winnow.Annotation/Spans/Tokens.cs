using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Winnow.Core.Records;

namespace Winnow.Annotation.Spans;

/// <summary>A token of a text: <c>[Start, End)</c> in UTF-16 code units, like <see cref="TextSpan"/>.</summary>
public readonly record struct Token(int Start, int End, string Text);

/// <summary>
/// Tokens for tagging: runs of letters, digits and underscores (with inner apostrophes, as in "don't"), and every
/// other non-space character on its own. BIO tags map to and from character spans through them.
/// </summary>
public static partial class Tokens
{
    [GeneratedRegex(@"[\p{L}\p{N}_]+(?:['’][\p{L}\p{N}_]+)*|\S", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static Token[] Of(string text) => [.. Pattern().Matches(text).Select(m => new Token(m.Index, m.Index + m.Length, m.Value))];

    /// <summary>BIO tags of the tokens: a token is inside a span when it overlaps it; the first such token is <c>B-</c>.</summary>
    public static string[] Tags(Token[] tokens, ImmutableArray<TextSpan> spans)
    {
        var tags = Enumerable.Repeat("O", tokens.Length).ToArray();
        if (spans.IsDefaultOrEmpty) return tags;
        foreach (var s in spans)
        {
            var first = true;
            for (var t = 0; t < tokens.Length; t++)
            {
                if (tokens[t].End <= s.Start || tokens[t].Start >= s.End || tags[t] != "O") continue;
                tags[t] = (first ? "B-" : "I-") + s.Label;
                first = false;
            }
        }
        return tags;
    }

    /// <summary>Spans from BIO tags: a <c>B-</c> opens one, <c>I-</c> of the same type continues it (an <c>I-</c> after anything else opens one).</summary>
    public static ImmutableArray<TextSpan> Spans(Token[] tokens, IReadOnlyList<string> tags)
    {
        var spans = ImmutableArray.CreateBuilder<TextSpan>();
        int start = -1, end = -1;
        string? label = null;
        void Close() { if (label is not null) spans.Add(new TextSpan(start, end, label)); label = null; }
        for (var t = 0; t < tokens.Length; t++)
        {
            var tag = tags[t];
            if (tag == "O") { Close(); continue; }
            var type = tag[2..];
            if (tag[0] == 'I' && label == type) { end = tokens[t].End; continue; }
            Close();
            (start, end, label) = (tokens[t].Start, tokens[t].End, type);
        }
        Close();
        return spans.ToImmutable();
    }
}
