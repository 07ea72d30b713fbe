using Microsoft.ML.Tokenizers;

namespace Winnow.Embeddings;

/// <summary>
/// BERT WordPiece (uncased, accents stripped, as all-MiniLM-L6-v2's tokenizer) over a vocab.txt. Encodes to
/// [CLS] … [SEP], truncated to a maximum length that counts the two special tokens.
/// </summary>
public sealed class WordPieceTokenizer
{
    private readonly BertTokenizer _bert;

    public WordPieceTokenizer(Stream vocabulary)
    {
        _bert = BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true });
    }

    public static WordPieceTokenizer MiniLm()
    {
        using var s = MiniLmResources.OpenVocabulary();
        return new WordPieceTokenizer(s);
    }

    public int PadId => _bert.PaddingTokenId;

    /// <summary>Token ids with [CLS] and [SEP], at most <paramref name="maxLength"/> in all.</summary>
    public long[] Encode(string text, int maxLength)
    {
        var ids = _bert.EncodeToIds(text, maxLength - 2, addSpecialTokens: false, out _, out _);
        var result = new long[ids.Count + 2];
        result[0] = _bert.ClassificationTokenId;
        for (int i = 0; i < ids.Count; i++) result[i + 1] = ids[i];
        result[^1] = _bert.SeparatorTokenId;
        return result;
    }

    /// <summary>
    /// Encodes pre-split words (transformers' <c>is_split_into_words</c>): each word is tokenized on its own, and
    /// <c>Words[i]</c> says which word token <c>i</c> came from (−1 for [CLS] and [SEP]); <c>First[i]</c> is true for
    /// a word's first sub-token. Truncates to <paramref name="maxLength"/> tokens with [CLS] and [SEP]; a word whose
    /// tokens do not all fit is dropped whole, so every kept word has its first sub-token. A word with no tokens
    /// (only characters the vocabulary drops) gets none and is absent from <c>Words</c>.
    /// </summary>
    public (long[] Ids, int[] Words, bool[] First) EncodeWords(IReadOnlyList<string> words, int maxLength)
    {
        var ids = new List<long>(words.Count + 2) { _bert.ClassificationTokenId };
        var wordOf = new List<int>(words.Count + 2) { -1 };
        var first = new List<bool>(words.Count + 2) { false };
        for (int w = 0; w < words.Count; w++)
        {
            var pieces = _bert.EncodeToIds(words[w], addSpecialTokens: false);
            if (ids.Count + pieces.Count + 1 > maxLength) break;
            for (int p = 0; p < pieces.Count; p++)
            {
                ids.Add(pieces[p]);
                wordOf.Add(w);
                first.Add(p == 0);
            }
        }
        ids.Add(_bert.SeparatorTokenId);
        wordOf.Add(-1);
        first.Add(false);
        return ([.. ids], [.. wordOf], [.. first]);
    }
}
