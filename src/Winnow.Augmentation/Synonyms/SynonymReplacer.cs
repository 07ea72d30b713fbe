using System.Text;
using Winnow.Augmentation.Text;

namespace Winnow.Augmentation.Synonyms;

/// <summary>
/// Replaces words of a text with WordNet synonyms, as nlpaug's <c>SynonymAug(aug_src='wordnet')</c> does: the number
/// of words to change is ⌊p × words⌋, at least 1 and at most <c>maxChanges</c> (nlpaug's aug_min 1, aug_max 10); the
/// candidate words are visited in a seeded random order, and each takes a random synonym of its most frequent sense,
/// re-inflected to the word's form. Spacing and punctuation are kept; a capitalised first word stays capitalised.
/// </summary>
public sealed class SynonymReplacer(SynonymFinder finder)
{
    public SynonymFinder Finder => finder;

    /// <summary>The text with some words replaced, or null when no word could be.</summary>
    public string? Replace(string text, ref RecordRandom random, double p, int maxChanges)
    {
        var tokens = WordTokens.Split(text);
        var words = 0;
        foreach (var t in tokens) if (t.IsWord) words++;
        if (words == 0) return null;
        var target = Math.Clamp((int)(p * words), 1, maxChanges);

        Span<int> order = tokens.Count <= 512 ? stackalloc int[tokens.Count] : new int[tokens.Count];
        var n = 0;
        for (var i = 0; i < tokens.Count; i++) if (tokens[i].IsWord) order[n++] = i;
        order = order[..n];
        random.Shuffle(order);

        var replaced = new Dictionary<int, string>();
        var scratch = new List<string>(4);
        var options = new List<string>(8);
        foreach (var index in order)
        {
            if (replaced.Count == target) break;
            if (!finder.IsCandidate(text, tokens, index, out var lower, out var capitalised)) continue;
            var analysis = finder.Analyse(lower, PreviousWord(text, tokens, index), scratch);
            if (analysis is not { } a) continue;
            finder.Replacements(a, options, scratch);
            if (options.Count == 0) continue;
            var choice = options[random.Next(options.Count)];
            replaced[index] = capitalised ? char.ToUpperInvariant(choice[0]) + choice[1..] : choice;
        }
        if (replaced.Count == 0) return null;
        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < tokens.Count; i++)
            if (replaced.TryGetValue(i, out var r)) sb.Append(r);
            else sb.Append(text, tokens[i].Start, tokens[i].Length);
        return sb.ToString();
    }

    /// <summary>The word before token <paramref name="index"/>, lower case, when only spaces separate them.</summary>
    internal static string? PreviousWord(string text, List<Token> tokens, int index)
    {
        if (index < 2 || !tokens[index - 2].IsWord) return null;
        var gap = text.AsSpan(tokens[index - 1].Start, tokens[index - 1].Length);
        if (!gap.IsWhiteSpace()) return null;
        return tokens[index - 2].Of(text).ToLowerInvariant();
    }
}
