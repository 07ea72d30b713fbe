using System.Text.Json.Serialization;

namespace Winnow.Annotation.Crowd.Aggregation;

/// <summary>The label decided for one item from many workers' labels, with the method's confidence in it.</summary>
public sealed record AggregatedLabel(
    [property: JsonPropertyName("item")] string Item,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("confidence")] double Confidence,
    [property: JsonPropertyName("votes")] int Votes,
    [property: JsonPropertyName("method")] string Method);

/// <summary>How good one worker is: accuracy on gold items, the aggregate's view, and agreement with the aggregate.</summary>
public sealed record WorkerQuality(
    [property: JsonPropertyName("worker")] string Worker,
    [property: JsonPropertyName("items")] int Items,
    [property: JsonPropertyName("gold_items")] int GoldItems,
    [property: JsonPropertyName("gold_accuracy")] double? GoldAccuracy,
    [property: JsonPropertyName("estimated_accuracy")] double? EstimatedAccuracy,
    [property: JsonPropertyName("agreement_with_aggregate")] double AgreementWithAggregate);

/// <summary>What aggregation returns: a label per item and a quality per worker.</summary>
public sealed record Aggregation(IReadOnlyList<AggregatedLabel> Labels, IReadOnlyList<WorkerQuality> Workers);
