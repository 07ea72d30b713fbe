using Winnow.Augmentation.Eda;
using Winnow.Augmentation.Synonyms;
using Winnow.Core.Recipes;

namespace Winnow.Augmentation;

/// <summary>
/// Registers the augmentation steps a recipe can name. Only the CPU-bound ones for now; the chat-model and Apertium
/// steps (paraphrase, synthesis, judge, back-translation) wait for the runner's asynchronous batched step contract.
/// </summary>
public static class AugmentationSteps
{
    public static StepRegistry AddAugmentation(this StepRegistry registry) => registry
        .Add<SynonymOptions>(SynonymStep.StepName, "Add variants with WordNet synonyms of the most frequent sense, re-inflected; skips stop words, names, numbers, protected terms.",
            (o, ctx) => new SynonymStep(o, ctx.StepSeed), o => o.Validate())
        .Add<EdaOptions>(EdaStep.StepName, "Add EDA variants (Wei & Zou 2019): synonym replacement, random insertion, swap and deletion at α 0.1; n_aug from the paper's table or copies.",
            (o, ctx) => EdaStep.Create(o, ctx.StepSeed), o => o.Validate());
}
