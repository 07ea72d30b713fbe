using Microsoft.Extensions.AI;
using Winnow.Core;
using Winnow.Core.Recipes;
using Winnow.Core.Text;
using Winnow.Core.Steps;
using Winnow.Curation.Balance;
using Winnow.Curation.Decontamination;
using Winnow.Curation.Dedup;
using Winnow.Curation.Enrich;
using Winnow.Curation.Fields;
using Winnow.Curation.Filters;
using Winnow.Curation.Normalize;
using Winnow.Curation.Outliers;
using Winnow.Curation.Pii;
using Winnow.Curation.Quality;
using Winnow.Curation.Sampling;
using Winnow.Curation.Semantic;
using Winnow.Curation.Split;

namespace Winnow.Curation;

/// <summary>Registers the curation steps a recipe can name.</summary>
public static class CurationSteps
{
    /// <param name="embeddings">
    /// Makes the embedding generator for dedup.semantic and filter.outliers (called only when such a step needs
    /// one, so a run without them never loads a model); null: those steps report that none is configured. The step
    /// context's services (<see cref="Core.Services.StepServices.Embeddings"/>) win over it; this parameter stays for
    /// callers that build a registry without services.
    /// </param>
    public static StepRegistry AddCuration(
        this StepRegistry registry, Func<IEmbeddingGenerator<string, Embedding<float>>>? embeddings = null) => registry
        .Add<NormalizeOptions>("normalize", "Unicode NFC/NFKC, HTML entities, control characters, whitespace, case.",
            (o, _) => new NormalizeStep(o))
        .Add<LengthFilterOptions>("filter.length", "Drop records outside bounds on characters, words or tokens.",
            (o, _) => new LengthFilter(o, TokenCounter.Get(o.Tokenizer).Count), o => o.Validate())
        .Add<ExactDedupOptions>("dedup.exact", "Drop exact duplicates of normalised text; keep the first.",
            (o, _) => new ExactDedupStep(o))
        .Add<Dedup.MinHash.MinHashOptions>("dedup.minhash", "Drop near duplicates (MinHash LSH on word shingles); keep the first or longest.",
            (o, ctx) => new Dedup.MinHash.MinHashDedupStep(o, ctx.WorkDirectory), o => o.Validate())
        .Add<SelectOptions>("select", "Keep records by label, and meta fields by name.",
            (o, _) => new SelectStep(o))
        .Add<RenameOptions>("rename", "Rename meta fields and label values.",
            (o, _) => new RenameStep(o))
        .Add<SampleOptions>("sample", "Keep a seeded random fraction, or exactly n records.",
            (o, ctx) => o.N is { } n ? new CountSampleStep(n, ctx.StepSeed) : new FractionSampleStep(o.Fraction!.Value, ctx.StepSeed),
            o => o.Validate())
        .Add<SplitOptions>("split", "Train/validation/test by shares or counts; stratified; groups never straddle splits.",
            (o, ctx) => new SplitStep(o, ctx), o => o.Validate())
        .Add<BalanceOptions>("balance", "Even out classes: cap, oversample, a largest/smallest ratio, or fill up to a target with augmenters' variants.",
            (o, ctx) => o.Strategy == BalanceStrategy.Target
                ? new TargetBalanceStep(o, ctx.StepSeed, o.Fill!.Select((f, k) => f.Create(ctx with { StepName = f.Name, StepIndex = ctx.StepIndex * 1_000 + k + 1 })).ToList())
                : new BalanceStep(o, ctx.StepSeed), o => o.Validate())
        .Add<EnrichOptions>("enrich", "Add lengths, token counts, readability, content hash, source, language, quality signals and topics to meta.",
            (o, ctx) => o.Topics is null ? new EnrichStep(o) : new TopicEnrichStep(o, ctx, (ctx.Services.Embeddings ?? embeddings)?.Invoke()
                ?? throw new WinnowException("enrich with topics needs an embedding generator, and none is configured")),
            o => o.Validate())
        .Add<QualityFilterOptions>("filter.quality", "Gopher quality and repetition, C4 and FineWeb heuristics, each threshold configurable.",
            (o, _) => new QualityFilter(o), o => o.Validate())
        .Add<PiiRedactOptions>("pii.redact", "Find emails, phones, cards, IBANs, IPs, SSNs, password URLs and secrets; replace them or drop the record.",
            (o, _) => new PiiRedactStep(o), o => o.Validate())
        .Add<DecontaminateOptions>("decontaminate", "Drop or flag records sharing a word n-gram (default 13) with evaluation files.",
            (o, ctx) => new DecontaminateStep(o, ctx), o => o.Validate())
        .Add<SemanticDedupOptions>("dedup.semantic", "Drop records whose embedding's cosine similarity to an earlier kept one reaches a threshold (SemDedup: k-means, then within clusters).",
            (o, ctx) => new SemanticDedupStep(o, ctx, (ctx.Services.Embeddings ?? embeddings)?.Invoke()
                ?? throw new WinnowException("dedup.semantic needs an embedding generator, and none is configured")))
        .Add<OutlierOptions>("filter.outliers", "Drop or flag length outliers (IQR or z-score), embedding outliers far from their class centroid (likely mislabels), and listed words.",
            (o, ctx) => new OutlierStep(o, ctx, ctx.Services.Embeddings ?? embeddings), o => o.Validate())
        .Add<Relevance.RelevanceOptions>("filter.relevance", "Keep what belongs to the domain: similarity to exemplars, class centroids or a description; allow/deny keywords.",
            (o, ctx) => new Relevance.RelevanceStep(o, ctx, ctx.Services.Embeddings ?? embeddings), o => o.Validate())
        .Add<Language.LanguageFilterOptions>("filter.language", "Identify the language (55 langdetect n-gram profiles, a web-share prior, function words) into meta.lang and meta.lang_score; keep listed languages.",
            (o, _) => new Language.LanguageFilter(o), o => o.Validate());
}
