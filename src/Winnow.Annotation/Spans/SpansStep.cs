using System.Collections.Immutable;
using System.Globalization;
using Winnow.Annotation.Agreement;
using Winnow.Core;
using Winnow.Core.Classification;
using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Annotation.Spans;

/// <summary>
/// <c>annotate.spans</c>: span pre-labels from a model. The records that have spans (not put there by a rule or a
/// model) are the seed set: a seeded share is held out to measure span F1 (exact and overlapping) of a tagger learnt
/// from the rest, then the tagger learns from all of them and tags the records without spans
/// (<c>meta.span_source: model</c>, provenance <c>annotate.spans perceptron +N</c>). With <c>method: tagger</c> a
/// trained token classifier tags instead, and the held-out share measures it.
/// </summary>
public sealed class SpansStep(SpansOptions options, StepContext context, SpanTaggerLoader? taggers) : IDatasetStep
{
    public string Name => "annotate.spans";

    internal SpansOptions Options => options;

    /// <summary>What the last plan measured.</summary>
    public SpansReport? Report { get; private set; }

    public IRecordStep Plan(IRecordSource input, CancellationToken cancellationToken)
    {
        var texts = new List<string?>();
        var seed = new List<int>();
        var seedSpans = new Dictionary<int, ImmutableArray<TextSpan>>();
        foreach (var r in input.Read(cancellationToken))
        {
            if (!r.Spans.IsDefaultOrEmpty && r.Text is not null && r.Meta.GetString("span_source") is not ("rule" or "model"))
            {
                seed.Add(texts.Count);
                seedSpans[texts.Count] = r.Spans;
            }
            texts.Add(r.Text);
        }

        var shuffled = seed.ToArray();
        new Random(unchecked((int)context.StepSeed)).Shuffle(shuffled);
        var held = shuffled.Take((int)Math.Round(shuffled.Length * options.HeldOut)).Order().ToArray();
        var fit = shuffled.Except(held).Order().ToArray();
        Func<IReadOnlyList<string>, ImmutableArray<TextSpan>[]> tag;
        Func<IReadOnlyList<string>, ImmutableArray<TextSpan>[]>? measure = null;
        if (options.Method == "tagger")
        {
            var tagger = (taggers ?? throw new WinnowException($"{Name}: method: tagger needs a span tagger loader, and none is configured"))(context.ResolvePath(options.Model!));
            tag = t => tagger.Tag(t, cancellationToken);
            measure = tag;
        }
        else
        {
            if (seed.Count == 0) throw new WinnowException($"{Name}: perceptron needs records with spans to learn from, and none has any");
            if (held.Length > 0)
            {
                var partial = PerceptronTagger.Train([.. fit.Select(i => (texts[i]!, seedSpans[i]))], options.Epochs, unchecked((int)context.StepSeed));
                measure = t => [.. t.Select(partial.Tag)];
            }
            var full = PerceptronTagger.Train([.. seed.Select(i => (texts[i]!, seedSpans[i]))], options.Epochs, unchecked((int)context.StepSeed));
            tag = t => [.. t.Select(full.Tag)];
        }

        double exact = double.NaN, overlap = double.NaN;
        if (held.Length > 0 && measure is not null)
        {
            var predicted = measure([.. held.Select(i => texts[i]!)]);
            var gold = held.Select(i => seedSpans[i]).ToList();
            exact = SpanAgreement.F1(gold, predicted, overlap: false);
            overlap = SpanAgreement.F1(gold, predicted, overlap: true);
        }
        var targets = Enumerable.Range(0, texts.Count).Where(i => texts[i] is not null && (options.Overwrite || !seedSpans.ContainsKey(i))).ToArray();
        var tagged = tag([.. targets.Select(i => texts[i]!)]);
        var result = new ImmutableArray<TextSpan>?[texts.Count];
        for (var k = 0; k < targets.Length; k++) result[targets[k]] = tagged[k];
        static long Permille(double x) => double.IsNaN(x) ? -1 : (long)Math.Round(x * 1000);
        var added = tagged.Sum(s => (long)s.Length);
        var details = new Dictionary<string, IReadOnlyDictionary<string, long>>
        {
            ["spans"] = new Dictionary<string, long>
            {
                ["seed"] = seed.Count, ["held_out"] = held.Length, ["f1_exact_permille"] = Permille(exact), ["f1_overlap_permille"] = Permille(overlap),
                ["tagged"] = targets.Length, ["spans_added"] = added,
            },
        };
        Report = new SpansReport(seed.Count, held.Length, exact, overlap, targets.Length, added);
        return new Applier(this, result, details);
    }

    private sealed class Applier(SpansStep step, ImmutableArray<TextSpan>?[] spans, IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> details)
        : IRecordStep, IStepDetails
    {
        public string Name => step.Name;

        public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Details => details;

        public Outcome Apply(Record record, long index)
        {
            if (index >= spans.Length || spans[index] is not { } found || found.IsEmpty) return Outcome.Keep(record);
            var method = step.Options.Method;
            return Outcome.Keep(record.ChangedBy(string.Create(CultureInfo.InvariantCulture, $"{step.Name} {method} +{found.Length}"))
                with { Spans = found, Meta = record.Meta.Set("span_source", "model") });
        }
    }
}

/// <summary>Span F1 on the held-out seed records and what was tagged, of one <c>annotate.spans</c> plan.</summary>
public sealed record SpansReport(int Seed, int HeldOut, double F1Exact, double F1Overlap, int Tagged, long SpansAdded);
