using System.Globalization;
using Microsoft.Extensions.AI;
using Winnow.Annotation.Classifiers;
using Winnow.Annotation.Embeddings;
using Winnow.Core;
using Winnow.Core.Classification;
using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Annotation.LabelIssues;

/// <summary>
/// <c>annotate.label_issues</c>: one read of the input embeds every record (MiniLM through
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>), k-fold cross-validation of a logistic regression gives
/// out-of-fold probabilities (or a trained classifier gives probabilities), and <see cref="ConfidentLearning"/> finds
/// the likely label errors. The plan then flags, drops or relabels them. Unlabelled records pass untouched.
/// </summary>
public sealed class LabelIssuesStep(
    LabelIssuesOptions options, StepContext context,
    Func<IEmbeddingGenerator<string, Embedding<float>>>? embeddings, TextClassifierLoader? classifiers) : IDatasetStep
{
    public string Name => "annotate.label_issues";

    internal LabelIssuesOptions Options => options;

    public IRecordStep Plan(IRecordSource input, CancellationToken cancellationToken)
    {
        float[][] probs;
        List<string> classes;
        int[] labels;
        if (options.Model is { } model)
        {
            var classifier = (classifiers ?? throw new WinnowException($"{Name}: model: needs a classifier loader, and none is configured"))(context.ResolvePath(model));
            var data = EmbeddedRecords.Read(Name, input, null, options.MemoryMb, cancellationToken);
            classes = [.. classifier.Labels];
            var map = classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
            labels = [.. data.Labels.Select(l => l is null ? -1 : map.TryGetValue(l, out var k) ? k
                : throw new WinnowException($"{Name}: label '{l}' is not one of the model's {classes.Count} labels"))];
            probs = classifier.Predict(data.Texts, cancellationToken);
        }
        else
        {
            var generator = embeddings?.Invoke() ?? throw new WinnowException($"{Name} needs an embedding generator, and none is configured");
            var data = EmbeddedRecords.Read(Name, input, generator, options.MemoryMb, cancellationToken);
            (classes, labels) = data.LabelIndex();
            var labelled = Enumerable.Range(0, data.Count).Where(i => labels[i] >= 0).ToArray();
            var found = classes.Count < 2 ? [] : Clean([.. labelled.Select(i => data.Vectors[i])], [.. labelled.Select(i => labels[i])],
                classes.Count, options, context.StepSeed);
            var result = new LabelVerdict?[labels.Length];
            for (var k = 0; k < found.Length; k++) result[labelled[k]] = found[k];
            return new Applier(this, classes, result);
        }
        var verdicts = new LabelVerdict?[labels.Length];
        var rows = Enumerable.Range(0, labels.Length).Where(i => labels[i] >= 0 && probs[i] is not null).ToArray();
        if (rows.Length > 0 && classes.Count >= 2)
        {
            var found = ConfidentLearning.Find([.. rows.Select(i => probs[i])], [.. rows.Select(i => labels[i])], classes.Count, options.Filter());
            for (var k = 0; k < rows.Length; k++) verdicts[rows[k]] = found[k];
        }
        return new Applier(this, classes, verdicts);
    }

    /// <summary>Neighbours kept beyond <c>k</c>, so near-duplicates and records taken out by earlier rounds can be skipped.</summary>
    private const int GraphMargin = 10;

    /// <summary>
    /// Verdicts over <see cref="LabelIssuesOptions.Rounds"/> rounds. First, once: the neighbour graph, near-duplicate
    /// groups, outliers (<see cref="OutOfDistribution"/>; they leave the data after the first round) and the ridge
    /// penalty (<see cref="OutOfFold.SelectL2"/>). Each round then computes out-of-sample probabilities on the records
    /// still in, finds issues by confident learning, gives confident suggestions their new label and takes the other
    /// issues out. A verdict's <c>Suggested</c> is the record's final label, <c>Quality</c> the first round's
    /// probability of its given label.
    /// </summary>
    public static LabelVerdict[] Clean(IReadOnlyList<float[]> x, IReadOnlyList<int> y, int classes, LabelIssuesOptions options, long seed)
    {
        var n = x.Count;
        var knn = options.Probabilities is "knn" or "ensemble";
        var graph = knn || options.Outliers == "knn" || options.DuplicateSimilarity < 1 ? NeighbourGraph.Build(x, options.K + GraphMargin) : null;
        var groups = graph is not null && options.DuplicateSimilarity < 1 ? graph.NearDuplicateGroups(options.DuplicateSimilarity) : null;
        var scores = options.Outliers == "knn" ? OutOfDistribution.Scores(graph!, options.K, groups) : null;
        var fence = scores is null ? double.PositiveInfinity : OutOfDistribution.Fence(scores, options.OutlierThreshold);
        var l2 = options.ChooseL2 && options.Probabilities != "knn"
            ? OutOfFold.SelectL2(x, y, classes, options.Folds, new SoftmaxOptions(options.Epochs), seed, groups) : options.L2;
        var softmax = new SoftmaxOptions(options.Epochs, L2: l2);

        var current = y.ToArray();
        var active = Enumerable.Repeat(true, n).ToArray();
        var verdicts = new LabelVerdict[n];
        for (var round = 0; round < options.Rounds; round++)
        {
            var idx = Enumerable.Range(0, n).Where(i => active[i]).ToArray();
            var probs = OutOfSample(x, current, active, idx, classes, options, softmax, graph, groups, seed + round);
            var found = ConfidentLearning.Find(probs, [.. idx.Select(i => current[i])], classes, options.Filter());
            var changes = 0;
            for (var k = 0; k < idx.Length; k++)
            {
                var i = idx[k];
                var v = found[k];
                var score = scores?[i] ?? double.NaN;
                if (round == 0 && score > fence && v.Unplaced)
                {
                    // Far from every record and confidently in no class: a text that belongs to none, which no label fits.
                    // (A far record the classifier places confidently is a rare phrasing of a class: kept, it teaches the most.)
                    verdicts[i] = new LabelVerdict(true, v.Suggested, v.Quality, v.SuggestedProbability, true, score);
                    active[i] = false;
                    changes++;
                    continue;
                }
                if (round == 0) verdicts[i] = v with { Suggested = v.IsIssue ? v.Suggested : current[i], OutlierScore = score };
                if (!v.IsIssue) continue;
                changes++;
                verdicts[i] = v with { Quality = verdicts[i].Quality, OutlierScore = score };
                if (Relabels(verdicts[i], options)) current[i] = v.Suggested;
                else active[i] = false;
            }
            if (changes == 0) break;
        }
        return verdicts;
    }

    /// <summary>
    /// Whether <c>relabel</c> gives a label issue its suggested label (else it is dropped): not an outlier, the suggested
    /// label's probability reaches <see cref="LabelIssuesOptions.RelabelThreshold"/> and, with
    /// <see cref="LabelIssuesOptions.RelabelConfident"/>, its class's confident-learning threshold.
    /// </summary>
    public static bool Relabels(LabelVerdict v, LabelIssuesOptions options) =>
        v.IsIssue && !v.IsOutlier && v.SuggestedProbability >= options.RelabelThreshold && (!options.RelabelConfident || v.Confident);

    /// <summary>Probabilities of the examples <paramref name="idx"/> (the active ones), from models and neighbours that see only active examples.</summary>
    internal static float[][] OutOfSample(IReadOnlyList<float[]> x, int[] y, bool[]? active, int[] idx, int classes, LabelIssuesOptions options,
        SoftmaxOptions softmax, NeighbourGraph? graph, int[]? groups, long seed)
    {
        float[][]? logistic = null, knn = null;
        if (options.Probabilities is "logistic" or "ensemble")
        {
            // Groups re-indexed to the subset: each member points at the subset position of its group's first active member.
            int[]? subGroups = null;
            if (groups is not null)
            {
                var first = new Dictionary<int, int>();
                subGroups = new int[idx.Length];
                for (var k = 0; k < idx.Length; k++)
                {
                    if (!first.TryGetValue(groups[idx[k]], out var f)) first[groups[idx[k]]] = f = k;
                    subGroups[k] = f;
                }
            }
            logistic = OutOfFold.Probabilities([.. idx.Select(i => x[i])], [.. idx.Select(i => y[i])], classes, options.Folds, softmax, seed, subGroups);
        }
        if (options.Probabilities is "knn" or "ensemble")
        {
            var votes = NeighbourVotes.Probabilities(graph!, y, classes, options.K, groups, active);
            knn = [.. idx.Select(i => votes[i])];
        }
        if (logistic is null) return knn!;
        if (knn is null) return logistic;
        return [.. logistic.Zip(knn, (a, b) => a.Zip(b, (p, q) => (p + q) / 2).ToArray())];
    }

    private sealed class Applier(LabelIssuesStep step, List<string> classes, LabelVerdict?[] verdicts) : IRecordStep
    {
        public string Name => step.Name;

        public Outcome Apply(Record record, long index)
        {
            if (index >= verdicts.Length || verdicts[index] is not { } v) return Outcome.Keep(record);
            var suggested = classes[v.Suggested];
            var options = step.Options;
            var detail = v.IsOutlier
                ? string.Create(CultureInfo.InvariantCulture, $"out of distribution: average cosine distance {v.OutlierScore:0.000} to the {options.K} nearest records; given '{record.Label}'")
                : string.Create(CultureInfo.InvariantCulture, $"given '{record.Label}' (p {v.Quality:0.000}), suggested '{suggested}' (p {v.SuggestedProbability:0.000})");
            switch (options.Mode)
            {
                case "drop" or "relabel" when v.IsOutlier:
                    return Outcome.Drop("outlier", detail);
                case "drop" when v.IsIssue:
                    return Outcome.Drop("label_issue", detail);
                case "relabel" when v.IsIssue:
                    if (!Relabels(v, options)) return Outcome.Drop("label_issue", detail);
                    var meta = record.Meta.Set("original_label", record.Label!).Set("label_source", "model").Set("label_confidence", Math.Round(v.SuggestedProbability, 4));
                    return Outcome.Keep(record.ChangedBy($"{step.Name} relabel '{record.Label}' → '{suggested}'") with { Label = suggested, Meta = meta });
                case "flag":
                    // An outlier belongs to no class: it gets no suggested label (its argmax is often its given label).
                    var flagged = record.Meta.Set("label_issue", Meta.JsonValue(v.IsIssue));
                    if (!v.IsOutlier) flagged = flagged.Set("suggested_label", suggested);
                    flagged = flagged.Set("label_quality", Math.Round(v.Quality, 4));
                    if (v.IsIssue) flagged = flagged.Set("label_issue_kind", v.IsOutlier ? "outlier" : "label");
                    if (!double.IsNaN(v.OutlierScore)) flagged = flagged.Set("outlier_score", Math.Round(v.OutlierScore, 4));
                    return Outcome.Keep(record with { Meta = flagged });
                default:
                    return Outcome.Keep(record);
            }
        }
    }
}
