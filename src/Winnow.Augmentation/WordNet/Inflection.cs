namespace Winnow.Augmentation.WordNet;

/// <summary>The form a word has in a sentence, relative to its WordNet lemma.</summary>
public enum Inflection
{
    /// <summary>The lemma itself (singular noun, base verb, positive adjective, adverb).</summary>
    Base,
    /// <summary>A plural noun (cards, children).</summary>
    Plural,
    /// <summary>Third person singular present (sends).</summary>
    ThirdPerson,
    /// <summary>Past tense or past participle (sent, transferred, went).</summary>
    Past,
    /// <summary>Present participle or gerund (sending).</summary>
    Gerund,
    /// <summary>Comparative or superlative adjective (bigger, biggest): never re-inflected, so never replaced.</summary>
    Graded,
}

/// <summary>
/// Tells a word's inflection from its lemma, and re-inflects a synonym into the same form: WordNet's exception lists
/// first (read backwards: <c>go</c> → <c>went, gone</c>; doubled consonants such as <c>stop</c> → <c>stopped</c> are
/// listed there too), then the regular English spelling rules. A form it cannot make unambiguously (an irregular
/// verb's past: <c>went</c> or <c>gone</c>?) is null, and the caller picks another synonym.
/// </summary>
public static class Inflector
{
    public static Inflection Classify(string word, string lemma, PartOfSpeech pos)
    {
        if (string.Equals(word, lemma, StringComparison.Ordinal)) return Inflection.Base;
        return pos switch
        {
            PartOfSpeech.Noun => Inflection.Plural,
            PartOfSpeech.Verb when word.EndsWith("ing", StringComparison.Ordinal) => Inflection.Gerund,
            PartOfSpeech.Verb when word.EndsWith('s') && !lemma.EndsWith('s') => Inflection.ThirdPerson,
            PartOfSpeech.Verb => Inflection.Past,
            _ => Inflection.Graded,
        };
    }

    /// <summary>
    /// <paramref name="lemma"/> (possibly several words joined by '_' or ' ') in <paramref name="form"/>, or null
    /// when it cannot be made with confidence. Nouns inflect their last word, verbs their first (<c>take off</c> →
    /// <c>took off</c>).
    /// </summary>
    public static string? Inflect(WordNetDatabase db, string lemma, PartOfSpeech pos, Inflection form)
    {
        if (form == Inflection.Base) return lemma;
        if (form == Inflection.Graded) return null;
        var words = lemma.Split(' ');
        var head = pos == PartOfSpeech.Verb ? 0 : words.Length - 1;
        var inflected = InflectWord(db, words[head], pos, form);
        if (inflected is null) return null;
        words[head] = inflected;
        return string.Join(' ', words);
    }

    private static string? InflectWord(WordNetDatabase db, string word, PartOfSpeech pos, Inflection form)
    {
        if (pos is PartOfSpeech.Adjective or PartOfSpeech.Adverb) return null;
        if (db.IrregularForms(word, pos) is { } forms)
        {
            var picked = form switch
            {
                Inflection.Gerund => Single(forms, f => f.EndsWith("ing", StringComparison.Ordinal)),
                Inflection.ThirdPerson => Single(forms, f => f.EndsWith('s') && !f.EndsWith("ing", StringComparison.Ordinal)),
                Inflection.Past => Single(forms, f => !f.EndsWith("ing", StringComparison.Ordinal) && !(f.EndsWith('s') && !f.EndsWith("ss", StringComparison.Ordinal))),
                _ => Single(forms, _ => true),
            };
            if (picked is not null) return picked;
            // Irregular, but not in this form: a noun like "child" has one plural; a verb whose past is irregular
            // but whose gerund is regular falls through to the rules.
            if (form == Inflection.Past || pos == PartOfSpeech.Noun) return null;
        }
        return form switch
        {
            Inflection.Plural or Inflection.ThirdPerson => Sibilant(word) ? word + "es"
                : ConsonantY(word) ? word[..^1] + "ies"
                : pos == PartOfSpeech.Verb && word.EndsWith('o') ? word + "es"
                : word + "s",
            Inflection.Past => word.EndsWith('e') ? word + "d"
                : ConsonantY(word) ? word[..^1] + "ied"
                : Doubles(word) ? word + word[^1] + "ed"
                : word + "ed",
            Inflection.Gerund => word.EndsWith("ie", StringComparison.Ordinal) ? word[..^2] + "ying"
                : word.EndsWith('e') && !word.EndsWith("ee", StringComparison.Ordinal) && !word.EndsWith("ye", StringComparison.Ordinal) && !word.EndsWith("oe", StringComparison.Ordinal) && word.Length > 2 ? word[..^1] + "ing"
                : Doubles(word) ? word + word[^1] + "ing"
                : word + "ing",
            _ => null,
        };
    }

    private static string? Single(string[] forms, Func<string, bool> match)
    {
        string? found = null;
        foreach (var f in forms)
        {
            if (!match(f)) continue;
            if (found is not null) return null; // ambiguous: went or gone
            found = f;
        }
        return found;
    }

    private static bool Sibilant(string w) =>
        w.EndsWith('s') || w.EndsWith('x') || w.EndsWith('z') || w.EndsWith("ch", StringComparison.Ordinal) || w.EndsWith("sh", StringComparison.Ordinal);

    private static bool ConsonantY(string w) => w.Length > 1 && w[^1] == 'y' && !IsVowel(w[^2]);

    /// <summary>One-syllable consonant–vowel–consonant words double their last letter (stop → stopped); w, x, y never do.</summary>
    private static bool Doubles(string w)
    {
        if (w.Length < 3 || !char.IsAsciiLetterLower(w[^1]) || "wxy".Contains(w[^1])) return false;
        if (IsVowel(w[^1]) || !IsVowel(w[^2]) || IsVowel(w[^3])) return false;
        var groups = 0;
        for (var i = 0; i < w.Length; i++)
            if (IsVowel(w[i]) && (i == 0 || !IsVowel(w[i - 1]))) groups++;
        return groups == 1;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
