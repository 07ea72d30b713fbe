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

    /// <summary>(V, H)</summary>
    public Tensor WordWeight => word_embeddings.weight!;

    /// <param name="inputIds">(B, T) int64</param><param name="tokenTypeIds">(B, T) int64</param>
    /// <returns>(B, T, H)</returns>
    public override Tensor forward(Tensor inputIds, Tensor tokenTypeIds) => Embed(inputIds, tokenTypeIds, null, 0);

    /// <summary>
    /// Word + position + token-type embeddings, LayerNorm, dropout. <paramref name="prompt"/> (B, P, H), when given,
    /// is placed before the word embeddings (prompt tuning: the rows are virtual tokens and take positions 0…P−1);
    /// <paramref name="positionOffset"/> shifts every position (prefix tuning: the P past keys come first, as
    /// transformers' past_key_values_length does).
    /// </summary>
    /// <returns>(B, P + T, H)</returns>
    public Tensor Embed(Tensor inputIds, Tensor tokenTypeIds, Tensor? prompt, long positionOffset)
    {
        using var scope = NewDisposeScope();
        var words = word_embeddings.forward(inputIds); // (B, T, H)
        if (prompt is not null) words = cat([prompt.to(words.dtype), words], 1); // (B, P + T, H)
        long length = words.shape[1];
        var positions = arange(positionOffset, positionOffset + length, dtype: ScalarType.Int64, device: inputIds.device).unsqueeze(0); // (1, S)
        var types = prompt is null ? tokenTypeIds : zeros([words.shape[0], length], ScalarType.Int64, device: inputIds.device);
        var x = words + position_embeddings.forward(positions) + token_type_embeddings.forward(types);
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
    public override Tensor forward(Tensor x, Tensor mask) => Forward(x, mask, null);

    /// <param name="x">(B, T, H)</param>
    /// <param name="mask">additive (B, 1, 1, P + T) over the keys: 0 keep, large negative pad</param>
    /// <param name="past">prefix keys and values (B, nh, P, hs) placed before the tokens' own (prefix tuning), or null</param>
    public Tensor Forward(Tensor x, Tensor mask, (Tensor Key, Tensor Value)? past)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], t = x.shape[1];
        var q = query.forward(x).view(b, t, _heads, _headSize).transpose(1, 2); // (B, nh, T, hs)
        var k = key.forward(x).view(b, t, _heads, _headSize).transpose(1, 2);
        var v = value.forward(x).view(b, t, _heads, _headSize).transpose(1, 2);
        if (past is { } p)
        {
            k = cat([p.Key.to(k.dtype), k], 2); // (B, nh, P + T, hs)
            v = cat([p.Value.to(v.dtype), v], 2);
        }
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
public sealed class BertResidualOutput : Module<Tensor, Tensor, Tensor>
{
    private Module<Tensor, Tensor> dense;
    private readonly LayerNorm LayerNorm;
    private readonly MaskedDropout dropout;

    internal BertResidualOutput(string name, int inSize, BertConfig c) : base(name)
    {
        dense = Linear(inSize, c.HiddenSize);
        LayerNorm = nn.LayerNorm(c.HiddenSize, c.LayerNormEps);
        dropout = new MaskedDropout(c.HiddenDropout);
        RegisterComponents();
    }

    /// <summary>The block's LayerNorm (adapters may train it).</summary>
    public LayerNorm Norm => LayerNorm;

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

    public override Tensor forward(Tensor x, Tensor mask) => Forward(x, mask, null);

