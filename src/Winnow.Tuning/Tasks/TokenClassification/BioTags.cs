using Winnow.Core.Records;

namespace Winnow.Tuning.Tasks.TokenClassification;

/// <summary>A word of a text: its UTF-16 offsets <c>[Start, End)</c>.</summary>
public readonly record struct Word(int Start, int End);

/// <summary>An entity over words <c>[First, Last]</c> (inclusive) with its type.</summary>
public readonly record struct WordEntity(int First, int Last, string Type);

/// <summary>
/// BIO tags (IOB2) between a record's character spans and its words: a word that starts a span is <c>B-type</c>, a
/// later word inside it <c>I-type</c>, any other <c>O</c>; entities are read back in seqeval's strict mode (an
/// entity is a <c>B-type</c> followed by <c>I-type</c>s of the same type; a stray <c>I-</c> starts none).
/// </summary>
public static class BioTags
{
    public const string Outside = "O";

    /// <summary>The text's words: maximal runs of non-white-space (CoNLL sentences are tokens joined by spaces).</summary>
    public static IReadOnlyList<Word> Words(string text)
    {
        var words = new List<Word>();
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            int start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i])) i++;
            if (i > start) words.Add(new Word(start, i));
        }
        return words;
    }

    /// <summary>One tag per word from the spans (a word overlapping a span belongs to it; the first such word begins it).</summary>
    public static string[] Tag(IReadOnlyList<Word> words, IEnumerable<TextSpan> spans)
    {
        var tags = Enumerable.Repeat(Outside, words.Count).ToArray();
        foreach (var span in spans)
        {
            bool begun = false;
            for (int w = 0; w < words.Count; w++)
            {
                if (words[w].End <= span.Start || words[w].Start >= span.End || tags[w] != Outside) continue;
                tags[w] = (begun ? "I-" : "B-") + span.Label;
                begun = true;
            }
        }
        return tags;
    }

    /// <summary>The tag vocabulary for entity types: O, then B-/I- of each type in ordinal order.</summary>
    public static IReadOnlyList<string> Vocabulary(IEnumerable<string> types) =>
        [Outside, .. types.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).SelectMany(t => new[] { "B-" + t, "I-" + t })];

    /// <summary>Entities in strict IOB2 (seqeval <c>mode="strict", scheme=IOB2</c>).</summary>
    public static List<WordEntity> Entities(IReadOnlyList<string> tags)
    {
        var result = new List<WordEntity>();
        for (int i = 0; i < tags.Count; i++)
        {
            if (!tags[i].StartsWith("B-", StringComparison.Ordinal)) continue;
            var type = tags[i][2..];
            int last = i;
            while (last + 1 < tags.Count && tags[last + 1] == "I-" + type) last++;
            result.Add(new WordEntity(i, last, type));
            i = last;
        }
        return result;
    }

    /// <summary>Character spans of word entities.</summary>
    public static IReadOnlyList<TextSpan> Spans(IReadOnlyList<Word> words, IEnumerable<WordEntity> entities) =>
        [.. entities.Select(e => new TextSpan(words[e.First].Start, words[e.Last].End, e.Type))];
}

/// <summary>A sentence's predicted tag per word and the probability the model gave it.</summary>
public sealed record WordTags(IReadOnlyList<string> Tags, IReadOnlyList<float> Probabilities);
