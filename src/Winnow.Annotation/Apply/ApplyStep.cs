using Winnow.Core.Records;
using Winnow.Core.Services;
using Winnow.Core.Steps;

namespace Winnow.Annotation.Apply;

/// <summary>
/// <c>annotate.apply</c>: people's decisions (from an <see cref="IDecidedLabelSource"/>) into the records: the label
/// (and spans, when decided), <c>meta.label_source: human</c>, <c>meta.label_confidence</c> (the aggregation's, when
/// there is one), <c>meta.annotators</c>, the machine's earlier label in <c>meta.original_label</c> when it differs, the
/// routing marks removed, and a provenance entry naming the source. Records nobody decided pass unchanged. Loading is
/// done once, when the plan is made; decisions for ids not in the data are counted in the step's details.
/// </summary>
public sealed class ApplyStep(ApplyOptions options, IDecidedLabelSource source) : IDatasetStep
{
    public string Name => "annotate.apply";

    internal ApplyOptions Options => options;
    internal IDecidedLabelSource Source => source;

    public IRecordStep Plan(IRecordSource input, CancellationToken cancellationToken)
    {
        var decided = source.Load(cancellationToken);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in input.Read(cancellationToken)) if (decided.ContainsKey(r.Id)) seen.Add(r.Id);
        var details = new Dictionary<string, IReadOnlyDictionary<string, long>>
        {
            ["decisions"] = new Dictionary<string, long> { ["in_source"] = decided.Count, ["matched"] = seen.Count, ["unknown_ids"] = decided.Count - seen.Count },
        };
        return new Applier(this, decided, details);
    }

    private sealed class Applier(ApplyStep step, IReadOnlyDictionary<string, DecidedLabel> decided,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> details) : IRecordStep, IStepDetails
    {
        public string Name => step.Name;

        public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Details => details;

        public Outcome Apply(Record record, long index)
        {
            if (!decided.TryGetValue(record.Id, out var d)) return Outcome.Keep(record);
            if (record.Label is not null && !step.Options.Overwrite && record.Meta.GetString("label_source") is not ("rule" or "model")) return Outcome.Keep(record);
            var r = record;
            var meta = r.Meta.Remove("label_route").Remove("suggested_label").Set("label_source", "human").Set("annotators", d.Annotators);
            meta = d.Confidence is { } c ? meta.Set("label_confidence", Math.Round(c, 4)) : meta.Remove("label_confidence");
            if (d.Label is { } label)
            {
                if (r.Label is { } old && old != label) meta = meta.Set("original_label", old);
                r = r with { Label = label };
            }
            if (!d.Spans.IsDefault && r.Text is { } text && TextSpans.Problem(d.Spans, text, out _) is null) r = r with { Spans = d.Spans };
            return Outcome.Keep(r.ChangedBy($"{step.Name} from {step.Source.ProvenanceName}") with { Meta = meta });
        }
    }
}
