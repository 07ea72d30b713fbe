using TorchSharp;
using TorchSharp.Modules;
using Winnow.Tuning.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Winnow.Tuning.Backbones.MiniLm;

// A BERT encoder, top to bottom, with Hugging Face's module names (embeddings.word_embeddings,
// encoder.layer.0.attention.self.query, …) so weights and PEFT keys line up with transformers'.
// Shapes: B batch, T tokens, H hidden (384), nh heads (12), hs head size (32), I intermediate (1536).

// Projections a method may wrap (LoRA, adapters) are fields typed Module<Tensor, Tensor>, so ModuleSwap can put a
// wrapper in their place.

internal sealed class BertEmbeddings : Module<Tensor, Tensor, Tensor>
{
    private readonly Embedding word_embeddings, position_embeddings, token_type_embeddings;
    private readonly LayerNorm LayerNorm;
    private readonly MaskedDropout dropout;

    public BertEmbeddings(BertConfig c) : base("embeddings")
    {
        word_embeddings = Embedding(c.VocabSize, c.HiddenSize);
        position_embeddings = Embedding(c.MaxPositions, c.HiddenSize);
        token_type_embeddings = Embedding(c.TypeVocabSize, c.HiddenSize);
        LayerNorm = nn.LayerNorm(c.HiddenSize, c.LayerNormEps);
        dropout = new MaskedDropout(c.HiddenDropout);
        RegisterComponents();
    }

    /// <param name="inputIds">(B, T) int64</param><param name="tokenTypeIds">(B, T) int64</param>
    /// <returns>(B, T, H)</returns>
    public override Tensor forward(Tensor inputIds, Tensor tokenTypeIds)
    {
        using var scope = NewDisposeScope();
        var positions = arange(inputIds.shape[1], dtype: ScalarType.Int64, device: inputIds.device).unsqueeze(0); // (1, T)
        var x = word_embeddings.forward(inputIds) + position_embeddings.forward(positions) + token_type_embeddings.forward(tokenTypeIds);
        return dropout.forward(LayerNorm.forward(x)).MoveToOuterDisposeScope();
    }
}

/// <summary>attention.self: q, k, v projections and scaled dot-product attention.</summary>
internal sealed class BertSelfAttention : Module<Tensor, Tensor, Tensor>
{
    private Module<Tensor, Tensor> query, key, value;
    private readonly int _heads, _headSize;
    private readonly double _dropout;

    public BertSelfAttention(BertConfig c) : base("self")
    {
        query = Linear(c.HiddenSize, c.HiddenSize);
        key = Linear(c.HiddenSize, c.HiddenSize);
        value = Linear(c.HiddenSize, c.HiddenSize);
        _heads = c.NumHeads;
        _headSize = c.HeadSize;
        _dropout = c.AttentionDropout;
        RegisterComponents();
    }

    /// <param name="x">(B, T, H)</param><param name="mask">additive (B, 1, 1, T): 0 keep, large negative pad</param>
    public override Tensor forward(Tensor x, Tensor mask)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], t = x.shape[1];
        var q = query.forward(x).view(b, t, _heads, _headSize).transpose(1, 2); // (B, nh, T, hs)
        var k = key.forward(x).view(b, t, _heads, _headSize).transpose(1, 2);
        var v = value.forward(x).view(b, t, _heads, _headSize).transpose(1, 2);
        var y = training && _dropout > 0 && x.device_type == DeviceType.CPU
            ? AttentionWithDropout(q, k, v, mask)
            : functional.scaled_dot_product_attention(q, k, v, mask); // (B, nh, T, hs)
        return y.transpose(1, 2).reshape(b, t, _heads * _headSize).MoveToOuterDisposeScope(); // (B, T, H)
    }

    /// <summary>
    /// softmax(q·kᵀ/√hs + mask), dropped out, times v: what scaled_dot_product_attention computes with dropout on
    /// the CPU (its math path), with the mask drawn by <see cref="DropoutMask"/> instead of a serial Bernoulli.
    /// </summary>
    /// <param name="q">(B, nh, T, hs)</param><param name="mask">additive, broadcast to (B, nh, T, T)</param>
    private Tensor AttentionWithDropout(Tensor q, Tensor k, Tensor v, Tensor mask)
    {
        using var scores = q.matmul(k.transpose(-2, -1)).mul_(1.0 / Math.Sqrt(_headSize)).add_(mask); // (B, nh, T, T)
        using var probs = scores.softmax(-1);
        using var keep = DropoutMask.Make(probs.shape, _dropout, probs.dtype);
        using var dropped = probs.mul(keep);
        return dropped.matmul(v);
    }

}

