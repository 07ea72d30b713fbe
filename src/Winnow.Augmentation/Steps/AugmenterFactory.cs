using Winnow.Augmentation.Chat;
using Winnow.Augmentation.Guards;
using Winnow.Core.Classification;
using Winnow.Core.Steps;

namespace Winnow.Augmentation.Steps;

/// <summary>
/// Builds an augmenter's step from its options and its <see cref="StepContext"/>: the guards from <c>guards:</c> and the
/// context's services (embeddings for similarity, a classifier for labels), then either the batch step itself or, when
/// it must read its input first (dedup against the input, a count), the planning step around it.
/// </summary>
internal static class AugmenterFactory
{
    public static IStep Build(
        StepContext context, AugmentSettings settings, GuardOptions guards, Func<IChatClientScope, IAugmenter> augmenter,
        Func<long, Func<IChatClientScope, IAugmenter>>? byCount = null,
        Func<long, IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>>? details = null)
    {
        var checks = new List<IVariantGuard>();
        if (guards.Similarity) checks.Add(new SimilarityGuard(context.Services.Embeddings?.Invoke()
            ?? throw new Winnow.Core.WinnowException($"{settings.Name}: guards.similarity needs an embedding generator and none is configured; set guards: {{similarity: false}} to go without"),
            guards.MinSimilarity, guards.MaxSimilarity));
        if (guards.LabelModel is { } model)
        {
            var loader = context.Services.Classifiers
                ?? throw new Winnow.Core.WinnowException($"{settings.Name}: guards.label_model needs the classifier service (winnow's CLI wires it)");
            checks.Add(new LabelGuard(new TextClassifierLabels(loader(context.ResolvePath(model)))));
        }
        if (!guards.Dedup && byCount is null) return new AugmentStep(settings, augmenter, new VariantGuards(checks));
        return new AugmentPlanStep(settings.Name, guards.Dedup, (count, texts) =>
        {
            // Cheap checks first: the dedup against the input, then embeddings, then a classifier.
            var all = texts is null ? checks : checks.Prepend(new ExistingTextGuard(texts)).ToList();
            var step = new AugmentStep(settings, byCount?.Invoke(count) ?? augmenter, new VariantGuards(all));
            return details?.Invoke(count) is { } tables ? new PlannedWithDetails(step, tables) : (IRecordStep)step;
        });
    }

    /// <summary>The chat model of a step that needs one, from the context's services and the recipe's <c>llm:</c>.</summary>
    public static StepChat Chat(StepContext context, string step) => StepChat.Create(context.Services, context.Llm, step);

    /// <summary>A planned augmenter step with what its plan chose, for the manifest (EDA's n_aug).</summary>
    private sealed class PlannedWithDetails(AugmentStep step, IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> details)
        : IBatchStep, IRecordStep, IStepDetails
    {
        public string Name => step.Name;
        public int BatchSize => step.BatchSize;
        public int Concurrency => step.Concurrency;
        public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Details => details;

        public Task<BatchOutcome> ApplyAsync(IReadOnlyList<Winnow.Core.Records.Record> batch, long firstIndex, CancellationToken cancellationToken) =>
            step.ApplyAsync(batch, firstIndex, cancellationToken);

        Outcome IRecordStep.Apply(Winnow.Core.Records.Record record, long index) => throw BatchPlans.NotPerRecord(Name);
    }
}
