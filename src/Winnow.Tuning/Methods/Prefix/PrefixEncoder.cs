using TorchSharp.Modules;
using Winnow.Tuning.Backbones.MiniLm;
using Winnow.Tuning.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Winnow.Tuning.Methods.Prefix;

/// <summary>
/// The prefixes of every layer (PEFT's PrefixEncoder): a table of P rows, each the keys and values of one virtual
/// token in all L layers (L·2·H numbers: block 2l the key, block 2l+1 the value, each nh heads of hs). With
/// projection (Li &amp; Liang 2021), the table is the output of an MLP over a P × H embedding, which trains more
/// stably than the table itself; only the MLP's output is saved (<see cref="FinalPrefixes"/>).
/// </summary>
public sealed class PrefixEncoder : Module, IPrefixTokens, IAdapterModule
{
    private readonly Embedding embedding;
    private readonly Sequential? transform;
    private readonly int _layers, _heads, _headSize;

    public PrefixEncoder(BertConfig c, int virtualTokens, bool projection, int projectionHidden) : base("prefix_encoder")
    {
        Count = virtualTokens;
        _layers = c.NumLayers;
        _heads = c.NumHeads;
        _headSize = c.HeadSize;
        int width = c.NumLayers * 2 * c.HiddenSize;
        embedding = Embedding(virtualTokens, projection ? c.HiddenSize : width);
        if (projection)
            transform = Sequential(("0", Linear(c.HiddenSize, projectionHidden)), ("1", Tanh()), ("2", Linear(projectionHidden, width)));
        RegisterComponents();
    }

    public int Count { get; }

    public IEnumerable<(string Name, Parameter Parameter)> AdapterParameters() => named_parameters().Select(p => (p.name, p.parameter));

    /// <returns>(P, L·2·H): the prefixes as used, what PEFT saves as <c>prompt_embeddings</c></returns>
    public Tensor FinalPrefixes()
    {
        var table = embedding.weight!;
        return transform is null ? table.alias() : transform.forward(table);
    }

    /// <summary>Loads saved final prefixes into an encoder built without projection.</summary>
    public void LoadFinal(Tensor prefixes)
    {
        if (transform is not null) throw new InvalidOperationException("final prefixes load into an encoder without projection");
        using var noGrad = no_grad();
        embedding.weight!.copy_(prefixes);
    }

    public IReadOnlyList<(Tensor Key, Tensor Value)> KeysValues(long batch)
    {
        using var scope = NewDisposeScope();
        var p = FinalPrefixes().view(Count, 2 * _layers, _heads, _headSize)        // (P, 2L, nh, hs)
            .unsqueeze(0).expand(batch, -1, -1, -1, -1)                             // (B, P, 2L, nh, hs)
            .permute(2, 0, 3, 1, 4);                                                 // (2L, B, nh, P, hs)
        var result = new (Tensor, Tensor)[_layers];
        for (int l = 0; l < _layers; l++)
            result[l] = (p[2 * l].MoveToOuterDisposeScope(), p[2 * l + 1].MoveToOuterDisposeScope());
        return result;
    }
}
