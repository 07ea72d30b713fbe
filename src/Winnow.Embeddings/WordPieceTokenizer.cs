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
}