    public Tensor Forward(Tensor x, Tensor mask, (Tensor Key, Tensor Value)? past)
    {
        using var a = self.Forward(x, mask, past);
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

    public override Tensor forward(Tensor x, Tensor mask) => Forward(x, mask, null);

    public Tensor Forward(Tensor x, Tensor mask, (Tensor Key, Tensor Value)? past)
    {
        using var scope = NewDisposeScope();
        var a = attention.Forward(x, mask, past);
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

    public override Tensor forward(Tensor x, Tensor mask) => Forward(x, mask, null);

    /// <param name="past">per layer, prefix keys and values (B, nh, P, hs); null without prefix tuning</param>
    public Tensor Forward(Tensor x, Tensor mask, IReadOnlyList<(Tensor Key, Tensor Value)>? past)
    {
        var h = x;
        int i = 0;
        foreach (var l in layer)
        {
            var next = l.Forward(h, mask, past?[i++]);
            if (!ReferenceEquals(h, x)) h.Dispose();
            h = next;
        }
        return h;
    }
}

/// <summary>Soft prompt rows placed before the input embeddings (prompt tuning).</summary>
public interface IPromptTokens
{
    /// <summary>Virtual tokens P.</summary>
    int Count { get; }

    /// <returns>(B, P, H)</returns>
    Tensor Embeddings(long batch);
}

/// <summary>Keys and values placed before every layer's own in self-attention (prefix tuning).</summary>
public interface IPrefixTokens
{
    /// <summary>Virtual tokens P.</summary>
    int Count { get; }

    /// <returns>per layer, (key, value), each (B, nh, P, hs)</returns>
    IReadOnlyList<(Tensor Key, Tensor Value)> KeysValues(long batch);
}

/// <summary>
/// The BERT encoder (no pooler): token ids → last hidden state, and the attention-masked mean of it
/// (sentence-transformers' pooling). A method may attach a soft prompt (<see cref="IPromptTokens"/>) or prefixes
/// (<see cref="IPrefixTokens"/>) as a registered child module; the output keeps one row per input token either way.
/// </summary>
public sealed class BertModel : Module<Tensor, Tensor, Tensor>
{
    private readonly BertEmbeddings embeddings;
    private readonly BertEncoderStack encoder;
    private IPromptTokens? _prompt;
    private IPrefixTokens? _prefix;

    public BertModel(BertConfig config) : base("bert")
    {
        Config = config;
        embeddings = new BertEmbeddings(config);
        encoder = new BertEncoderStack(config);
        RegisterComponents();
    }

    public BertConfig Config { get; }

    /// <summary>The backbone's tokenizer, when the backbone set it (a soft prompt initialised from text needs it).</summary>
    public Winnow.Embeddings.WordPieceTokenizer? Tokenizer { get; set; }

    /// <summary>The word embedding matrix (V, H), e.g. to initialise a soft prompt from vocabulary rows.</summary>
    public Tensor WordEmbeddings => embeddings.WordWeight;

    /// <summary>Registers <paramref name="module"/> under <paramref name="name"/>; it feeds the forward pass as a prompt or prefix.</summary>
    public void Attach(string name, Module module)
    {
        register_module(name, module);
        if (module is IPromptTokens prompt) _prompt = prompt;
        if (module is IPrefixTokens prefix) _prefix = prefix;
    }

    /// <param name="inputIds">(B, T) int64</param><param name="attentionMask">(B, T) int64, 1 token, 0 padding</param>
    /// <returns>last hidden state (B, T, H)</returns>
    public override Tensor forward(Tensor inputIds, Tensor attentionMask)
    {
        using var scope = NewDisposeScope();
        long b = inputIds.shape[0], t = inputIds.shape[1];
        var tokenTypes = zeros_like(inputIds);
        int promptLength = _prompt?.Count ?? 0, prefixLength = _prefix?.Count ?? 0;
        // Virtual tokens are always attended to: ones before the real tokens' mask.
        var keyMask = attentionMask;
        if (promptLength + prefixLength > 0)
            keyMask = cat([ones([b, promptLength + prefixLength], attentionMask.dtype, attentionMask.device), attentionMask], 1); // (B, P + T)
        // Additive mask (B, 1, 1, S): 0 where a token is, the dtype's lowest value on padding (as transformers does).
        var additive = (1.0f - keyMask.to(ScalarType.Float32)).mul(float.MinValue).view(b, 1, 1, keyMask.shape[1]);
        var h = embeddings.Embed(inputIds, tokenTypes, _prompt?.Embeddings(b), prefixLength);
        var hidden = encoder.Forward(h, additive, _prefix?.KeysValues(b));
        if (promptLength > 0) hidden = hidden.narrow(1, promptLength, t); // drop the virtual rows: (B, T, H)
        return hidden.MoveToOuterDisposeScope();
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
