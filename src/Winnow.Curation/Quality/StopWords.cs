namespace Winnow.Curation.Quality;

/// <summary>Stop word lists (lower-case): Gopher's eight for filter.quality, and English function words for topic names.</summary>
internal static class StopWords
{
    /// <summary>Gopher's stop words (Rae et al. 2021, appendix A): a document needs two of them.</summary>
    public static readonly IReadOnlyList<string> Gopher = ["the", "be", "to", "of", "and", "that", "have", "with"];

    // Before English: static fields initialise in the order they are written.
    private static readonly string[] ShortTextExtras =
    [
        "mine", "us", "every", "either", "neither", "another", "much", "many", "less", "least", "several", "one",
        "ones", "someone", "something", "anything", "anyone", "nothing", "everything", "everyone", "done", "would",
        "shall", "could", "may", "might", "must", "ought", "get", "got", "gets", "onto", "without", "within", "upon",
        "via", "per", "though", "although", "unless", "since", "whether", "whose", "also", "still", "yet", "ever",
        "never", "already", "even", "well", "please", "yes", "ok", "okay", "hi", "hello", "thanks", "thank", "i'm",
        "i've", "i'd", "i'll", "it's", "don't", "doesn't", "didn't", "can't", "cannot", "won't", "isn't", "aren't",
        "wasn't", "weren't", "haven't", "hasn't", "hadn't", "couldn't", "wouldn't", "shouldn't", "there's", "what's",
        "that's", "you're", "we're", "they're", "let's",
    ];

    /// <summary>
    /// English function words for topic names: <see cref="Gopher"/>'s, Snowball's English stop words (the list
    /// filter.language ships, <c>Language/Words/en.txt</c>), and what short queries and chat add to them: indefinite
    /// pronouns, modals, greetings and courtesy words, and contractions as the word tokenizer keeps them. Words that
    /// carry a topic ("card", "money", "help") are in none of these.
    /// </summary>
    public static readonly IReadOnlySet<string> English = new HashSet<string>(
        [.. Gopher, .. Language.FunctionWords.Read("en"), .. ShortTextExtras], StringComparer.Ordinal);
}
