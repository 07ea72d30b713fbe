using System.Globalization;
using Winnow.Core.Records;
using Winnow.Core.Recipes;
using Winnow.Core.Steps;

namespace Winnow.Annotation.Rules;

/// <summary>
/// <c>annotate.rules</c>: labeling functions vote on every record; one read of the input fits the label model (or
/// counts majorities), and the plan writes the decided label with <c>meta.label_source: rule</c> and
/// <c>meta.label_confidence</c> (records every function abstained on, or below <c>min_confidence</c>, keep what they
/// had). Span rules add spans that overlap none already there (<c>meta.span_source: rule</c> when any were added).
/// </summary>
public sealed class RulesStep : IDatasetStep
{
    private readonly RulesOptions _options;
    private readonly RuleSet _rules;

    public RulesStep(RulesOptions options, StepContext context)
    {
        _options = options;
        var file = options.File is { } f ? YamlFile.Load<RulesFile>(context.ResolvePath(f)) : new RulesFile();
        var source = options.File is { } g ? context.ResolvePath(g) : "annotate.rules";
        var baseDir = options.File is { } h ? Path.GetDirectoryName(context.ResolvePath(h))! : context.BaseDirectory;
        _rules = new RuleSet(new RulesFile { Functions = [.. file.Functions, .. options.Functions], Spans = [.. file.Spans, .. options.Spans] }, source, baseDir);
    }

    public string Name => "annotate.rules";

    public IRecordStep Plan(IRecordSource input, CancellationToken cancellationToken)
    {
        var votes = input.Read(cancellationToken).Select(_rules.Votes).ToArray();
        var (decisions, _) = LabelModel.Combine(votes, _rules.Labels, _options.Combine);
        return new Applier(this, decisions);
    }

    private sealed class Applier(RulesStep step, RuleDecision[] decisions) : IRecordStep
    {
        public string Name => step.Name;

        public Outcome Apply(Record record, long index)
        {
            var r = record;
            if (step._rules.Spans.Count > 0 && r.Text is { } text)
            {
                var (spans, added) = SpanRule.Apply(step._rules.Spans, text, r.Spans);
                if (added > 0) r = r.ChangedBy($"{step.Name} spans +{added}") with { Spans = spans, Meta = r.Meta.Set("span_source", "rule") };
            }
            if (index >= decisions.Length || decisions[index] is not { Label: { } label } d) return Outcome.Keep(r);
            if (r.Label is not null && !step._options.Overwrite) return Outcome.Keep(r);
            var confidence = Math.Round(d.Confidence, 4);
            if (d.Confidence < step._options.MinConfidence)
                return Outcome.Keep(r with { Meta = r.Meta.Set("rule_label", label).Set("rule_confidence", confidence) });
            var meta = r.Meta.Set("label_source", "rule").Set("label_confidence", confidence);
            if (r.Label is { } old && old != label) meta = meta.Set("original_label", old);
            return Outcome.Keep(r.ChangedBy(string.Create(CultureInfo.InvariantCulture, $"{step.Name} label '{label}' ({d.Votes} votes)")) with { Label = label, Meta = meta });
        }
    }
}
