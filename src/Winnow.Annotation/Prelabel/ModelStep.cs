using System.Globalization;
using Microsoft.Extensions.AI;
using Winnow.Annotation.Embeddings;
using Winnow.Core;
using Winnow.Core.Classification;
using Winnow.Core.Embeddings;
using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Annotation.Prelabel;

/// <summary>
/// <c>annotate.model</c>: a model proposes a label for each unlabelled record with a calibrated confidence; at or
/// above <c>accept_threshold</c> the label is taken (<c>meta.label_source: model</c>, <c>meta.label_confidence</c>),
/// below it the record goes to people (<c>meta.label_route: human</c>, <c>meta.suggested_label</c>,
/// <c>meta.label_confidence</c>). The labelled records (those not labelled by rules or models) are the kNN seed set
/// and the calibration set: half fits the temperature, the other half measures the expected calibration error
/// before and after, reported in the step's details.
/// </summary>
public sealed class ModelStep(ModelOptions options, StepContext context,
    Func<IEmbeddingGenerator<string, Embedding<float>>>? embeddings, TextClassifierLoader? classifiers) : IDatasetStep
{
    public string Name => "annotate.model";

    internal ModelOptions Options => options;

    public IRecordStep Plan(IRecordSource input, CancellationToken cancellationToken)
    {
        var sources = new List<string?>();
        var records = new TrackingSource(input, sources);
        var generator = options.Method == "classifier" ? null
            : embeddings?.Invoke() ?? throw new WinnowException($"{Name} (method: {options.Method}) needs an embedding generator, and none is configured");
        var data = EmbeddedRecords.Read(Name, records, generator, options.MemoryMb, cancellationToken);
        var seed = Enumerable.Range(0, data.Count).Where(i => data.Labels[i] is not null && sources[i] is not ("rule" or "model")).ToArray();
        var (classes, logits) = Score(data, seed, cancellationToken);
        var index = classes.Select((c, k) => (c, k)).ToDictionary(x => x.c, x => x.k, StringComparer.Ordinal);
        var gold = seed.Where(i => index.ContainsKey(data.Labels[i]!)).ToArray();

        // Calibration: fit on one half of the labelled records, measure on the other.
        var shuffled = gold.ToArray();
        new Random(unchecked((int)context.StepSeed)).Shuffle(shuffled);
        var fit = shuffled.Take(shuffled.Length / 2).ToArray();
        var held = shuffled.Skip(shuffled.Length / 2).ToArray();
        var temperature = options.Calibration == "temperature" && fit.Length > 0
            ? Calibration.FitTemperature([.. fit.Select(i => logits[i]!)], [.. fit.Select(i => index[data.Labels[i]!])])
            : 1.0;
        (int Label, double Confidence) Raw(int i, double t) { var p = Calibration.Softmax(logits[i]!, t); var b = ArgMax(p); return (b, p[b]); }
        (double Confidence, bool Correct) Judge(int i, double t) { var (b, c) = Raw(i, t); return (c, b == index[data.Labels[i]!]); }
        var isotonic = options.Calibration == "isotonic" ? IsotonicCalibration.Fit([.. fit.Select(i => Judge(i, 1.0))]) : null;
        // The calibrated label and confidence of record i.
        (int Label, double Confidence) Calibrated(int i)
        {
            var (b, c) = Raw(i, temperature);
            return (b, isotonic?.Apply(c) ?? c);
        }
        var before = Calibration.ExpectedCalibrationError([.. held.Select(i => Judge(i, 1.0))]);
        var after = Calibration.ExpectedCalibrationError([.. held.Select(i => (Calibrated(i).Confidence, Calibrated(i).Label == index[data.Labels[i]!]))]);
        var accuracy = held.Length == 0 ? double.NaN : held.Count(i => Calibrated(i).Label == index[data.Labels[i]!]) / (double)held.Length;

        var proposals = new (string Label, double Confidence)?[data.Count];
        long accepted = 0, routed = 0;
        for (var i = 0; i < data.Count; i++)
        {
            if (logits[i] is null || (data.Labels[i] is not null && !options.Overwrite)) continue;
            var (best, confidence) = Calibrated(i);
            proposals[i] = (classes[best], confidence);
            if (confidence >= options.AcceptThreshold) accepted++; else routed++;
        }
        static long Permille(double x) => double.IsNaN(x) ? -1 : (long)Math.Round(x * 1000);
        var details = new Dictionary<string, IReadOnlyDictionary<string, long>>
        {
            ["calibration"] = new Dictionary<string, long>
            {
                ["held_out"] = held.Length, ["ece_before_permille"] = Permille(before), ["ece_after_permille"] = Permille(after),
                ["accuracy_permille"] = Permille(accuracy), ["temperature_milli"] = (long)Math.Round(temperature * 1000),
            },
            ["routing"] = new Dictionary<string, long> { ["accepted"] = accepted, ["to_people"] = routed },
        };
        Report = new ModelReport(held.Length, before, after, accuracy, temperature, accepted, routed);
        return new Applier(this, proposals, details);
    }

    /// <summary>What the last plan measured (for the CLI and the example's report).</summary>
    public ModelReport? Report { get; private set; }

    private (List<string> Classes, double[]?[] Logits) Score(EmbeddedRecords data, int[] seed, CancellationToken ct)
    {
        var logits = new double[]?[data.Count];
        switch (options.Method)
        {
            case "classifier":
            {
                var classifier = (classifiers ?? throw new WinnowException($"{Name}: method: classifier needs a classifier loader, and none is configured"))(context.ResolvePath(options.Model!));
                var probs = classifier.Predict(data.Texts, ct);
                for (var i = 0; i < data.Count; i++) logits[i] = [.. probs[i].Select(p => Math.Log(Math.Max(p, 1e-9)))];
                return ([.. classifier.Labels], logits);
            }
            case "zero_shot":
            {
                var labels = options.Labels.Count > 0 ? options.Labels
                    : [.. seed.Select(i => data.Labels[i]!).Distinct().Order(StringComparer.Ordinal).Select(l => new LabelDescription { Name = l })];
                if (labels.Count < 2) throw new WinnowException($"{Name}: zero_shot needs at least two labels (labels: in the options, or labelled records)");
                var vectors = EmbeddingBatches.EmbedAll(embeddings!(), [.. labels.Select(l => l.Description ?? l.Name.Replace('_', ' ').Replace('-', ' '))], ct);
                for (var i = 0; i < data.Count; i++) logits[i] = [.. vectors.Select(v => (double)EmbeddingBatches.Dot(data.Vectors[i], v))];
                return ([.. labels.Select(l => l.Name)], logits);
            }
            default:
            {
                var classes = seed.Select(i => data.Labels[i]!).Distinct().Order(StringComparer.Ordinal).ToList();
                if (classes.Count < 2) throw new WinnowException($"{Name}: knn needs labelled records of at least two labels as its seed set");
                var index = classes.Select((c, k) => (c, k)).ToDictionary(x => x.c, x => x.k, StringComparer.Ordinal);
                Parallel.For(0, data.Count, i =>
                {
                    // The k most similar seed records other than itself (leave-one-out for the seed records).
                    var top = new PriorityQueue<int, float>();
                    foreach (var s in seed)
                    {
                        if (s == i) continue;
                        var sim = EmbeddingBatches.Dot(data.Vectors[i], data.Vectors[s]);
                        if (top.Count < options.K) top.Enqueue(s, sim);
                        else if (top.TryPeek(out _, out var low) && sim > low) { top.Dequeue(); top.Enqueue(s, sim); }
                    }
                    var votes = new double[classes.Count];
                    while (top.TryDequeue(out var s, out var sim)) votes[index[data.Labels[s]!]] += Math.Max(sim, 0);
                    var total = votes.Sum();
                    // Log of the similarity-weighted vote shares, smoothed so an unseen class is unlikely, not impossible.
                    logits[i] = [.. votes.Select(v => Math.Log((v + 0.01) / (total + 0.01 * votes.Length)))];
                });
                return (classes, logits);
            }
        }
    }

    private static int ArgMax(double[] p)
    {
        var best = 0;
        for (var k = 1; k < p.Length; k++) if (p[k] > p[best]) best = k;
        return best;
    }

    private sealed class Applier(ModelStep step, (string Label, double Confidence)?[] proposals,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> details) : IRecordStep, IStepDetails
    {
        public string Name => step.Name;

        public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Details => details;

        public Outcome Apply(Record record, long index)
        {
            if (index >= proposals.Length || proposals[index] is not { } p) return Outcome.Keep(record);
            var confidence = Math.Round(p.Confidence, 4);
            if (p.Confidence < step.Options.AcceptThreshold)
                return Outcome.Keep(record with
                {
                    Meta = record.Meta.Set("label_route", "human").Set("suggested_label", p.Label).Set("label_confidence", confidence),
                });
            var meta = record.Meta.Set("label_source", "model").Set("label_confidence", confidence);
            if (record.Label is { } old && old != p.Label) meta = meta.Set("original_label", old);
            return Outcome.Keep(record.ChangedBy(string.Create(CultureInfo.InvariantCulture, $"{step.Name} {step.Options.Method} label '{p.Label}'"))
                with { Label = p.Label, Meta = meta });
        }
    }

    /// <summary>Reads the input while noting each record's <c>meta.label_source</c>.</summary>
    private sealed class TrackingSource(IRecordSource inner, List<string?> sources) : IRecordSource
    {
        public long? Count => inner.Count;

        public IEnumerable<Record> Read(CancellationToken cancellationToken = default)
        {
            sources.Clear();
            foreach (var r in inner.Read(cancellationToken)) { sources.Add(r.Meta.GetString("label_source")); yield return r; }
        }
    }
}

/// <summary>Calibration and routing figures of one <c>annotate.model</c> plan.</summary>
public sealed record ModelReport(int HeldOut, double EceBefore, double EceAfter, double HeldOutAccuracy, double Temperature, long Accepted, long ToPeople);
