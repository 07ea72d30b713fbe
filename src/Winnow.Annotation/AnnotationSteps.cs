using Microsoft.Extensions.AI;
using Winnow.Annotation.LabelIssues;
using Winnow.Core.Classification;
using Winnow.Core.Recipes;

namespace Winnow.Annotation;

/// <summary>Registers the annotation steps a recipe can name.</summary>
public static class AnnotationSteps
{
    /// <param name="embeddings">Makes the embedding generator (called only when a step needs one); null: those steps say none is configured.</param>
    /// <param name="classifiers">Loads a trained classifier from a model folder (<c>model:</c> options); null: none configured.</param>
    /// <param name="labelStores">Opens the labelling app's store for <c>annotate.apply</c>'s <c>store:</c>; null: none configured.</param>
    /// <param name="spanTaggers">Loads a trained span tagger (token classifier) from a model folder; null: none configured.</param>
    /// <remarks>The step context's services (<see cref="Core.Services.StepServices"/>) win over <paramref name="embeddings"/> and <paramref name="classifiers"/>.</remarks>
    public static StepRegistry AddAnnotation(
        this StepRegistry registry,
        Func<IEmbeddingGenerator<string, Embedding<float>>>? embeddings = null,
        TextClassifierLoader? classifiers = null,
        Apply.LabelStoreSourceFactory? labelStores = null,
        SpanTaggerLoader? spanTaggers = null) => registry
        .Add<LabelIssuesOptions>("annotate.label_issues", "Find likely label errors (confident learning on out-of-fold probabilities); flag, drop or relabel them.",
            (o, ctx) => new LabelIssuesStep(o, ctx, ctx.Services.Embeddings ?? embeddings, ctx.Services.Classifiers ?? classifiers))
        .Add<Rules.RulesOptions>("annotate.rules", "Label with labeling functions (keyword, regex, field rules) combined by a label model or majority vote; span rules (regex, gazetteer).",
            (o, ctx) => new Rules.RulesStep(o, ctx), o => o.Validate())
        .Add<Prelabel.ModelOptions>("annotate.model", "Pre-label with a model (kNN over a labelled seed set, zero-shot from label names, or a trained classifier); calibrated confidence; accept or route to people.",
            (o, ctx) => new Prelabel.ModelStep(o, ctx, ctx.Services.Embeddings ?? embeddings, ctx.Services.Classifiers ?? classifiers), o => o.Validate())
        .Add<Spans.SpansOptions>("annotate.spans", "Pre-label spans (named entities) with a model: a perceptron tagger learnt from the records that have spans, or a trained token classifier; span F1 measured on held-out records.",
            (o, ctx) => new Spans.SpansStep(o, ctx, spanTaggers), o => o.Validate())
        .Add<Apply.ApplyOptions>("annotate.apply", "Bring people's labels (a results file, or the labelling app's store) back into the records, with provenance.",
            (o, ctx) => new Apply.ApplyStep(o, o.Store is { } store
                ? (labelStores ?? throw new Core.WinnowException("annotate.apply: store: needs the labelling app's store, which this build does not configure", 2))(
                    store.Contains("://", StringComparison.Ordinal) ? store : ctx.ResolvePath(store), o.Project)
                : new Apply.ResultsFileSource(ctx.ResolvePath(o.Results!), o.Aggregate)), o => o.Validate());
}
