using Winnow.Embeddings;
using Winnow.Tuning.Modules;
using static TorchSharp.torch;

namespace Winnow.Tuning.Backbones.MiniLm;

/// <summary>
/// Sentence embeddings from the rebuilt MiniLM: the attention-masked mean of the last hidden state, L2-normalised
/// (sentence-transformers' all-MiniLM-L6-v2 recipe; 384 floats per text; 256 tokens at most, as its config).
/// </summary>
public sealed class MiniLmEmbedder : IDisposable
{
    private readonly BertModel _model;
    private readonly WordPieceTokenizer _tokenizer = WordPieceTokenizer.MiniLm();

    public MiniLmEmbedder() : this(MiniLm.Load()) { }

    /// <summary>Embeds with <paramref name="model"/> (e.g. the encoder with a PEFT adapter applied).</summary>
    public MiniLmEmbedder(BertModel model)
    {
        _model = model;
        _model.eval();
    }

    public float[][] Embed(IReadOnlyList<string> texts, int maxLength = 256, int batchSize = 64)
    {
        var result = new float[texts.Count][];
        using var inference = inference_mode();
        for (int start = 0; start < texts.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var ids = texts.Skip(start).Take(batchSize).Select(t => _tokenizer.Encode(t, maxLength)).ToList();
            int b = ids.Count, t = ids.Max(x => x.Length);
            var flat = new long[b * t];
            var mask = new long[b * t];
            for (int i = 0; i < b; i++)
                for (int j = 0; j < ids[i].Length; j++) { flat[i * t + j] = ids[i][j]; mask[i * t + j] = 1; }
            var idT = tensor(flat, [b, t]);
            var maskT = tensor(mask, [b, t]);
            var pooled = nn.functional.normalize(BertModel.MeanPool(_model.forward(idT, maskT), maskT), p: 2, dim: 1);
            var data = pooled.contiguous().data<float>().ToArray();
            int h = (int)pooled.shape[1];
            for (int i = 0; i < b; i++) result[start + i] = data.AsSpan(i * h, h).ToArray();
        }
        return result;
    }

    public void Dispose() => _model.Dispose();
}
