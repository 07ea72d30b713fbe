using Winnow.Annotation;
using Winnow.Augmentation;
using Winnow.Augmentation.Chat;
using Winnow.Core.Formats;
using Winnow.Core.Recipes;
using Winnow.Core.Services;
using Winnow.Core.Steps;
using Winnow.Curation;
using Winnow.Embeddings;

namespace Winnow.Cli;

/// <summary>The composition root: which steps exist, and which formats recipes may name.</summary>
internal static class Composition
{
    /// <summary>
    /// all-MiniLM-L6-v2 on ONNX Runtime for dedup.semantic and filter.outliers: loaded (≈1 s, ≈90 MB) only when a step
    /// asks, once per process, cached on disk in <see cref="EmbeddingCacheFolder.Default"/>.
    /// </summary>
    private static readonly Lazy<MiniLmEmbeddingGenerator> Embeddings =
        new(() => new MiniLmEmbeddingGenerator(new MiniLmOptions { CacheDirectory = EmbeddingCacheFolder.Default() }));

    public static StepRegistry Steps()
    {
        RecipeLoader.InputFormats = () => FormatRegistry.InputFormats;
        RecipeLoader.OutputFormats = () => FormatRegistry.OutputFormats;
        // The services every step reaches through its context: embeddings, trained classifiers and span taggers, chat
        // endpoints, the labelling app's store.
        var services = new StepServices { Embeddings = () => Embeddings.Value, Classifiers = TuningTextClassifier.Load, Chat = ChatEndpoints.Shared,
            SpanTaggers = TuningSpanTagger.Load, LabelStores = Commands.Annotate.StoreDecisionSource.Factory,
        };
        return new StepRegistry { Services = services }.AddCore().AddCuration().AddAugmentation().AddAnnotation();
    }
}
