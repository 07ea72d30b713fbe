using Winnow.Embeddings;
using Winnow.Tuning.Backbones.MiniLm;

namespace Winnow.Tuning.Backbones;

/// <summary>A pre-trained model a recipe's <c>model:</c> names: its weights, its untrained shape and its tokenizer.</summary>
public interface IBackbone
{
    /// <summary>The recipe name (<c>minilm</c>).</summary>
    string Name { get; }

    /// <summary>The Hugging Face id written into adapter files (<c>base_model_name_or_path</c>).</summary>
    string BaseModelId { get; }

    /// <summary>A new encoder with the pre-trained weights, on the CPU.</summary>
    BertModel Pretrained();

    /// <summary>A new encoder of the same shape, randomly initialised (weights come from a file).</summary>
    BertModel Untrained();

    WordPieceTokenizer Tokenizer();
}

/// <summary>The backbones a recipe can name, by name (the causal LMs of the next issue register here too).</summary>
public static class BackboneRegistry
{
    private static readonly Dictionary<string, IBackbone> All = new(StringComparer.Ordinal)
    {
        [MiniLmBackbone.Instance.Name] = MiniLmBackbone.Instance,
    };

    public static IReadOnlyList<string> Names { get; } = [.. All.Keys.Order(StringComparer.Ordinal)];

    public static bool Contains(string name) => All.ContainsKey(name);

    public static IBackbone Get(string name) =>
        All.TryGetValue(name, out var b) ? b : throw new WinnowException($"unknown model '{name}'; valid: {string.Join(", ", Names)}", 2);
}
