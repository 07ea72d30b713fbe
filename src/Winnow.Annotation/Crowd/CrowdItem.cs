using System.Collections.Immutable;
using Winnow.Annotation.Agreement;
using Winnow.Core.Records;

namespace Winnow.Annotation.Crowd;

/// <summary>
/// One item sent to people: the record's id and text, and what a machine proposes for it (the record's label and
/// spans, with <c>meta.label_confidence</c> as the score when present), shown as a pre-annotation.
/// </summary>
public sealed record CrowdItem(string Id, string Text, string? Prediction, ImmutableArray<TextSpan> PredictedSpans, double? Score)
{
    public static CrowdItem From(Record r, bool predictions) => new(
        r.Id, r.ContentText,
        predictions ? r.Label : null,
        predictions && !r.Spans.IsDefault ? r.Spans : [],
        predictions && r.Meta.TryGetValue("label_confidence", out var c) && c.ValueKind == System.Text.Json.JsonValueKind.Number ? c.GetDouble() : null);

    public bool HasPrediction => Prediction is not null || PredictedSpans.Length > 0;
}

/// <summary>What export needs besides the items: the label set and span label set to offer, and a question.</summary>
public sealed record CrowdExportSettings(IReadOnlyList<string> Labels, IReadOnlyList<string> SpanLabels, string Question = "Which label fits this text?");

/// <summary>
/// What came back from a platform: every person's judgement (<see cref="Annotations"/>) and every machine
/// pre-annotation carried along (<see cref="Predictions"/>, annotator <c>model:&lt;version&gt;</c>), plus the texts.
/// </summary>
public sealed record CrowdResults(List<AnnotationRow> Annotations, List<AnnotationRow> Predictions, Dictionary<string, string> Texts)
{
    public static CrowdResults Empty() => new([], [], new(StringComparer.Ordinal));
}
