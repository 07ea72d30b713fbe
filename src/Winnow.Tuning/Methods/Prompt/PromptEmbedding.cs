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

    /// <summary>
    /// The module's own registered parameters. Not <c>[("embedding.weight", embedding.weight!)]</c>: TorchSharp 0.107's
    /// <c>Embedding.weight</c> hands out a new wrapper (another <c>Handle</c>) on every call (<c>Linear.weight</c> does
    /// not), so the method, which finds trainable parameters by handle, found nothing and froze the soft prompt: only
    /// the head trained (banking77 0.8838, below head-only's 0.9256).
    /// </summary>
    public IEnumerable<(string Name, Parameter Parameter)> AdapterParameters() => named_parameters().Select(p => (p.name, p.parameter));

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
