using TorchSharp.Modules;
using Winnow.Tuning.Backbones.MiniLm;
using Winnow.Tuning.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Winnow.Tuning.Methods.Prompt;

/// <summary>
/// A soft prompt (PEFT's PromptEmbedding): P learned rows in the word-embedding space, placed before every input's
/// word embeddings; they take positions 0…P−1 and pass through the embedding LayerNorm like any token.
/// </summary>
public sealed class PromptEmbedding : Module, IPromptTokens, IAdapterModule
{
    private readonly Embedding embedding;

    public PromptEmbedding(int virtualTokens, int hidden) : base("prompt_encoder")
    {
        Count = virtualTokens;
        embedding = Embedding(virtualTokens, hidden);
        RegisterComponents();
    }

    public int Count { get; }

    /// <summary>(P, H)</summary>
    public Parameter Weight => embedding.weight!;

    public IEnumerable<(string Name, Parameter Parameter)> AdapterParameters() => [("embedding.weight", embedding.weight!)];

    /// <returns>(B, P, H)</returns>
    public Tensor Embeddings(long batch) => embedding.weight!.unsqueeze(0).expand(batch, -1, -1);

    /// <summary>Rows copied from the word embeddings of <paramref name="tokenIds"/> (repeated to fill P, as PEFT does).</summary>
    public void InitFrom(Tensor wordEmbeddings, IReadOnlyList<long> tokenIds)
    {
        var ids = Enumerable.Range(0, Count).Select(i => tokenIds[i % tokenIds.Count]).ToArray();
        using var noGrad = no_grad();
        using var idx = tensor(ids, device: wordEmbeddings.device);
        using var rows = wordEmbeddings.index_select(0, idx);
        embedding.weight!.copy_(rows);
    }
}
