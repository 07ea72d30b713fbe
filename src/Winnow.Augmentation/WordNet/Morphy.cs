namespace Winnow.Augmentation.WordNet;

/// <summary>
/// WordNet's morphological processor (<c>morph.c</c>; NLTK's <c>_morphy</c> follows it): an irregular form is looked
/// up in the part of speech's exception list; otherwise each detachment rule that matches the ending is tried. Every
/// candidate, and the word itself, counts only when the index has it.
/// </summary>
public static class Morphy
{
    // (suffix, replacement), morph.c's sufx[]/addr[] per part of speech.
    private static readonly (string Suffix, string Ending)[] NounRules =
        [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"), ("ies", "y")];
    private static readonly (string, string)[] VerbRules =
        [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")];
    private static readonly (string, string)[] AdjectiveRules = [("er", ""), ("est", ""), ("er", "e"), ("est", "e")];

    /// <summary>
    /// Adds to <paramref name="bases"/> each base form of <paramref name="word"/> (lower case) that WordNet has as
    /// <paramref name="pos"/>, the word itself first when it is one; no duplicates.
    /// </summary>
    public static void BaseForms(WordNetDatabase db, string word, PartOfSpeech pos, List<string> bases)
    {
        bases.Clear();
        if (db.Contains(word, pos)) bases.Add(word);
        if (db.ExceptionBases(word, pos) is { } irregular)
        {
            foreach (var b in irregular)
                if (db.Contains(b, pos) && !bases.Contains(b)) bases.Add(b);
            return;
        }
        var rules = pos switch
        {
            PartOfSpeech.Noun => NounRules,
            PartOfSpeech.Verb => VerbRules,
            PartOfSpeech.Adjective => AdjectiveRules,
            _ => [],
        };
        // morph.c leaves nouns ending in "ss" alone (glass is not the plural of glas).
        if (pos == PartOfSpeech.Noun && word.EndsWith("ss", StringComparison.Ordinal)) return;
        foreach (var (suffix, ending) in rules)
        {
            if (word.Length <= suffix.Length || !word.EndsWith(suffix, StringComparison.Ordinal)) continue;
            var candidate = string.Concat(word.AsSpan(0, word.Length - suffix.Length), ending);
            if (db.Contains(candidate, pos) && !bases.Contains(candidate)) bases.Add(candidate);
        }
    }
}
