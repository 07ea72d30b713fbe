namespace Winnow.Curation.Quality;

/// <summary>Stop word lists (lower-case): Gopher's eight for filter.quality, and English function words for topic names.</summary>
internal static class StopWords
{
    /// <summary>Gopher's stop words (Rae et al. 2021, appendix A): a document needs two of them.</summary>
    public static readonly IReadOnlyList<string> Gopher = ["the", "be", "to", "of", "and", "that", "have", "with"];

    /// <summary>
    /// <see cref="Gopher"/> plus English function words: pronouns, determiners, auxiliaries and modals,
    /// prepositions, conjunctions, question words, common adverbs and contraction stems. Words that carry a topic
    /// ("card", "money", "help") are not in it.
    /// </summary>
    public static readonly IReadOnlyList<string> English =
    [
        .. Gopher,
        // pronouns and determiners
        "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves", "you", "your", "yours", "yourself",
        "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they",
        "them", "their", "theirs", "themselves", "this", "these", "those", "a", "an", "some", "any", "no", "each",
        "every", "all", "both", "either", "neither", "other", "another", "such", "own", "same", "much", "many", "more",
        "most", "few", "less", "least", "several", "one", "ones", "someone", "something", "anything", "anyone",
        "nothing", "everything", "everyone",
        // auxiliaries and modals
        "am", "is", "are", "was", "were", "been", "being", "has", "had", "having", "do", "does", "did", "doing", "done",
        "will", "would", "shall", "should", "can", "could", "may", "might", "must", "ought", "get", "got", "gets",
        // prepositions and conjunctions
        "in", "on", "at", "by", "for", "from", "into", "onto", "about", "above", "below", "over", "under", "again",
        "after", "before", "between", "through", "during", "without", "within", "upon", "off", "out", "up", "down",
        "via", "per", "than", "then", "so", "but", "or", "nor", "if", "because", "as", "until", "while", "though",
        "although", "unless", "since", "whether",
        // question words and adverbs
        "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "here", "there", "not", "only", "very",
        "too", "just", "also", "now", "still", "yet", "ever", "never", "already", "even", "well", "please", "yes",
        "ok", "okay", "hi", "hello", "thanks", "thank",
        // contractions as the word tokenizer keeps them
        "i'm", "i've", "i'd", "i'll", "it's", "don't", "doesn't", "didn't", "can't", "cannot", "won't", "isn't",
        "aren't", "wasn't", "weren't", "haven't", "hasn't", "hadn't", "couldn't", "wouldn't", "shouldn't", "there's",
        "what's", "that's", "you're", "we're", "they're", "let's",
    ];
}
