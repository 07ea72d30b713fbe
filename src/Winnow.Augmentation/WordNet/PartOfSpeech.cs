namespace Winnow.Augmentation.WordNet;

/// <summary>WordNet's four syntactic categories, in the order its files and tie-breaks use.</summary>
public enum PartOfSpeech
{
    Noun,
    Verb,
    Adjective,
    Adverb,
}

internal static class PartsOfSpeech
{
    public static readonly PartOfSpeech[] All = [PartOfSpeech.Noun, PartOfSpeech.Verb, PartOfSpeech.Adjective, PartOfSpeech.Adverb];

    /// <summary>The file suffix WordNet uses (<c>index.noun</c>, <c>noun.exc</c>).</summary>
    public static string FileName(this PartOfSpeech pos) => pos switch
    {
        PartOfSpeech.Noun => "noun",
        PartOfSpeech.Verb => "verb",
        PartOfSpeech.Adjective => "adj",
        _ => "adv",
    };
}
