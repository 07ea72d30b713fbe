using Microsoft.Extensions.AI;
using Winnow.Core.Classification;

namespace Winnow.Core.Services;

/// <summary>
/// The slow services a step may use, in one place (a step asks its <see cref="Steps.StepContext"/>, never its
/// constructor's parameter list): embeddings, trained classifiers and span taggers, chat models, the labelling app's store. The composition root (the CLI) wires
/// the implementations; tests wire their own. Each is a factory, so a service loads only when a step asks for it.
/// </summary>
public sealed record StepServices
{
    public static StepServices None { get; } = new();

    /// <summary>Sentence embeddings (all-MiniLM-L6-v2 on ONNX Runtime in the CLI); null: none configured.</summary>
    public Func<IEmbeddingGenerator<string, Embedding<float>>>? Embeddings { get; init; }

    /// <summary>Loads a trained classifier from a model folder (a <c>winnow train</c> output in the CLI).</summary>
    public TextClassifierLoader? Classifiers { get; init; }

    /// <summary>
    /// The chat client for resolved <see cref="LlmSettings"/>: one per endpoint for the whole process, so its concurrency
    /// and rate limits hold over every step that uses it. Retries and limits are inside; caching and accounting are
    /// the step's (per step). Null: no chat plumbing is wired.
    /// </summary>
    public Func<LlmSettings, IChatClient>? Chat { get; init; }

    /// <summary>Loads a trained span tagger (a token classifier) from a model folder, for <c>annotate.spans</c>' <c>method: tagger</c>.</summary>
    public SpanTaggerLoader? SpanTaggers { get; init; }

    /// <summary>Opens the labelling app's store as a source of decided labels, for <c>annotate.apply</c>'s <c>store:</c>.</summary>
    public LabelStoreSourceFactory? LabelStores { get; init; }

    /// <summary>The embedding generator, or an error naming the step that needs it.</summary>
    public IEmbeddingGenerator<string, Embedding<float>> RequireEmbeddings(string step) =>
        Embeddings?.Invoke() ?? throw new WinnowException($"{step} needs an embedding generator, and none is configured");
}
