using System.ComponentModel.DataAnnotations;

namespace Winnow.Annotation.Spans;

/// <summary>Options of <c>annotate.spans</c>.</summary>
public sealed record SpansOptions
{
    /// <summary>
    /// <c>perceptron</c> (default): an averaged-perceptron tagger (<see cref="PerceptronTagger"/>) learnt from the
    /// records that already have spans (not ones a rule or model put there). <c>tagger</c>: a <c>winnow train</c>
    /// token-classification model folder (<see cref="Model"/>), through Core's <c>ISpanTagger</c>.
    /// </summary>
    [AllowedValues("perceptron", "tagger")] public string Method { get; init; } = "perceptron";

    /// <summary>The model folder for <c>tagger</c>, relative to the recipe.</summary>
    public string? Model { get; init; }

    /// <summary>Passes of the perceptron over the training records. Default 10.</summary>
    [Range(1, 100)] public int Epochs { get; init; } = 10;

    /// <summary>
    /// Share of the span-labelled records held out to measure span F1 (exact and overlapping) before the tagger is
    /// trained on all of them. Default 0.2; 0 skips the measurement.
    /// </summary>
    [Range(0.0, 0.9)] public double HeldOut { get; init; } = 0.2;

    /// <summary>Also tag records that already have spans (their spans are replaced). Default false.</summary>
    public bool Overwrite { get; init; }

    internal IEnumerable<(string Key, string Problem)> Validate()
    {
        if (Method == "tagger" && Model is null) yield return ("model", "method: tagger needs a model folder");
        if (Method != "tagger" && Model is not null) yield return ("model", "model applies to method: tagger");
    }
}
