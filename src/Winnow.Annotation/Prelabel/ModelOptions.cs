using System.ComponentModel.DataAnnotations;

namespace Winnow.Annotation.Prelabel;

/// <summary>A label for zero-shot pre-labelling: its name and, optionally, a description embedded in its place.</summary>
public sealed record LabelDescription
{
    public string Name { get; init; } = "";
    /// <summary>What the label means, in words (default: the name with <c>_</c> and <c>-</c> as spaces).</summary>
    public string? Description { get; init; }
}

/// <summary>Options of <c>annotate.model</c>.</summary>
public sealed record ModelOptions
{
    /// <summary>
    /// <c>knn</c> (default): the k most similar labelled records (the seed set) vote, weighted by cosine similarity.
    /// <c>zero_shot</c>: cosine similarity of the text to each label's name or description. <c>classifier</c>: a
    /// <c>winnow train</c> model (<see cref="Model"/>).
    /// </summary>
    [AllowedValues("knn", "zero_shot", "classifier")] public string Method { get; init; } = "knn";

    /// <summary>Neighbours for <c>knn</c>. Default 10.</summary>
    [Range(1, 1000)] public int K { get; init; } = 10;

    /// <summary>Labels for <c>zero_shot</c> (default: the labels of the labelled records, names as descriptions).</summary>
    public IReadOnlyList<LabelDescription> Labels { get; init; } = [];

    /// <summary>The model folder for <c>classifier</c>, relative to the recipe.</summary>
    public string? Model { get; init; }

    /// <summary>
    /// A calibrated confidence at or above this accepts the label (<c>meta.label_source: model</c>); below, the record
    /// keeps no label and goes to people (<c>meta.label_route: human</c>, <c>meta.suggested_label</c>). Default 0.9.
    /// </summary>
    [Range(0.0, 1.0)] public double AcceptThreshold { get; init; } = 0.9;

    /// <summary>
    /// <c>temperature</c> (default; Guo et al. 2017: one parameter, keeps the ranking), <c>isotonic</c> (a monotone map
    /// of the top label's confidence to its measured accuracy, <see cref="IsotonicCalibration"/>; needs more held-out
    /// data) or <c>none</c>. Fitted on half the labelled records, measured on the other half.
    /// </summary>
    [AllowedValues("temperature", "isotonic", "none")] public string Calibration { get; init; } = "temperature";

    /// <summary>Also pre-label records that already have a label. Default false: they are the seed and calibration set.</summary>
    public bool Overwrite { get; init; }

    /// <summary>Memory for embeddings while planning, in MB (1.5 KB per record). Default 2048.</summary>
    [Range(1, 1_000_000)] public int MemoryMb { get; init; } = 2048;

    internal IEnumerable<(string Key, string Problem)> Validate()
    {
        if (Method == "classifier" && Model is null) yield return ("model", "method: classifier needs a model folder");
        if (Method != "classifier" && Model is not null) yield return ("model", "model applies to method: classifier");
    }
}
