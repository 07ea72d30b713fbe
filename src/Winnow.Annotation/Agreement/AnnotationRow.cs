using System.Collections.Immutable;
using Winnow.Core.Records;

namespace Winnow.Annotation.Agreement;

/// <summary>
/// One judgement: <see cref="Annotator"/> gave <see cref="Item"/> the label <see cref="Label"/> (and/or the
/// <see cref="Spans"/>, for span tasks). The unit of every agreement figure and of crowd aggregation.
/// </summary>
public sealed record AnnotationRow(string Item, string Annotator, string? Label, ImmutableArray<TextSpan> Spans = default)
{
    public bool HasSpans => !Spans.IsDefault;

    /// <summary>A machine's confidence in its proposal (predictions only); null for people.</summary>
    public double? Score { get; init; }

    /// <summary>A machine's pre-annotation carried through a platform, not a person's judgement.</summary>
    public bool IsPrediction { get; init; }
}
