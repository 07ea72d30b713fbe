namespace Winnow.Tuning.Backbones.MiniLm;

/// <summary>
/// The shape of a BERT encoder. Defaults are those of sentence-transformers/all-MiniLM-L6-v2's config.json
/// (a 6-layer, 384-wide BERT; dropout 0.1 and LayerNorm eps 1e-12 as in Hugging Face's BertConfig).
/// </summary>
public sealed record BertConfig
{
    public int VocabSize { get; init; } = 30522;
    public int HiddenSize { get; init; } = 384;
    public int NumLayers { get; init; } = 6;
    public int NumHeads { get; init; } = 12;
    public int IntermediateSize { get; init; } = 1536;
    public int MaxPositions { get; init; } = 512;
    public int TypeVocabSize { get; init; } = 2;
    public double LayerNormEps { get; init; } = 1e-12;
    public double HiddenDropout { get; init; } = 0.1;
    public double AttentionDropout { get; init; } = 0.1;

    public static BertConfig MiniLmL6 { get; } = new();

    public int HeadSize => HiddenSize / NumHeads;
}