/// <summary>A dense projection, dropout, residual add and LayerNorm (attention.output and output).</summary>
internal sealed class BertResidualOutput : Module<Tensor, Tensor, Tensor>
{
    private Module<Tensor, Tensor> dense;
    private readonly LayerNorm LayerNorm;
    private readonly MaskedDropout dropout;

    public BertResidualOutput(string name, int inSize, BertConfig c) : base(name)
    {
        dense = Linear(inSize, c.HiddenSize);
        LayerNorm = nn.LayerNorm(c.HiddenSize, c.LayerNormEps);
        dropout = new MaskedDropout(c.HiddenDropout);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x, Tensor residual)
    {
        using var scope = NewDisposeScope();
        return LayerNorm.forward(dropout.forward(dense.forward(x)) + residual).MoveToOuterDisposeScope();
    }

}

internal sealed class BertAttention : Module<Tensor, Tensor, Tensor>
{
    private readonly BertSelfAttention self;
    private readonly BertResidualOutput output;

    public BertAttention(BertConfig c) : base("attention")
    {
        self = new BertSelfAttention(c);
        output = new BertResidualOutput("output", c.HiddenSize, c);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x, Tensor mask)
    {
        using var a = self.forward(x, mask);
        return output.forward(a, x);
    }
}

/// <summary>intermediate: dense H → I and GELU (exact, erf).</summary>
internal sealed class BertIntermediate : Module<Tensor, Tensor>
{
    private Module<Tensor, Tensor> dense;

    public BertIntermediate(BertConfig c) : base("intermediate")
    {
        dense = Linear(c.HiddenSize, c.IntermediateSize);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var h = dense.forward(x);
        return functional.gelu(h);
    }

}

internal sealed class BertLayer : Module<Tensor, Tensor, Tensor>
{
    private readonly BertAttention attention;
    private readonly BertIntermediate intermediate;
    private readonly BertResidualOutput output;

    public BertLayer(BertConfig c) : base("layer")
    {
        attention = new BertAttention(c);
        intermediate = new BertIntermediate(c);
        output = new BertResidualOutput("output", c.IntermediateSize, c);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var a = attention.forward(x, mask);
        return output.forward(intermediate.forward(a), a).MoveToOuterDisposeScope();
    }
}

internal sealed class BertEncoderStack : Module<Tensor, Tensor, Tensor>
{
    private readonly ModuleList<BertLayer> layer;

    public BertEncoderStack(BertConfig c) : base("encoder")
    {
        layer = new ModuleList<BertLayer>([.. Enumerable.Range(0, c.NumLayers).Select(_ => new BertLayer(c))]);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x, Tensor mask)
    {
        var h = x;
        foreach (var l in layer)
        {
            var next = l.forward(h, mask);
            if (!ReferenceEquals(h, x)) h.Dispose();
            h = next;
        }
        return h;
    }
}

/// <summary>
/// The BERT encoder (no pooler): token ids → last hidden state, and the attention-masked mean of it
/// (sentence-transformers' pooling).
/// </summary>
public sealed class BertModel : Module<Tensor, Tensor, Tensor>
{
    private readonly BertEmbeddings embeddings;
    private readonly BertEncoderStack encoder;

    public BertModel(BertConfig config) : base("bert")
    {
        Config = config;
        embeddings = new BertEmbeddings(config);
        encoder = new BertEncoderStack(config);
        RegisterComponents();
    }

    public BertConfig Config { get; }

    /// <param name="inputIds">(B, T) int64</param><param name="attentionMask">(B, T) int64, 1 token, 0 padding</param>
    /// <returns>last hidden state (B, T, H)</returns>
    public override Tensor forward(Tensor inputIds, Tensor attentionMask)
    {
        using var scope = NewDisposeScope();
        var tokenTypes = zeros_like(inputIds);
        // Additive mask (B, 1, 1, T): 0 where a token is, the dtype's lowest value on padding (as transformers does).
        var additive = (1.0f - attentionMask.to(ScalarType.Float32)).mul(float.MinValue).view(attentionMask.shape[0], 1, 1, attentionMask.shape[1]);
        var h = embeddings.forward(inputIds, tokenTypes);
        return encoder.forward(h, additive).MoveToOuterDisposeScope();
    }

    /// <summary>Attention-masked mean over tokens: (B, T, H) × (B, T) → (B, H).</summary>
    public static Tensor MeanPool(Tensor hidden, Tensor attentionMask)
    {
        using var scope = NewDisposeScope();
        var m = attentionMask.to(hidden.dtype).unsqueeze(-1); // (B, T, 1)
        var sum = (hidden * m).sum(1);
        var count = m.sum(1).clamp_min(1e-9);
        return (sum / count).MoveToOuterDisposeScope();
    }
}
