using Winnow.Augmentation.Eda;
using Winnow.Augmentation.Paraphrase;
using Winnow.Augmentation.Steps;
using Winnow.Augmentation.Synonyms;
using Winnow.Augmentation.Synthesis;
using Winnow.Augmentation.Translation;
using Winnow.Core.Recipes;

namespace Winnow.Augmentation;

/// <summary>
/// Registers the augmentation and synthesis steps a recipe can name. Augmenters run on the asynchronous batched step
/// contract (<see cref="Winnow.Core.Steps.IBatchStep"/>) through <see cref="AugmentStep"/>, which applies the guards;
/// services (embeddings, classifiers, the chat model) come from the step context.
/// </summary>
public static class AugmentationSteps
{
    /// <summary>CPU-bound augmenters: records per batch, and batches at once (one per core).</summary>
    private const int CpuBatch = 256;

    public static StepRegistry AddAugmentation(this StepRegistry registry) => registry
        .Add<SynonymOptions>(SynonymStep.StepName, "Add variants with WordNet synonyms of the most frequent sense, re-inflected; skips stop words, names, numbers, protected terms.",
            (o, ctx) =>
            {
                var step = new SynonymStep(o, ctx.StepSeed);
                return AugmenterFactory.Build(ctx, new AugmentSettings(SynonymStep.StepName, CpuBatch, Environment.ProcessorCount, o.AugmentVariants), o.Guards,
                    _ => new RecordStepAugmenter(step));
            }, o => o.Validate())
        .Add<EdaOptions>(EdaStep.StepName, "Add EDA variants (Wei & Zou 2019): synonym replacement, random insertion, swap and deletion at α 0.1; n_aug from the paper's table or copies.",
            (o, ctx) =>
            {
                var settings = new AugmentSettings(EdaStep.StepName, CpuBatch, Environment.ProcessorCount, o.AugmentVariants);
                if (o.Copies is { } copies)
                {
                    var step = EdaStep.Create(o, ctx.StepSeed, copies);
                    return AugmenterFactory.Build(ctx, settings, o.Guards, _ => new RecordStepAugmenter(step));
                }
                return AugmenterFactory.Build(ctx, settings, o.Guards, _ => throw new InvalidOperationException("planned"),
                    count => { var step = EdaStep.Create(o, ctx.StepSeed, EdaOptions.RecommendedCopies(count)); return _ => new RecordStepAugmenter(step); },
                    count => new Dictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal)
                    {
                        ["n_aug"] = new Dictionary<string, long>(StringComparer.Ordinal) { ["records_seen"] = count, ["n_aug"] = EdaOptions.RecommendedCopies(count) },
                    });
            }, o => o.Validate())
        .Add<BacktranslateOptions>(BackTranslator.StepName, "Add round-trip translations (engine apertium, offline: eng→spa→eng by default; or engine chat); unchanged round trips go to rejects as no_change.",
            (o, ctx) =>
            {
                if (o.Engine == BacktranslateEngine.Apertium)
                {
                    var translator = new BackTranslator(new ApertiumRoundTrip(o.Pair));
                    return AugmenterFactory.Build(ctx, new AugmentSettings(BackTranslator.StepName, o.BatchSize, o.Concurrency ?? 1, o.AugmentVariants), o.Guards,
                        _ => new DelegateAugmenter(translator.AugmentAsync));
                }
                var chat = AugmenterFactory.Chat(ctx, BackTranslator.StepName);
                return AugmenterFactory.Build(ctx, new AugmentSettings(BackTranslator.StepName, Math.Min(o.BatchSize, 64), o.Concurrency ?? 4, o.AugmentVariants, chat), o.Guards,
                    scope => new DelegateAugmenter(new ChatBackTranslator(scope.Client, o).AugmentAsync));
            }, o => o.Validate())
        .Add<ParaphraseOptions>(Paraphraser.StepName, "Add n paraphrases per record from a chat model (structured output, validated; invalid answers retried, then rejected).",
            (o, ctx) =>
            {
                var chat = AugmenterFactory.Chat(ctx, Paraphraser.StepName);
                return AugmenterFactory.Build(ctx, new AugmentSettings(Paraphraser.StepName, o.BatchSize, o.Concurrency, o.AugmentVariants, chat), o.Guards,
                    scope => new DelegateAugmenter((batch, ct) => new Paraphraser(scope.Client, o).AugmentAsync(batch, ct)));
            }, o => o.Guards.Validate())
        .Add<SynthesizeOptions>(SynthesizeStep.StepName, "Generate synthetic records with a chat model: for classes under a target (capped share per class, default 30%), or Self-Instruct tasks with ROUGE-L novelty.",
            (o, ctx) => new SynthesizeStep(o, AugmenterFactory.Chat(ctx, SynthesizeStep.StepName),
                o.Mode == SynthesisMode.SelfInstruct ? (o.Seeds is { } file ? SeedTasks.FromFile(ctx.ResolvePath(file)) : SeedTasks.SelfInstruct()) : null))
        .Add<JudgeOptions>(Judge.StepName, "LLM-as-judge: score records 1–5 against a rubric; keep those at or above min_score (by default only synthetic and augmented ones are judged).",
            (o, ctx) => new JudgeStep(o, AugmenterFactory.Chat(ctx, Judge.StepName)), o => o.Validate());
}
