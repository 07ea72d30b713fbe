using System.Collections.Frozen;
using Winnow.Augmentation.Text;
using Winnow.Augmentation.WordNet;

namespace Winnow.Augmentation.Synonyms;

/// <summary>A word read through WordNet: its part of speech, lemma, form, and the synonyms of its most frequent sense.</summary>
public readonly record struct WordAnalysis(PartOfSpeech Pos, string Lemma, Inflection Form, string[] Synset);

/// <summary>
/// Finds, for one word of a sentence, the synonyms that can replace it in the same form. Without a tagger, the part
/// of speech is the word's most frequent one in WordNet's tagged corpus (the largest tagged-sense count among its
/// analyses), corrected by the word before it: after a determiner it is not a verb, after "to" or a subject pronoun
/// a base verb wins. Thread-safe (no state besides the read-only database).
/// </summary>
public sealed class SynonymFinder(WordNetDatabase db, FrozenSet<string> stopWords, IReadOnlySet<string> protectedTerms)
{
    private static readonly FrozenSet<string> Determiners = FrozenSet.ToFrozenSet(
        ["a", "an", "the", "my", "your", "his", "her", "its", "our", "their", "this", "that", "these", "those", "some", "any", "no", "every", "each"],
        StringComparer.Ordinal);
    private static readonly FrozenSet<string> Subjects = FrozenSet.ToFrozenSet(
        ["i", "you", "we", "they", "he", "she", "it", "to", "can", "could", "will", "would", "should", "must", "may", "might", "please"],
        StringComparer.Ordinal);

    public WordNetDatabase Database => db;

    /// <summary>
    /// Whether the word may be replaced at all: lower case (or capitalised at a sentence start), not a stop word, not
    /// protected, not part of a code with digits, no apostrophe or hyphen. Returns its lower-case form.
    /// </summary>
    public bool IsCandidate(string text, List<Token> tokens, int index, out string lower, out bool capitalised)
    {
        var t = tokens[index];
        lower = "";
        capitalised = false;
        if (WordTokens.TouchesDigit(text, t)) return false;
        return IsReplaceable(text.AsSpan(t.Start, t.Length), () => WordTokens.StartsSentence(text, tokens, index), out lower, out capitalised);
    }

    /// <summary>
    /// Whether a bare word may be replaced: ASCII letters, lower case or capitalised where a sentence starts, not a
    /// stop word, not protected. <paramref name="startsSentence"/> is asked only for a capitalised word.
    /// </summary>
    public bool IsReplaceable(ReadOnlySpan<char> word, Func<bool> startsSentence, out string lower, out bool capitalised)
    {
        lower = "";
        capitalised = word.Length > 0 && char.IsUpper(word[0]);
        if (word.Length < 2) return false;
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            if (!char.IsAsciiLetter(c)) return false;               // apostrophes, hyphens, digits, non-English letters
            if (i > 0 && char.IsAsciiLetterUpper(c)) return false;  // ALL CAPS, CamelCase
        }
        if (capitalised && !startsSentence()) return false;         // a name
        Span<char> buffer = stackalloc char[word.Length];
        word.CopyTo(buffer);
        buffer[0] = char.ToLowerInvariant(buffer[0]);
        lower = new string(buffer);
        if (stopWords.Contains(lower)) return false;
        return !protectedTerms.Contains(lower);
    }

    /// <summary>The word's reading as its most likely part of speech, or null when WordNet does not know it.</summary>
    public WordAnalysis? Analyse(string lower, string? previous, List<string> scratch)
    {
        WordAnalysis? best = null;
        var bestScore = long.MinValue;
        foreach (var pos in PartsOfSpeech.All)
        {
            Morphy.BaseForms(db, lower, pos, scratch);
            foreach (var lemma in scratch)
            {
                if (!db.TryGetLemma(lemma, pos, out var entry)) continue;
                var form = Inflector.Classify(lower, lemma, pos);
                // Tagged-sense count first, then WordNet's order of parts of speech; the context adds or removes a lot.
                long score = (long)entry.TaggedSenses * 8 - (int)pos;
                if (previous is not null)
                {
                    if (Determiners.Contains(previous) && pos == PartOfSpeech.Verb) score -= 1_000_000;
                    if (Subjects.Contains(previous) && pos == PartOfSpeech.Verb && form is Inflection.Base or Inflection.Past) score += 1_000_000;
                    if (previous == "to" && pos == PartOfSpeech.Noun) score -= 100_000;
                }
                if (score > bestScore)
                {
                    bestScore = score;
                    best = new WordAnalysis(pos, lemma, form, entry.FirstSynset);
                }
            }
        }
        return best;
    }

    /// <summary>
    /// Adds to <paramref name="result"/> each synonym of the analysed word, inflected as the word was; a synonym that
    /// cannot be inflected surely (or whose inflection WordNet would not read back to it) is left out.
    /// </summary>
    public void Replacements(WordAnalysis analysis, List<string> result, List<string> scratch)
    {
        result.Clear();
        if (analysis.Form == Inflection.Graded) return;
        foreach (var raw in analysis.Synset)
        {
            if (!IsPlainSynonym(raw, analysis.Lemma)) continue;
            var synonym = raw.Replace('_', ' ');
            var inflected = Inflector.Inflect(db, synonym, analysis.Pos, analysis.Form);
            if (inflected is null) continue;
            if (analysis.Form != Inflection.Base && !ReadsBack(inflected, synonym, analysis.Pos, scratch)) continue;
            if (!result.Contains(inflected)) result.Add(inflected);
        }
    }

    /// <summary>Lower-case letters (and '_' or '-' inside), not the lemma itself: proper names and codes are no synonyms.</summary>
    private static bool IsPlainSynonym(string raw, string lemma)
    {
        if (string.Equals(raw, lemma, StringComparison.OrdinalIgnoreCase)) return false;
        foreach (var c in raw)
            if (!(char.IsAsciiLetterLower(c) || c == '_' || c == '-')) return false;
        return true;
    }

    /// <summary>WordNet's morphology, applied to the inflected head, gives the synonym's head back.</summary>
    private bool ReadsBack(string inflected, string synonym, PartOfSpeech pos, List<string> scratch)
    {
        var words = inflected.Split(' ');
        var bases = synonym.Split(' ');
        var head = pos == PartOfSpeech.Verb ? 0 : words.Length - 1;
        Morphy.BaseForms(db, words[head], pos, scratch);
        if (scratch.Contains(bases[head])) return true;
        // A multi-word lemma's head alone may be missing from the index (WordNet lists "take_off", not only "take").
        return words.Length > 1 && !db.Contains(bases[head], pos);
    }
}
