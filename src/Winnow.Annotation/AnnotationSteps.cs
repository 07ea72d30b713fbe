using Winnow.Annotation.LabelIssues;
using Winnow.Core.Recipes;

namespace Winnow.Annotation;

/// <summary>Registers the annotation steps a recipe can name.</summary>
public static class AnnotationSteps
{
    /// <remarks>The steps reach their services (embeddings, classifiers, span taggers, the label store) through the step context's <see cref="Core.Services.StepServices"/>.</remarks>
    public static StepRegistry AddAnnotation(this StepRegistry registry) => registry
        .Add<LabelIssuesOptions>("annotate.label_issues", "Find likely label errors (confident learning on out-of-fold probabilities); flag, drop or relabel them.",
            (o, ctx) => new LabelIssuesStep(o, ctx, ctx.Services.Embeddings, ctx.Services.Classifiers))
        .Add<Rules.RulesOptions>("annotate.rules", "Label with labeling functions (keyword, regex, field rules) combined by a label model or majority vote; span rules (regex, gazetteer).",
            (o, ctx) => new Rules.RulesStep(o, ctx), o => o.Validate())
        .Add<Prelabel.ModelOptions>("annotate.model", "Pre-label with a model (kNN over a labelled seed set, zero-shot from label names, or a trained classifier); calibrated confidence; accept or route to people.",
            (o, ctx) => new Prelabel.ModelStep(o, ctx, ctx.Services.Embeddings, ctx.Services.Classifiers), o => o.Validate())
        .Add<Spans.SpansOptions>("annotate.spans", "Pre-label spans (named entities) with a model: a perceptron tagger learnt from the records that have spans, or a trained token classifier; span F1 measured on held-out records.",
            (o, ctx) => new Spans.SpansStep(o, ctx, ctx.Services.SpanTaggers), o => o.Validate())
        .Add<Apply.ApplyOptions>("annotate.apply", "Bring people's labels (a results file, or the labelling app's store) back into the records, with provenance.",
            (o, ctx) => new Apply.ApplyStep(o, o.Store is { } store
                ? (ctx.Services.LabelStores ?? throw new Core.WinnowException("annotate.apply: store: needs the labelling app's store, which this build does not configure", 2))(
                    store.Contains("://", StringComparison.Ordinal) ? store : ctx.ResolvePath(store), o.Project)
                : new Apply.ResultsFileSource(ctx.ResolvePath(o.Results!), o.Aggregate)), o => o.Validate());
}
